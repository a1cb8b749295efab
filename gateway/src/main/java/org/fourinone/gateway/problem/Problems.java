package org.fourinone.gateway.problem;

import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * The problems the gateway itself answers with, titles and details from {@code
 * messages_zh_CN.properties} / {@code messages_en.properties}. Upstream problems are never
 * rewritten: they pass through as the service wrote them.
 */
public class Problems {

  static final String TYPE_PREFIX = "https://fourinone.org/problems/gateway.";

  private final MessageSource messages;

  public Problems(MessageSource messages) {
    this.messages = messages;
  }

  /** A service could not be reached, reset the connection, or its circuit breaker is open. */
  public ProblemDetail serviceUnavailable(String serviceId, String instance, Locale locale) {
    return forService(
        HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", serviceId, instance, locale);
  }

  /** A service did not answer within the gateway's time limit. */
  public ProblemDetail upstreamTimeout(String serviceId, String instance, Locale locale) {
    return forService(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", serviceId, instance, locale);
  }

  public ProblemDetail contentTooLarge(DataSize limit, String instance, Locale locale) {
    return problem(
        HttpStatus.CONTENT_TOO_LARGE, "content-too-large", instance, locale, limit.toKilobytes());
  }

  public ProblemDetail notFound(String instance, Locale locale) {
    return problem(HttpStatus.NOT_FOUND, "not-found", instance, locale, instance);
  }

  /**
   * No access token, or one the gateway refused (expired, another issuer or audience, bad
   * signature).
   */
  public ProblemDetail unauthorized(String instance, Locale locale) {
    return problem(HttpStatus.UNAUTHORIZED, "unauthorized", instance, locale);
  }

  public ProblemDetail forbidden(String instance, Locale locale) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", instance, locale);
  }

  /**
   * The client is over its rate limit; {@code retryAfterSeconds} is also sent as {@code
   * Retry-After}.
   */
  public ProblemDetail tooManyRequests(long retryAfterSeconds, String instance, Locale locale) {
    return problem(
        HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", instance, locale, retryAfterSeconds);
  }

  /** Any other status the gateway decides itself (405, 400, 500, ...), without internals. */
  public ProblemDetail gatewayError(HttpStatusCode status, String instance, Locale locale) {
    String slug = status.is5xxServerError() ? "gateway-error" : "request-rejected";
    return problem(status, slug, instance, locale, status.value());
  }

  private ProblemDetail forService(
      HttpStatusCode status, String slug, String serviceId, String instance, Locale locale) {
    String serviceName =
        messages.getMessage(
            "service." + serviceId,
            null,
            messages.getMessage("service.unknown", null, serviceId, locale),
            locale);
    ProblemDetail problem = problem(status, slug, instance, locale, serviceName);
    problem.setProperty("service", serviceId);
    return problem;
  }

  private ProblemDetail problem(
      HttpStatusCode status, String slug, String instance, Locale locale, Object... args) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setType(URI.create(TYPE_PREFIX + slug));
    problem.setTitle(messages.getMessage("problem." + slug + ".title", null, locale));
    problem.setDetail(messages.getMessage("problem." + slug + ".detail", args, locale));
    problem.setInstance(URI.create(instance));
    problem.setProperty("code", "gateway." + slug);
    return problem;
  }
}
