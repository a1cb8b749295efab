package org.fourinone.kit.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error a service answers is an RFC 9457 problem with a localized message and a stable {@code
 * code}; nothing leaks a stack trace, and an unexpected failure is a generic 500 whose cause is
 * logged (with the trace id) rather than shown.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandling {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
  private final Problems problems;
  private final ObjectProvider<RefusalObserver> observers;

  public ProblemHandling(Problems problems, ObjectProvider<RefusalObserver> observers) {
    this.problems = problems;
    this.observers = observers;
  }

  @ExceptionHandler(Problem.class)
  ResponseEntity<ProblemDetail> apiProblem(Problem e, HttpServletRequest request) {
    if (e.kind() == Problem.Kind.FORBIDDEN) {
      observers
          .orderedStream()
          .forEach(o -> o.forbidden(request.getMethod() + " " + request.getRequestURI(), e.code()));
    }
    return respond(problems.of(request, e));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(
      MethodArgumentNotValidException e, HttpServletRequest request) {
    ProblemDetail detail = problems.of(request, HttpStatus.BAD_REQUEST, "request.invalid");
    List<Map<String, Object>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(
                (FieldError f) ->
                    Map.<String, Object>of(
                        "field", f.getField(),
                        "message", String.valueOf(f.getDefaultMessage())))
            .toList();
    detail.setProperty("errors", errors);
    return respond(detail);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ProblemDetail> invalidParameters(
      HandlerMethodValidationException e, HttpServletRequest request) {
    ProblemDetail detail = problems.of(request, HttpStatus.BAD_REQUEST, "request.invalid");
    detail.setProperty(
        "errors",
        e.getAllErrors().stream().map(error -> String.valueOf(error.getDefaultMessage())).toList());
    return respond(detail);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpServletRequest request) {
    return respond(problems.of(request, HttpStatus.BAD_REQUEST, "request.malformed-json"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return respond(
        problems.of(request, HttpStatus.BAD_REQUEST, "request.bad-parameter", e.getName()));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return respond(
        problems.of(
            request, HttpStatus.BAD_REQUEST, "request.bad-parameter", e.getParameterName()));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ProblemDetail> missingHeader(
      MissingRequestHeaderException e, HttpServletRequest request) {
    return respond(
        problems.of(request, HttpStatus.BAD_REQUEST, "request.missing-header", e.getHeaderName()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(HttpServletRequest request) {
    return respond(problems.of(request, HttpStatus.NOT_FOUND, "request.no-such-path"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpServletRequest request) {
    return respond(
        problems.of(
            request,
            HttpStatus.METHOD_NOT_ALLOWED,
            "request.method-not-allowed",
            request.getMethod()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpServletRequest request) {
    return respond(
        problems.of(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request.unsupported-media-type"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    return respond(problems.of(request, HttpStatus.INTERNAL_SERVER_ERROR, "server.unexpected"));
  }

  static ResponseEntity<ProblemDetail> respond(ProblemDetail detail) {
    return ResponseEntity.status(detail.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail);
  }
}
