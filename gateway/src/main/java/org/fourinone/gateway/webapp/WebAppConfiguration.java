package org.fourinone.gateway.webapp;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.fourinone.gateway.security.OidcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web app (module {@code web}, on the classpath under {@code static/}) is served by Spring
 * Boot's static resource handling; this adds its settings document and the fallback that lets the
 * app's own paths ({@code /desk}, {@code /orders/…}) load {@code index.html}.
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration {

  @Bean
  RouterFunction<ServerResponse> appConfig(OidcProperties oidc, WebAppProperties web) {
    AppConfig config = new AppConfig(oidc.issuerUri(), web.clientId());
    return RouterFunctions.route(
        GET("/app-config.json"),
        request -> ServerResponse.ok().cacheControl(CacheControl.noCache()).bodyValue(config));
  }

  @Bean
  SinglePageFallback singlePageFallback() {
    return new SinglePageFallback();
  }
}
