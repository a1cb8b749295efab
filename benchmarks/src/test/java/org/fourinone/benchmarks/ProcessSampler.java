package org.fourinone.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and resident set size of each process of the platform (and of the load generator), read
 * from {@code /proc/<pid>/stat} (utime + stime, in clock ticks) and {@code /proc/<pid>/status}
 * (VmRSS) once a second.
 */
final class ProcessSampler implements AutoCloseable {

  /** USER_HZ: 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
  static final double TICKS_PER_SECOND = 100.0;

  record Point(long nanos, long ticks, long rssKb) {}

  private final Map<String, Long> pids;
  private final Map<String, List<Point>> points = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  ProcessSampler(Map<String, Long> pids) {
    this.pids = pids;
    pids.keySet().forEach(name -> points.put(name, new ArrayList<>()));
    thread = new Thread(this::loop, "process-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      sample();
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  synchronized void sample() {
    long now = System.nanoTime();
    pids.forEach(
        (name, pid) -> {
          long ticks = ticks(pid);
          if (ticks >= 0) {
            points.get(name).add(new Point(now, ticks, rssKb(pid)));
          }
        });
  }

  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // the command name may contain spaces: fields count from after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (14), stime (15)
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone
    }
    return -1;
  }

  /** CPU use in % of one core between two instants, per process. */
  synchronized Map<String, Double> cpuPercent(long fromNanos, long toNanos) {
    Map<String, Double> result = new LinkedHashMap<>();
    points.forEach(
        (name, list) -> {
          Point a = at(list, fromNanos);
          Point b = at(list, toNanos);
          result.put(
              name,
              a == null || b == null || b.nanos() <= a.nanos()
                  ? Double.NaN
                  : 100.0
                      * (b.ticks() - a.ticks())
                      / TICKS_PER_SECOND
                      / ((b.nanos() - a.nanos()) / 1e9));
        });
    return result;
  }

  synchronized Map<String, long[]> rssLastAndMaxKb() {
    Map<String, long[]> result = new LinkedHashMap<>();
    points.forEach(
        (name, list) ->
            result.put(
                name,
                new long[] {
                  list.isEmpty() ? -1 : list.get(list.size() - 1).rssKb(),
                  list.stream().mapToLong(Point::rssKb).max().orElse(-1)
                }));
    return result;
  }

  private static Point at(List<Point> list, long nanos) {
    Point best = null;
    for (Point p : list) {
      if (best == null || Math.abs(p.nanos() - nanos) < Math.abs(best.nanos() - nanos)) {
        best = p;
      }
    }
    return best;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
