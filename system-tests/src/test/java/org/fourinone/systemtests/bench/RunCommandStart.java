package org.fourinone.systemtests.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fourinone.local.Platform;

/**
 * Target 3 in the issue's words: the README's run command ({@code ./deploy/local/run.sh}) on the
 * built tree, its start-up and memory at rest as its own summary prints them ("Started in", "Memory
 * … RSS", the launcher included). Run as a user runs it — the same script, JVM flags and class-data
 * archives — on free ports and an empty data directory of its own, so that a local stack already
 * running is not disturbed. The first start of a new build has no class-data archives yet and
 * writes them as it stops (next to the jars, {@code target/cds/*.jsa}); the README promises the
 * later starts: three more are measured on the data the first left, and their median is the figure
 * of record.
 */
final class RunCommandStart {

  private static final Pattern STARTED = Pattern.compile("Started in\\s+([0-9.]+) s");
  private static final Pattern MEMORY =
      Pattern.compile("Memory\\s+([0-9.]+) GB RSS, (\\d+) processes");
  private static final Pattern PER_PROCESS =
      Pattern.compile("Memory at rest, MB RSS per process: (.*)");
  private static final Duration READY_WITHIN = Duration.ofMinutes(4);
  private static final Duration STOP_WITHIN = Duration.ofMinutes(3);

  /** One start: what the summary printed. */
  record Start(double seconds, double rssGb, int processes, String perProcess) {
    String describe() {
      return String.format(
          Locale.ROOT,
          "started in %.1f s, %.2f GB RSS (%d processes, launcher included): %s",
          seconds,
          rssGb,
          processes,
          perProcess);
    }
  }

  /**
   * The starts measured: the first, on a new data directory (and the first of a build when it wrote
   * class-data archives), and the later starts on the data it left, as a user's later starts of
   * {@code run.sh} find theirs — of which the median is the figure of record.
   */
  record Figures(Start first, boolean firstWroteArchives, List<Start> later) {
    Start ofRecord() {
      List<Start> sorted =
          later.stream().sorted(Comparator.comparingDouble(Start::seconds)).toList();
      return sorted.get(sorted.size() / 2);
    }

    String range() {
      DoubleSummaryStatistics seconds =
          later.stream().mapToDouble(Start::seconds).summaryStatistics();
      return String.format(
          Locale.ROOT,
          "median of %d later starts, %.1f–%.1f s",
          later.size(),
          seconds.getMin(),
          seconds.getMax());
    }

    String describe() {
      StringBuilder text =
          new StringBuilder(
              "the README's run command (./deploy/local/run.sh: its JVM flags, class-data archives):");
      text.append(
              firstWroteArchives
                  ? "\n  first start, new data, writing the class-data archives of this build: "
                  : "\n  first start, new data: ")
          .append(first.describe());
      for (Start start : later) {
        text.append("\n  later start: ").append(start.describe());
      }
      text.append("\n  of record: the ").append(range());
      return text.toString();
    }
  }

  private RunCommandStart() {}

  /**
   * Starts the run command on a new data directory, then {@code starts} times more on the data it
   * left. After a start that wrote class-data archives the machine writes them out ({@code sync})
   * before the next: the start right after one that had written ~600 MB of archives measured 19.3
   * and 19.5 s, the same tree's later starts 14.0–15.3 s.
   */
  static Figures measure(Path projectRoot, Consumer<String> progress, int starts)
      throws IOException, InterruptedException {
    Path dataDir = Files.createTempDirectory("run-command-start-");
    Map<Path, FileTime> before = archives(projectRoot);
    Start first = once(projectRoot, progress, 1, dataDir, true);
    boolean wroteArchives = !archives(projectRoot).equals(before);
    if (wroteArchives) {
      progress.accept("  the archives are written: sync before the next start");
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    }
    List<Start> later = new ArrayList<>();
    for (int round = 2; later.size() < starts; round++) {
      later.add(once(projectRoot, progress, round, dataDir, false));
    }
    return new Figures(first, wroteArchives, List.copyOf(later));
  }

  private static Start once(
      Path root, Consumer<String> progress, int round, Path dataDir, boolean fresh)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(root.resolve("deploy/local/run.sh").toString());
    if (fresh) {
      command.add("--fresh");
    }
    command.add("--data-dir");
    command.add(dataDir.toString());
    for (String name : Platform.portNames()) {
      command.add("--port");
      command.add(name + "=0");
    }
    progress.accept(
        "  the README's run command, start "
            + round
            + ": "
            + String.join(" ", command.subList(1, command.size())));
    Process process =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    CompletableFuture<Void> summary = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.contains("ready in") || line.contains("class data:")) {
                    progress.accept("    " + line.strip());
                  }
                  if (PER_PROCESS.matcher(line).find()) {
                    summary.complete(null);
                  }
                }
              } catch (IOException e) {
                // the process went away: what was read is kept
              }
              summary.complete(null);
            },
            "run-command-output");
    reader.setDaemon(true);
    reader.start();
    try {
      summary.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the run command printed no summary within " + READY_WITHIN + ": " + tail(output), e);
    } finally {
      // Ctrl-C's path: the launcher's shutdown hook stops every component (and writes archives)
      process.destroy();
      if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      reader.join(10_000);
    }
    String all;
    synchronized (output) {
      all = String.join("\n", output);
    }
    Matcher started = STARTED.matcher(all);
    Matcher memory = MEMORY.matcher(all);
    Matcher perProcess = PER_PROCESS.matcher(all);
    if (!started.find() || !memory.find() || !perProcess.find()) {
      throw new IllegalStateException(
          "the run command's summary is not as expected: " + tail(output));
    }
    return new Start(
        Double.parseDouble(started.group(1)),
        Double.parseDouble(memory.group(1)),
        Integer.parseInt(memory.group(2)),
        perProcess.group(1).strip());
  }

  /**
   * The class-data archives next to the jars the run command starts ({@code <module>/target/cds}
   * and {@code deploy/<module>/target/cds}), and when each was written.
   */
  private static Map<Path, FileTime> archives(Path root) throws IOException {
    Map<Path, FileTime> archives = new TreeMap<>();
    List<Path> modules = new ArrayList<>();
    try (Stream<Path> top = Files.list(root);
        Stream<Path> deploy = Files.list(root.resolve("deploy"))) {
      modules.addAll(top.filter(Files::isDirectory).toList());
      modules.addAll(deploy.filter(Files::isDirectory).toList());
    }
    for (Path module : modules) {
      Path cds = module.resolve("target").resolve("cds");
      if (!Files.isDirectory(cds)) {
        continue;
      }
      try (Stream<Path> files = Files.list(cds)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".jsa")).toList()) {
          archives.put(file, Files.getLastModifiedTime(file));
        }
      }
    }
    return archives;
  }

  private static String tail(List<String> output) {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size()));
    }
  }
}
