package org.fourinone.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Application class-data sharing (AppCDS) for the child JVMs, so that a start on a built tree is
 * seconds instead of half a minute: most of a Spring Boot service's start-up on two cores is
 * loading, parsing and verifying ~15 000 classes, which a CDS archive maps from a file instead.
 *
 * <p>A Spring Boot jar cannot be archived as it is (its classes come from nested jars through
 * Boot's own class loader), so each one is first extracted into its <em>exploded</em> form ({@code
 * java -Djarmode=tools -jar x.jar extract}: a thin jar whose manifest names {@code lib/*.jar}), the
 * layout Spring Boot documents for CDS. The first start of a new build writes each JVM's dynamic
 * archive when that JVM exits ({@code -XX:ArchiveClassesAtExit}, to a {@code .part} file that
 * {@link #adopt} moves into place once the process has stopped), and every later start maps it
 * ({@code -XX:SharedArchiveFile}). Dumping at exit, not from the running JVM, keeps the running
 * platform free of the dump's pause (a {@code jcmd VM.cds dynamic_dump} froze a service for up to
 * 16 s, past the gateway's 10 s upstream time-out) and of the memory it leaves behind. A rebuilt
 * jar is extracted again and its archive dropped; an archive the JVM finds unusable is ignored by
 * it (sharing is "auto"), never fatal.
 */
final class ClassDataSharing {

  /**
   * {@code true} (the default): archives are used, and recorded where missing; {@code false}: every
   * child starts from its jar, without archives; {@code use}: archives are used where present but
   * none is recorded (the system tests: a fresh clone's test run is the jars' last run, and five
   * JVMs writing their archives as they stop cost half a minute of its two cores). Also the
   * environment variable {@code FOURINONE_LOCAL_CDS}.
   */
  static final String ENABLED_PROPERTY = "fourinone.local.cds";

  private static final String STAMP = "source.txt";

  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private ClassDataSharing() {}

  /** How to launch one component, and whether its archive is still to be written. */
  record Launch(List<String> javaArguments, Optional<Path> archiveToWrite) {}

  static boolean enabled() {
    return !"false".equalsIgnoreCase(setting());
  }

  /** Whether a missing archive is recorded (not in mode {@code use}). */
  static boolean recording() {
    return enabled() && !"use".equalsIgnoreCase(setting());
  }

  private static String setting() {
    String property = System.getProperty(ENABLED_PROPERTY);
    return property != null
        ? property
        : System.getenv().getOrDefault("FOURINONE_LOCAL_CDS", "true");
  }

  /**
   * Explodes the jars whose copy is missing or older, two at a time, off the caller's thread;
   * {@link #bootJar} then finds them ready (or waits for the one in progress).
   */
  static CompletableFuture<Void> explodeInBackground(List<Path> jars, Progress progress) {
    if (!enabled() || jars.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "local-stack-explode");
              t.setDaemon(true);
              return t;
            });
    CompletableFuture<?>[] tasks =
        jars.stream()
            .map(
                jar ->
                    CompletableFuture.runAsync(
                        () -> {
                          try {
                            extractIfStale(jar, layout(jar), progress);
                          } catch (IOException | RuntimeException e) {
                            // bootJar tries again and falls back to the jar itself
                          }
                        },
                        pool))
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(tasks).whenComplete((ok, e) -> pool.shutdown());
  }

  /** Where a jar's exploded copy and archive live: {@code <dir of the jar>/cds/}. */
  private record Layout(Path home, Path exploded, Path thinJar, Path archive) {}

  private static Layout layout(Path jar) {
    Path home = jar.resolveSibling("cds");
    Path exploded = home.resolve("app");
    return new Layout(
        home,
        exploded,
        exploded.resolve(jar.getFileName()),
        home.resolve(stripJar(jar.getFileName().toString()) + ".jsa"));
  }

  /**
   * The arguments that start a Spring Boot jar: from its exploded copy beside it ({@code
   * target/cds/app}) with its archive, or with recording on when there is none yet. Falls back to
   * {@code -jar <jar>} when extracting fails (say, a read-only tree).
   */
  static Launch bootJar(Path jar, Progress progress) {
    if (!enabled()) {
      return new Launch(List.of("-jar", jar.toString()), Optional.empty());
    }
    Layout layout = layout(jar);
    try {
      extractIfStale(jar, layout, progress);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      progress.note(
          "class data: cannot extract "
              + jar.getFileName()
              + " ("
              + e.getMessage()
              + "); starting it from the jar");
      return new Launch(List.of("-jar", jar.toString()), Optional.empty());
    }
    return withArchive(layout.archive(), List.of("-jar", layout.thinJar().toString()));
  }

  /**
   * The options for a child started on a class path of jars ({@code local-stack.jar:lib/*}): its
   * archive lives in {@code <dir of the first jar>/cds/<name>.jsa}, valid while no jar of that
   * class path is newer.
   */
  static Launch classpath(String name, String classpath) {
    String[] entries = classpath.split(java.io.File.pathSeparator);
    if (!enabled() || entries.length == 0 || !entries[0].endsWith(".jar")) {
      // classes directories (a test's class path) cannot be archived
      return new Launch(List.of(), Optional.empty());
    }
    Path first = Path.of(entries[0]);
    Path archive = first.resolveSibling("cds").resolve(name + ".jsa");
    try {
      FileTime newest = FileTime.fromMillis(0);
      List<Path> jars = new ArrayList<>();
      for (String entry : entries) {
        if (entry.endsWith("*")) {
          try (Stream<Path> files = Files.list(Path.of(entry.substring(0, entry.length() - 1)))) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
          }
        } else if (entry.endsWith(".jar")) {
          jars.add(Path.of(entry));
        } else {
          return new Launch(List.of(), Optional.empty());
        }
      }
      for (Path path : jars) {
        FileTime modified = Files.getLastModifiedTime(path);
        newest = modified.compareTo(newest) > 0 ? modified : newest;
      }
      if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(newest) < 0) {
        Files.delete(archive);
      }
      Files.createDirectories(archive.getParent());
    } catch (IOException e) {
      return new Launch(List.of(), Optional.empty());
    }
    return withArchive(archive, List.of());
  }

  private static Launch withArchive(Path archive, List<String> rest) {
    List<String> arguments = new ArrayList<>();
    Optional<Path> toWrite;
    if (Files.isRegularFile(archive)) {
      arguments.add("-XX:SharedArchiveFile=" + archive);
      toWrite = Optional.empty();
    } else if (!recording()) {
      toWrite = Optional.empty();
    } else {
      Path partial = partial(archive);
      try {
        Files.deleteIfExists(partial); // what a stop that never finished left
      } catch (IOException e) {
        return new Launch(rest, Optional.empty());
      }
      arguments.add("-XX:ArchiveClassesAtExit=" + partial);
      toWrite = Optional.of(archive);
    }
    arguments.addAll(rest);
    return new Launch(arguments, toWrite);
  }

  /** Where a JVM writes its archive as it exits, before {@link #adopt} takes it. */
  static Path partial(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".part");
  }

  /**
   * Once a recording JVM has stopped, its archive (written as it exited) replaces any older one;
   * returns whether there was one. A JVM killed before or during its dump leaves none, or a part
   * that the next recording start deletes.
   */
  static boolean adopt(Path archive) {
    Path partial = partial(archive);
    try {
      if (Files.isRegularFile(partial) && Files.size(partial) > 0) {
        Files.move(
            partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
      }
    } catch (IOException e) {
      // no archive this time: the next start records again
    }
    return false;
  }

  private static void extractIfStale(Path jar, Layout layout, Progress progress)
      throws IOException {
    Path home = layout.home();
    Path exploded = layout.exploded();
    Path archive = layout.archive();
    Files.createDirectories(home);
    // a file lock for other JVMs (another platform on the same tree), a monitor for this one's
    // threads (a second FileLock of the same JVM would throw)
    synchronized (LOCKS.computeIfAbsent(home.toAbsolutePath(), h -> new Object())) {
      extractLocked(jar, home, exploded, archive, progress);
    }
  }

  private static void extractLocked(
      Path jar, Path home, Path exploded, Path archive, Progress progress) throws IOException {
    String source = identity(jar);
    Path stamp = exploded.resolve(STAMP);
    try (FileChannel channel =
            FileChannel.open(
                home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (Files.isRegularFile(stamp)
          && Files.readString(stamp, StandardCharsets.UTF_8).equals(source)) {
        return;
      }
      progress.note("class data: extracting " + jar.getFileName() + " (once per build)");
      Files.deleteIfExists(archive);
      deleteTree(exploded);
      Process extract =
          new ProcessBuilder(
                  javaBinary(),
                  "-Djarmode=tools",
                  "-jar",
                  jar.toString(),
                  "extract",
                  "--destination",
                  exploded.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0) {
          extract.destroyForcibly();
          throw new IllegalStateException("extract exited " + extract.exitValue());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        extract.destroyForcibly();
        throw new IllegalStateException("interrupted");
      }
      Files.writeString(stamp, source, StandardCharsets.UTF_8);
    }
  }

  /**
   * What tells one build of a jar from the next: size, modification and — since a reproducible
   * build writes the same modification time every time — the inode's change time where the system
   * has one.
   */
  static String identity(Path jar) throws IOException {
    String changed;
    try {
      changed = String.valueOf(Files.getAttribute(jar, "unix:ctime"));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      changed = "";
    }
    return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + changed;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String stripJar(String fileName) {
    return fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
