package org.fourinone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

  @TempDir Path dir;

  @Test
  void recordsWhileAClassPathHasNoArchiveAndMapsItOnceWritten() throws Exception {
    Path launcher = jar(dir.resolve("local-stack.jar"));
    Files.createDirectories(dir.resolve("lib"));
    jar(dir.resolve("lib").resolve("kafka.jar"));
    String classpath = launcher + java.io.File.pathSeparator + dir.resolve("lib") + "/*";

    ClassDataSharing.Launch first = ClassDataSharing.classpath("kafka", classpath);
    Path archive = dir.resolve("cds").resolve("kafka.jsa");
    assertThat(first.javaArguments())
        .containsExactly("-XX:ArchiveClassesAtExit=" + archive + ".part");
    assertThat(first.archiveToWrite()).contains(archive);

    // the JVM writes the part as it exits; once it has stopped the archive is taken
    Files.writeString(dir.resolve("cds").resolve("kafka.jsa.part"), "an archive");
    assertThat(ClassDataSharing.adopt(archive)).isTrue();
    assertThat(dir.resolve("cds").resolve("kafka.jsa.part")).doesNotExist();
    ClassDataSharing.Launch second = ClassDataSharing.classpath("kafka", classpath);
    assertThat(second.javaArguments()).containsExactly("-XX:SharedArchiveFile=" + archive);
    assertThat(second.archiveToWrite()).isEmpty();
  }

  @Test
  void inModeUseMapsAnArchiveThatExistsAndRecordsNone() throws Exception {
    Path launcher = jar(dir.resolve("local-stack.jar"));
    String classpath = launcher.toString();
    Path archive = dir.resolve("cds").resolve("kafka.jsa");
    String before = System.getProperty(ClassDataSharing.ENABLED_PROPERTY);
    System.setProperty(ClassDataSharing.ENABLED_PROPERTY, "use");
    try {
      ClassDataSharing.Launch none = ClassDataSharing.classpath("kafka", classpath);
      assertThat(none.javaArguments()).isEmpty();
      assertThat(none.archiveToWrite()).isEmpty();

      Files.writeString(archive, "an archive");
      ClassDataSharing.Launch mapped = ClassDataSharing.classpath("kafka", classpath);
      assertThat(mapped.javaArguments()).containsExactly("-XX:SharedArchiveFile=" + archive);
      assertThat(mapped.archiveToWrite()).isEmpty();
    } finally {
      if (before == null) {
        System.clearProperty(ClassDataSharing.ENABLED_PROPERTY);
      } else {
        System.setProperty(ClassDataSharing.ENABLED_PROPERTY, before);
      }
    }
  }

  @Test
  void dropsTheArchiveWhenAJarOfTheClassPathIsNewer() throws Exception {
    Path launcher = jar(dir.resolve("local-stack.jar"));
    Files.createDirectories(dir.resolve("lib"));
    Path library = jar(dir.resolve("lib").resolve("kafka.jar"));
    Path archive = dir.resolve("cds").resolve("kafka.jsa");
    Files.createDirectories(archive.getParent());
    Files.writeString(archive, "an archive of the old build");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
    Files.setLastModifiedTime(library, FileTime.from(Instant.now()));

    ClassDataSharing.Launch launch =
        ClassDataSharing.classpath(
            "kafka", launcher + java.io.File.pathSeparator + dir.resolve("lib") + "/*");

    assertThat(archive).doesNotExist();
    assertThat(launch.javaArguments())
        .containsExactly("-XX:ArchiveClassesAtExit=" + archive + ".part");
  }

  @Test
  void takesNoArchiveFromAJvmThatWroteNoneAndDropsAPartLeftBehind() throws Exception {
    Path launcher = jar(dir.resolve("local-stack.jar"));
    Path archive = dir.resolve("cds").resolve("mongodb.jsa");
    Files.createDirectories(archive.getParent());
    Path partial = ClassDataSharing.partial(archive);
    Files.writeString(partial, "half an archive from a stop that never finished");

    ClassDataSharing.Launch launch = ClassDataSharing.classpath("mongodb", launcher.toString());

    assertThat(partial).doesNotExist();
    assertThat(ClassDataSharing.adopt(archive)).isFalse();
    assertThat(archive).doesNotExist();
    assertThat(launch.archiveToWrite()).contains(archive);
  }

  @Test
  void leavesAClassPathWithClassDirectoriesAlone() throws Exception {
    Files.createDirectories(dir.resolve("classes"));
    ClassDataSharing.Launch launch =
        ClassDataSharing.classpath("mongodb", dir.resolve("classes").toString());
    assertThat(launch.javaArguments()).isEmpty();
    assertThat(launch.archiveToWrite()).isEmpty();
  }

  @Test
  void startsAJarThatCannotBeExplodedAsItIs() throws Exception {
    Path notBoot = jar(dir.resolve("service.jar"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), 1);

    ClassDataSharing.Launch launch = ClassDataSharing.bootJar(notBoot, progress);

    assertThat(launch.javaArguments()).containsExactly("-jar", notBoot.toString());
    assertThat(launch.archiveToWrite()).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("cannot extract service.jar");
  }

  @Test
  void asksForNativeHeapTrimmingOnlyWhereTheFlagExists() {
    assertThat(Platform.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
    assertThat(Platform.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
    assertThat(Platform.trimsNativeHeap(Runtime.Version.parse("20.0.2"))).isFalse();
    assertThat(Platform.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
    assertThat(Platform.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
    assertThat(Platform.trimsNativeHeap(Runtime.Version.parse("25"))).isTrue();
  }

  @Test
  void readsItsOwnResidentMemoryAndSumsIt() {
    long self = ProcessHandle.current().pid();
    var sizes = Memory.of(Map.of("tests", self));
    if (Files.isReadable(Path.of("/proc/self/status"))) {
      assertThat(sizes.get("tests")).isGreaterThan(10L * 1024 * 1024);
      assertThat(Memory.total(sizes)).matches("\\d+\\.\\d\\d GB RSS, 1 process");
      assertThat(Memory.breakdown(sizes)).matches("tests \\d+");
    }
    assertThat(Memory.of(Map.of("gone", -1L))).isEmpty();
    assertThat(Memory.total(Map.of())).isEmpty();
  }

  private static Path jar(Path path) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path), manifest)) {
      // an empty jar
    }
    Files.setLastModifiedTime(path, FileTime.from(Instant.now().minusSeconds(30)));
    return path;
  }
}
