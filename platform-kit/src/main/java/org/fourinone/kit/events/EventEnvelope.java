package org.fourinone.kit.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One event as the platform puts it on the wire: CloudEvents 1.0 attributes, the per-aggregate
 * {@code sequence} extension, the W3C {@code traceparent} of the request that caused it, and the
 * JSON {@code data}.
 */
public record EventEnvelope(
    String id,
    String type,
    URI source,
    String subject,
    OffsetDateTime time,
    URI dataschema,
    long sequence,
    String traceparent,
    byte[] data) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }
}
