package org.fourinone.systemtests.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fourinone.local.Platform;

/**
 * CPU time each component of a running platform has used (user + system, from the operating system
 * through {@link ProcessHandle.Info#totalCpuDuration()}), so that a phase's difference says where
 * an order's CPU goes across the nine JVMs.
 */
final class ComponentCpu {

  private ComponentCpu() {}

  /** CPU used so far by each running component, in start order; empty where the OS does not say. */
  static Map<String, Duration> read(Platform platform) {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    for (String name : platform.components()) {
      long pid = platform.pid(name);
      if (pid > 0) {
        ProcessHandle.of(pid)
            .flatMap(p -> p.info().totalCpuDuration())
            .ifPresent(d -> cpu.put(name, d));
      }
    }
    return cpu;
  }

  /** Seconds of CPU in all of them. */
  static double total(Map<String, Duration> cpu) {
    return cpu.values().stream().mapToLong(Duration::toNanos).sum() / 1e9;
  }

  /** What each component used between two readings (components in both only). */
  static Map<String, Duration> delta(Map<String, Duration> before, Map<String, Duration> after) {
    Map<String, Duration> delta = new LinkedHashMap<>();
    after.forEach(
        (name, d) -> {
          Duration earlier = before.get(name);
          if (earlier != null) {
            delta.put(name, d.minus(earlier));
          }
        });
    return delta;
  }
}
