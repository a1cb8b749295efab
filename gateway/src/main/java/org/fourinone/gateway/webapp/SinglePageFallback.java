package org.fourinone.gateway.webapp;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * History-mode routing of the single-page app: a browser asking for a page of the app ({@code GET},
 * accepts HTML, a path without a file extension outside the API, actuator and Swagger UI) is given
 * {@code index.html}, whose router then shows that page. Everything else passes unchanged, so an
 * unknown API path is still the API's 404 (problem+json), never the app.
 */
public class SinglePageFallback implements WebFilter, Ordered {

  static final String INDEX = "/index.html";

  /** Paths the app never owns. */
  static final List<String> NOT_THE_APP =
      List.of("/api/", "/actuator", "/swagger-ui", "/v3/", "/webjars/", "/assets/");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    String path = request.getPath().pathWithinApplication().value();
    if (isAppPage(request, path)) {
      ServerHttpRequest index = request.mutate().path(INDEX).build();
      return chain.filter(exchange.mutate().request(index).build());
    }
    return chain.filter(exchange);
  }

  static boolean isAppPage(ServerHttpRequest request, String path) {
    if (request.getMethod() != HttpMethod.GET || NOT_THE_APP.stream().anyMatch(path::startsWith)) {
      return false;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (last.contains(".")) {
      return false;
    }
    List<MediaType> accepted = request.getHeaders().getAccept();
    return accepted.stream().anyMatch(MediaType.TEXT_HTML::isCompatibleWith);
  }

  /** Before security and routing, so that the rewritten path is what both see. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}
