package org.fourinone.gateway.problem;

import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.fourinone.gateway.limits.RequestBodyProperties;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Turns every error the gateway raises into problem+json, before Boot's whitelabel handler
 * ({@code @Order(-1)}) sees it. For a routed request the failure is the upstream's: a timeout of
 * the time limiter is 504, anything else (connection refused or reset, open circuit breaker) is
 * 503, both naming the service. Responses that a service wrote itself are never touched.
 */
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

  private static final Log logger = LogFactory.getLog(GatewayErrorHandler.class);

  private final Problems problems;

  private final ProblemResponses responses;

  private final RequestBodyProperties requestBody;

  public GatewayErrorHandler(
      Problems problems, ProblemResponses responses, RequestBodyProperties requestBody) {
    this.problems = problems;
    this.responses = responses;
    this.requestBody = requestBody;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    Locale locale = ProblemLocales.resolve(exchange.getRequest().getHeaders());
    String instance = exchange.getRequest().getURI().getRawPath();
    ProblemDetail problem = problemFor(exchange, error, instance, locale);
    // logged inside handle(): with context propagation "limited" (application.yml) that is where
    // Reactor restores the request's trace context, so the log line carries its traceId
    return Mono.just(problem)
        .<ProblemDetail>handle(
            (p, sink) -> {
              log(exchange, error, p);
              sink.next(p);
            })
        .flatMap(
            p -> {
              clearKeepingCors(exchange.getResponse().getHeaders());
              return responses.write(exchange.getResponse(), p, locale);
            });
  }

  private ProblemDetail problemFor(
      ServerWebExchange exchange, Throwable error, String instance, Locale locale) {
    if (causedBy(error, ContentTooLargeException.class)) {
      return problems.contentTooLarge(requestBody.maxSize(), instance, locale);
    }
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    if (route != null) {
      if (isTimeout(error)) {
        return problems.upstreamTimeout(route.getId(), instance, locale);
      }
      return problems.serviceUnavailable(route.getId(), instance, locale);
    }
    if (error instanceof ResponseStatusException statusError) {
      HttpStatusCode status = statusError.getStatusCode();
      if (status.value() == HttpStatus.NOT_FOUND.value()) {
        return problems.notFound(instance, locale);
      }
      return problems.gatewayError(status, instance, locale);
    }
    return problems.gatewayError(HttpStatus.INTERNAL_SERVER_ERROR, instance, locale);
  }

  /** Drops what a failed upstream call left, but keeps CORS so a browser may read the problem. */
  private static void clearKeepingCors(HttpHeaders headers) {
    HttpHeaders cors = new HttpHeaders();
    headers.forEach(
        (name, values) -> {
          if (name.regionMatches(true, 0, "Access-Control-", 0, 15)
              || name.equalsIgnoreCase(HttpHeaders.VARY)) {
            cors.addAll(name, values);
          }
        });
    headers.clear();
    headers.addAll(cors);
  }

  private static boolean isTimeout(Throwable error) {
    if (error instanceof ResponseStatusException statusError
        && statusError.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
      return true;
    }
    return causedBy(error, TimeoutException.class);
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static void log(ServerWebExchange exchange, Throwable error, ProblemDetail problem) {
    String request =
        exchange.getLogPrefix()
            + exchange.getRequest().getMethod()
            + " "
            + exchange.getRequest().getURI().getRawPath();
    if (problem.getStatus() >= 500 && problem.getProperties() == null) {
      logger.error(request + " failed in the gateway", error);
    } else if (problem.getStatus() >= 500) {
      logger.warn(
          request
              + " -> "
              + problem.getStatus()
              + " "
              + problem.getProperties().get("service")
              + ": "
              + error);
    } else if (logger.isDebugEnabled()) {
      logger.debug(request + " -> " + problem.getStatus() + ": " + error);
    }
  }
}
