package org.fourinone.kit.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** Builds localized RFC 9457 problems: zh-CN by default, English on {@code Accept-Language: en}. */
@Component
public class Problems {

  public static final String TYPE_BASE = "https://fourinone.org/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MessageSource messages;
  private final LocaleResolver locales;

  public Problems(MessageSource messages, LocaleResolver locales) {
    this.messages = messages;
    this.locales = locales;
  }

  public ProblemDetail of(HttpServletRequest request, Problem problem) {
    ProblemDetail detail = of(request, status(problem.kind()), problem.code(), problem.args());
    problem.properties().forEach(detail::setProperty);
    return detail;
  }

  public ProblemDetail of(
      HttpServletRequest request, HttpStatus status, String code, Object... args) {
    Locale locale = locales.resolveLocale(request);
    ProblemDetail detail = ProblemDetail.forStatus(status);
    detail.setType(URI.create(TYPE_BASE + code));
    detail.setTitle(
        message("status." + status.value(), new Object[0], status.getReasonPhrase(), locale));
    detail.setDetail(message(code, args, code, locale));
    detail.setInstance(URI.create(request.getRequestURI()));
    detail.setProperty("code", code);
    return detail;
  }

  /** The one mapping of a refusal's kind to an HTTP status. */
  public static HttpStatus status(Problem.Kind kind) {
    return switch (kind) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  public String message(String code, Object[] args, String fallback, Locale locale) {
    return messages.getMessage(code, args, fallback, locale);
  }

  public Locale locale(HttpServletRequest request) {
    return locales.resolveLocale(request);
  }

  /** Writes a problem as the response, outside Spring MVC (filters). */
  public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail detail)
      throws IOException {
    response.setStatus(detail.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getOutputStream(), ProblemJson.of(detail));
  }

  /** Adds extension members to a problem. */
  public static ProblemDetail withProperties(ProblemDetail detail, Map<String, Object> properties) {
    properties.forEach(detail::setProperty);
    return detail;
  }
}
