package org.fourinone.kit.audit;

import java.time.Instant;
import java.util.List;

/** One line of the audit log: who did or read what, when, from where, with what outcome. */
public record AuditEntry(
    String id,
    Instant at,
    String system,
    String actor,
    List<String> roles,
    String action,
    String targetType,
    String targetId,
    Outcome outcome,
    String clientIp,
    String traceId,
    String detail) {

  public enum Outcome {
    SUCCESS,
    DENIED,
    FAILED
  }
}
