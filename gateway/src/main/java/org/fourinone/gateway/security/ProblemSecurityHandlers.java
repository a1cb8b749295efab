package org.fourinone.gateway.security;

import java.util.Locale;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.fourinone.gateway.problem.ProblemLocales;
import org.fourinone.gateway.problem.ProblemResponses;
import org.fourinone.gateway.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a missing or refused token with 401 and a denied request with 403, both as problem+json
 * in the caller's language. The 401 carries the RFC 6750 challenge: {@code Bearer} alone when no
 * token came, {@code Bearer error="invalid_token"} when one was refused. Why it was refused
 * (expired, issuer, audience, signature) is logged at DEBUG, not told to the caller.
 */
class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

  private static final Log logger = LogFactory.getLog(ProblemSecurityHandlers.class);

  private final Problems problems;

  private final ProblemResponses responses;

  ProblemSecurityHandlers(Problems problems, ProblemResponses responses) {
    this.problems = problems;
    this.responses = responses;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure);
    }
    Locale locale = ProblemLocales.resolve(exchange.getRequest().getHeaders());
    ProblemDetail problem = problems.unauthorized(instance(exchange), locale);
    String challenge = "Bearer";
    if (failure instanceof OAuth2AuthenticationException refused) {
      challenge = "Bearer error=\"" + refused.getError().getErrorCode() + "\"";
    }
    if (logger.isDebugEnabled()) {
      logger.debug(
          exchange.getLogPrefix() + instance(exchange) + " -> 401: " + failure.getMessage());
    }
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return responses.write(exchange.getResponse(), problem, locale);
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(denied);
    }
    Locale locale = ProblemLocales.resolve(exchange.getRequest().getHeaders());
    return responses.write(
        exchange.getResponse(), problems.forbidden(instance(exchange), locale), locale);
  }

  private static String instance(ServerWebExchange exchange) {
    return exchange.getRequest().getURI().getRawPath();
  }
}
