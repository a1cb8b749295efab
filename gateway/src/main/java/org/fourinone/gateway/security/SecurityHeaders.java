package org.fourinone.gateway.security;

import java.net.URI;
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
 *   <li>The web app's pages (everything outside the API, actuator and Swagger UI) get a policy for
 *       a built single-page app: scripts, styles and fonts from its own origin (inline styles:
 *       component libraries set them), calls to its own origin and to the OIDC provider, which it
 *       also frames for the silent token renewal ({@code frame-src}: the provider, and the app's
 *       own callback page the provider redirects that frame to); it may be framed only by itself
 *       ({@code SAMEORIGIN}: that callback page runs in the app's frame).
 *   <li>{@code X-Frame-Options: DENY} everywhere else: Swagger UI does not frame itself (its OAuth2
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

  private final String webAppPolicy;

  /**
   * @param issuer the OIDC provider the web app signs in with and calls
   */
  public SecurityHeaders(String issuer) {
    String provider = origin(issuer);
    this.webAppPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self' "
            + provider
            + "; frame-src 'self' "
            + provider
            + "; manifest-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'self'";
  }

  static String origin(String issuer) {
    URI uri = URI.create(issuer);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  @Override
  public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.set("Strict-Transport-Security", HSTS);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (isSwaggerUi(path)) {
      headers.set("X-Frame-Options", "DENY");
      headers.set("Content-Security-Policy", SWAGGER_UI_POLICY);
    } else if (isWebApp(path)) {
      headers.set("X-Frame-Options", "SAMEORIGIN");
      headers.set("Content-Security-Policy", webAppPolicy);
    } else {
      headers.set("X-Frame-Options", "DENY");
      headers.set("Content-Security-Policy", API_POLICY);
    }
    if (path.startsWith("/api/")) {
      headers.setCacheControl("no-store");
    }
    return Mono.empty();
  }

  /** The web app's files and pages: all but the API, the actuator and the OpenAPI documents. */
  static boolean isWebApp(String path) {
    return !path.startsWith("/api/") && !path.startsWith("/actuator") && !path.startsWith("/v3/");
  }

  static boolean isSwaggerUi(String path) {
    return path.equals("/swagger-ui.html")
        || path.startsWith("/swagger-ui/")
        || path.startsWith("/webjars/swagger-ui/");
  }
}
