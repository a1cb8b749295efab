package org.fourinone.kit.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * The W3C traceparent of the current span, so that an event published later still belongs to its
 * request.
 */
public final class Traceparents {
  private Traceparents() {}

  public static String current(Tracer tracer) {
    if (tracer == null) {
      return null;
    }
    Span span = tracer.currentSpan();
    if (span == null) {
      return null;
    }
    var context = span.context();
    if (context.traceId() == null || context.traceId().chars().allMatch(c -> c == '0')) {
      return null; // a no-op tracer: there is no trace to continue
    }
    String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
    return "00-" + pad(context.traceId(), 32) + "-" + pad(context.spanId(), 16) + "-" + flags;
  }

  private static String pad(String hex, int length) {
    return hex.length() >= length ? hex : "0".repeat(length - hex.length()) + hex;
  }
}
