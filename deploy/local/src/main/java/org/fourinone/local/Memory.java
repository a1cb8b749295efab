package org.fourinone.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Resident memory of the platform's processes, read from {@code /proc/<pid>/status} (Linux; empty
 * elsewhere). RSS counts the pages each process has in memory, shared ones (the JDK's libraries,
 * the JDK's own class-data archive) once per process, so the sum over-states what the machine gives
 * the stack: the figure a target is held to, not flattered.
 */
final class Memory {

  private Memory() {}

  /** VmRSS of a process in bytes, if it runs and the system tells. */
  static OptionalLong residentSetSize(long pid) {
    if (pid <= 0) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return OptionalLong.empty();
  }

  /** {@code 1.14 GB RSS, 10 processes}; empty when nothing could be read. */
  static String total(Map<String, Long> sizes) {
    if (sizes.isEmpty()) {
      return "";
    }
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    return String.format(
        Locale.ROOT,
        "%.2f GB RSS, %d process%s",
        total / 1e9,
        sizes.size(),
        sizes.size() == 1 ? "" : "es");
  }

  /** {@code oidc 96 · kafka 180 · …} in MB. */
  static String breakdown(Map<String, Long> sizes) {
    StringBuilder parts = new StringBuilder();
    sizes.forEach(
        (name, bytes) ->
            parts
                .append(parts.length() == 0 ? "" : " · ")
                .append(name)
                .append(' ')
                .append(mb(bytes)));
    return parts.toString();
  }

  static long mb(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }

  static Map<String, Long> of(Map<String, Long> pids) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    pids.forEach((name, pid) -> residentSetSize(pid).ifPresent(rss -> sizes.put(name, rss)));
    return sizes;
  }
}
