package org.fourinone.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM: how to start it, where its output goes, how to tell it is ready, how to stop it.
 */
final class ManagedProcess {

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path logFile;
  private final Path workingDir;
  private final ReadinessProbe probe;
  private volatile Process process;

  ManagedProcess(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path logFile,
      Path workingDir,
      ReadinessProbe probe) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.logFile = logFile;
    this.workingDir = workingDir;
    this.probe = probe;
  }

  String name() {
    return name;
  }

  Path logFile() {
    return logFile;
  }

  List<String> command() {
    return command;
  }

  synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "=== "
              + LocalDateTime.now()
              + " local-stack starts "
              + name
              + ": "
              + String.join(" ", command)
              + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workingDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      // glibc gives every thread that allocates its own 64 MB malloc arena; a JVM has dozens of
      // threads, and their half-empty arenas were tens of MB of each child's resident memory
      builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new PlatformException(name, "Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the probe says ready; fails fast, with the tail of the log, when the process dies.
   */
  void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Process current = process;
      if (current == null || !current.isAlive()) {
        String exit =
            current == null ? "was not started" : "exited with code " + current.exitValue();
        throw new PlatformException(
            name, name + " " + exit + " while starting; see " + logFile, tail(40));
      }
      try {
        if (probe.isReady()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException(name, "Interrupted while waiting for " + name, e);
      } catch (Exception notYet) {
        // not ready yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new PlatformException(
            name,
            name + " not ready after " + timeout.toSeconds() + " s; see " + logFile,
            tail(40));
      }
      sleep(200);
    }
  }

  /** Waits for a short-lived process (a tool run) to end; returns its exit code. */
  int waitFor() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new PlatformException(name, "Interrupted while waiting for " + name, e);
    }
  }

  boolean isAlive() {
    Process current = process;
    return current != null && current.isAlive();
  }

  long pid() {
    Process current = process;
    return current == null ? -1 : current.pid();
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL. */
  void stop(Duration grace) {
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    current.destroy();
    try {
      if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      current.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code kill -9}, and wait until the process is gone. */
  void kill() {
    Process current = process;
    if (current == null) {
      return;
    }
    current.destroyForcibly();
    try {
      current.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last {@code lines} lines of the log file. */
  String tail(int lines) {
    return tail(logFile, lines);
  }

  static String tail(Path file, int lines) {
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long from = Math.max(0, length - 64 * 1024);
      byte[] bytes = new byte[(int) (length - from)];
      raf.seek(from);
      raf.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      int start = Math.max(0, all.length - lines);
      return String.join(
          System.lineSeparator(), java.util.Arrays.asList(all).subList(start, all.length));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("", "Interrupted", e);
    }
  }
}
