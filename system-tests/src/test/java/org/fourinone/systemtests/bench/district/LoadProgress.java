package org.fourinone.systemtests.bench.district;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The load's console progress, in the style of the local stack's start-up lines: every few seconds
 * {@code [########............] 41 % orders 1 640 000/4 000 000 · 9 812 docs/s · ETA 4:01}, the
 * orders' four copies being what the load is measured by; at the end one line per collection with
 * its documents and rate.
 */
final class LoadProgress implements AutoCloseable {

  private static final int WIDTH = 24;

  private final Consumer<String> out;
  private final long expectedOrderDocuments;
  private final long started = System.nanoTime();
  private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final Thread ticker;
  private volatile boolean running = true;
  private long lastTotal;
  private long lastNanos = started;

  /**
   * @param expectedOrders the orders this load adds: it writes four documents each (the origin's
   *     and three projections)
   */
  LoadProgress(PrintStream out, long expectedOrders, Duration every) {
    this(out::println, expectedOrders, every);
  }

  LoadProgress(Consumer<String> out, long expectedOrders, Duration every) {
    this.out = out;
    this.expectedOrderDocuments = Math.max(1, expectedOrders * 4);
    this.ticker =
        new Thread(
            () -> {
              while (running) {
                try {
                  Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                if (running) {
                  out.accept(line());
                }
              }
            },
            "district-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  void written(String namespace, int documents) {
    written.computeIfAbsent(namespace, n -> new AtomicLong()).addAndGet(documents);
    total.addAndGet(documents);
  }

  long total() {
    return total.get();
  }

  long orderDocuments() {
    return written.entrySet().stream()
        .filter(e -> e.getKey().endsWith(".orders"))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  synchronized String line() {
    long now = System.nanoTime();
    long all = total.get();
    long orders = orderDocuments();
    double fraction = Math.min(1, orders / (double) expectedOrderDocuments);
    int done = (int) Math.round(fraction * WIDTH);
    double elapsed = (now - started) / 1e9;
    double recent = (all - lastTotal) / Math.max(1e-9, (now - lastNanos) / 1e9);
    lastTotal = all;
    lastNanos = now;
    double orderRate = orders / Math.max(1e-9, elapsed);
    String eta =
        orders == 0 ? "-" : clock((expectedOrderDocuments - orders) / Math.max(1e-9, orderRate));
    return String.format(
        Locale.ROOT,
        "  [%s%s] %3.0f %% orders %,d/%,d · %,.0f docs/s (now %,.0f) · %,d docs · %s · ETA %s",
        "#".repeat(done),
        ".".repeat(WIDTH - done),
        fraction * 100,
        orders,
        expectedOrderDocuments,
        all / Math.max(1e-9, elapsed),
        recent,
        all,
        clock(elapsed),
        eta);
  }

  /** One line per collection: documents written and their rate over the whole load. */
  String summary() {
    double elapsed = seconds();
    StringBuilder s = new StringBuilder();
    new TreeMap<>(written)
        .forEach(
            (namespace, n) ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "    %-36s %,12d docs %,10.0f docs/s%n",
                        namespace,
                        n.get(),
                        n.get() / Math.max(1e-9, elapsed))));
    s.append(
        String.format(
            Locale.ROOT,
            "    %-36s %,12d docs %,10.0f docs/s in %s",
            "all",
            total.get(),
            total.get() / Math.max(1e-9, elapsed),
            clock(elapsed)));
    return s.toString();
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  @Override
  public void close() {
    running = false;
    ticker.interrupt();
  }
}
