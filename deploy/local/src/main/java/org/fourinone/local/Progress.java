package org.fourinone.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Start-up progress, one line per event: {@code [###....] 3/7 kafka ready in 2.1 s}. Silent without
 * a stream.
 */
final class Progress {

  private final PrintStream out;
  private final int total;
  private int ready;

  Progress(PrintStream out, int total) {
    this.out = out;
    this.total = Math.max(total, 1);
  }

  synchronized void starting(String name, String where) {
    line("  " + bar() + "  " + pad(name) + " starting… " + where);
  }

  synchronized void ready(String name, Duration took) {
    ready++;
    line("  " + bar() + "  " + pad(name) + " ready in " + seconds(took));
  }

  synchronized void failed(String name, String why) {
    line("  " + bar() + "  " + pad(name) + " FAILED: " + why);
  }

  synchronized void restarting(String name, String where) {
    line("  " + pad(name) + " restarting… " + where);
  }

  synchronized void restarted(String name, Duration took) {
    line("  " + pad(name) + " ready again in " + seconds(took));
  }

  synchronized void stopped(String name, Duration took) {
    line("  " + pad(name) + " stopped in " + seconds(took));
  }

  synchronized void note(String text) {
    line("  " + " ".repeat(total + 2) + "  " + text);
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private String bar() {
    int done = Math.min(ready, total);
    return "[" + "#".repeat(done) + ".".repeat(total - done) + "]";
  }

  private static String pad(String name) {
    return String.format(Locale.ROOT, "%-23s", name);
  }

  private void line(String text) {
    if (out != null) {
      out.println(text);
      out.flush();
    }
  }
}
