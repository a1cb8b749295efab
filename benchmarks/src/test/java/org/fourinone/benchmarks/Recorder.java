package org.fourinone.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every timed request of the simulation: name, when it started, how long it took, whether it
 * succeeded. Gatling's HTML report has the same requests; this one also splits them by load step.
 */
final class Recorder {

  record Sample(String name, long startNanos, long nanos, boolean ok) {}

  private static final ConcurrentLinkedQueue<Sample> SAMPLES = new ConcurrentLinkedQueue<>();

  /** When the first order of the stepped load was sent; -1 until then. */
  static final AtomicLong LOAD_START = new AtomicLong(-1);

  private Recorder() {}

  static void record(String name, long startNanos, long nanos, boolean ok) {
    SAMPLES.add(new Sample(name, startNanos, nanos, ok));
  }

  static void markLoadStart() {
    LOAD_START.compareAndSet(-1, System.nanoTime());
  }

  static List<Sample> samples() {
    return new ArrayList<>(SAMPLES);
  }

  /**
   * Load step (0-based) a request sent at {@code startNanos} belongs to, -1 outside the stepped
   * load.
   */
  static int step(long startNanos, long stepNanos, int steps) {
    long start = LOAD_START.get();
    if (start < 0 || startNanos < start) {
      return -1;
    }
    long i = (startNanos - start) / stepNanos;
    return i < steps ? (int) i : -1;
  }

  /** Nearest-rank percentile in ms of the successful samples. */
  static double percentile(List<Long> sortedNanos, double p) {
    return org.fourinone.systemtests.bench.Percentiles.ms(sortedNanos, p);
  }

  static String row(String label, List<Sample> samples, double seconds) {
    List<Long> ok = new ArrayList<>();
    long ko = 0;
    for (Sample s : samples) {
      if (s.ok()) {
        ok.add(s.nanos());
      } else {
        ko++;
      }
    }
    Collections.sort(ok);
    return String.format(
        Locale.ROOT,
        "%-30s %7d %5d %8.1f %8.1f %8.1f %8.1f %8.1f",
        label,
        ok.size(),
        ko,
        seconds > 0 ? ok.size() / seconds : Double.NaN,
        percentile(ok, 50),
        percentile(ok, 95),
        percentile(ok, 99),
        ok.isEmpty() ? Double.NaN : ok.get(ok.size() - 1) / 1e6);
  }

  static String header(String first) {
    return String.format(
        Locale.ROOT,
        "%-30s %7s %5s %8s %8s %8s %8s %8s",
        first,
        "ok",
        "ko",
        "ok/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms");
  }

  static Map<String, List<Sample>> byName(List<Sample> samples) {
    Map<String, List<Sample>> map = new java.util.LinkedHashMap<>();
    samples.forEach(s -> map.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
    return map;
  }
}
