package org.fourinone.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The browser-facing security headers on every response the gateway sends, its own and the ones it
 * relays (they replace whatever a service set, so the policy is the same at the one edge).
 *
 * <ul>
 *   <li>{@code Strict-Transport-Security} is written always, also on plain HTTP: TLS ends in front
 *       of the gateway (ingress), so the gateway itself rarely sees {@code https}, and browsers
 *       ignore the header on an insecure connection (RFC 6797 §8.1). No {@code includeSubDomains}:
 *       other hosts under the same domain are not the platform's to decide.
 *   <li>{@code Content-Security-Policy} {@code default-src 'none'} fits JSON: nothing an API
 *       response is rendered as may load anything. Swagger UI's pages get a policy that lets them
 *       load their own scripts, styles (Swagger UI sets inline styles), images and fetch the
 *       OpenAPI documents from the same origin.
 *   <li>{@code X-Frame-Options: DENY} everywhere: Swagger UI does not frame itself (its OAuth2
 *       redirect page uses a popup), so it needs no exception.
 *   <li>{@code Cache-Control: no-store} on {@code /api/**}: answers hold personal data and must not
 *       stay in a browser or proxy cache.
 * </ul>
 */
public class SecurityHeaders implements ServerHttpHeadersWriter {

  static final String HSTS = "max-age=31536000";

  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  static final String SWAGGER_UI_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
          + "frame-ancestors 'none'";

  @Override
  public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.set("Strict-Transport-Security", HSTS);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", isSwaggerUi(path) ? SWAGGER_UI_POLICY : API_POLICY);
    if (path.startsWith("/api/")) {
      headers.setCacheControl("no-store");
    }
    return Mono.empty();
  }

  static boolean isSwaggerUi(String path) {
    return path.equals("/swagger-ui.html")
        || path.startsWith("/swagger-ui/")
        || path.startsWith("/webjars/swagger-ui/");
  }
}
