package org.fourinone.systemtests.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of latencies kept in nanoseconds, answered in milliseconds. */
public final class Percentiles {

  private final List<Long> sorted;

  private Percentiles(List<Long> sorted) {
    this.sorted = sorted;
  }

  public static Percentiles of(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return new Percentiles(sorted);
  }

  /** Nearest-rank percentile {@code p} (0–100] in ms; {@code NaN} when there are no samples. */
  public static double ms(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.size());
    return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, rank - 1))) / 1e6;
  }

  public double ms(double p) {
    return ms(sorted, p);
  }

  public double maxMs() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6;
  }

  /** The nearest-rank percentile of the samples as they are (counts, not latencies); -1 if none. */
  public long value(double p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  public int count() {
    return sorted.size();
  }

  /** How many samples are above {@code millis}. */
  public long above(double millis) {
    return sorted.stream().filter(n -> n / 1e6 > millis).count();
  }
}
