package org.fourinone.kit.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** A problem as the JSON members RFC 9457 names, for responses written outside Spring MVC. */
final class ProblemJson {
  private ProblemJson() {}

  static Map<String, Object> of(ProblemDetail detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", String.valueOf(detail.getType()));
    body.put("title", detail.getTitle());
    body.put("status", detail.getStatus());
    body.put("detail", detail.getDetail());
    body.put("instance", String.valueOf(detail.getInstance()));
    if (detail.getProperties() != null) {
      body.putAll(detail.getProperties());
    }
    return body;
  }
}
