package org.fourinone.kit.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule the request broke, thrown by domain and application code, which know nothing of HTTP.
 * {@code code} names a message in the {@code messages} bundles (zh-CN by default, en on request);
 * {@code args} fill it in; {@code properties} become extension members of the RFC 9457 problem.
 * {@link ProblemHandling} is the one place that maps a {@link Kind} to an HTTP status.
 */
public class Problem extends RuntimeException {

  /** What kind of refusal this is; the web layer turns it into a status. */
  public enum Kind {
    /** The request itself is malformed or incomplete (400). */
    INVALID,
    /** The caller may not do this (403). */
    FORBIDDEN,
    /** No such thing, or none the caller may see (404). */
    NOT_FOUND,
    /** It does not fit the current state (409). */
    CONFLICT,
    /** Well-formed, but it names something that does not fit the rules (422). */
    UNPROCESSABLE,
    /** A system it depends on cannot serve now; nothing was done, try again later (503). */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final Object[] args;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public Problem(Kind kind, String code, Object... args) {
    super(code, null, false, false);
    this.kind = kind;
    this.code = code;
    this.args = args;
  }

  public static Problem badRequest(String code, Object... args) {
    return new Problem(Kind.INVALID, code, args);
  }

  public static Problem notFound(String code, Object... args) {
    return new Problem(Kind.NOT_FOUND, code, args);
  }

  public static Problem forbidden(String code, Object... args) {
    return new Problem(Kind.FORBIDDEN, code, args);
  }

  /** The caller's roles do not allow this. */
  public static Problem forbidden() {
    return new Problem(Kind.FORBIDDEN, "auth.forbidden");
  }

  public static Problem conflict(String code, Object... args) {
    return new Problem(Kind.CONFLICT, code, args);
  }

  public static Problem unavailable(String code, Object... args) {
    return new Problem(Kind.UNAVAILABLE, code, args);
  }

  public static Problem unprocessable(String code, Object... args) {
    return new Problem(Kind.UNPROCESSABLE, code, args);
  }

  public Problem with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public Object[] args() {
    return args;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
