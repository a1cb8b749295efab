package org.fourinone.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the checkout: the nearest directory, from a start directory upwards, whose {@code pom.xml}
 * is the platform's root POM.
 */
public final class ProjectRoot {

  static final String ROOT_ARTIFACT = "<artifactId>fourinone-platform</artifactId>";

  private ProjectRoot() {}

  /** Walks up from the working directory. */
  public static Path find() {
    return find(Path.of("").toAbsolutePath())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot find the project root (a pom.xml with "
                        + ROOT_ARTIFACT
                        + ") above "
                        + Path.of("").toAbsolutePath()));
  }

  public static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && isRootPom(pom)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static boolean isRootPom(Path pom) {
    try {
      // the modules name fourinone-platform as their <parent>: only the root's own artifactId
      // counts
      String text = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
      return text.contains(ROOT_ARTIFACT);
    } catch (IOException e) {
      return false;
    }
  }
}
