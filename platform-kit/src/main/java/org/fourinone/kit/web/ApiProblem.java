package org.fourinone.kit.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on. {@code code} names a message in {@code kit-messages} or the
 * service's {@code messages} bundle (zh-CN by default, en on request); {@code args} fill it in;
 * {@code properties} become extension members of the RFC 9457 problem.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final Object[] args;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public ApiProblem(HttpStatus status, String code, Object... args) {
    super(code, null, false, false);
    this.status = status;
    this.code = code;
    this.args = args;
  }

  public static ApiProblem badRequest(String code, Object... args) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, code, args);
  }

  public static ApiProblem notFound(String code, Object... args) {
    return new ApiProblem(HttpStatus.NOT_FOUND, code, args);
  }

  public static ApiProblem forbidden(String code, Object... args) {
    return new ApiProblem(HttpStatus.FORBIDDEN, code, args);
  }

  public static ApiProblem conflict(String code, Object... args) {
    return new ApiProblem(HttpStatus.CONFLICT, code, args);
  }

  public static ApiProblem unprocessable(String code, Object... args) {
    return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, code, args);
  }

  public ApiProblem with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public HttpStatus status() {
    return status;
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
