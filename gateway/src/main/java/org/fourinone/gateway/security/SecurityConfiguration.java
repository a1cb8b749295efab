package org.fourinone.gateway.security;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.fourinone.gateway.limits.RateLimit;
import org.fourinone.gateway.problem.ProblemResponses;
import org.fourinone.gateway.problem.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway as an OAuth2 resource server: every {@code /api/**} request needs a valid RS256
 * access token from the configured issuer for the platform's audience; the token is relayed to the
 * service unchanged (SCG forwards {@code Authorization} as it came) and the service validates it
 * again.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /**
   * Reachable without a token. In Kubernetes, {@code /actuator/prometheus} only from Prometheus
   * (NetworkPolicy).
   */
  static final String[] OPEN_PATHS = {
    "/actuator/health/**",
    "/actuator/prometheus",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/v3/api-docs/**",
    "/api/*/v3/api-docs/**",
    // 志愿服务证明's verification: anyone holding a certificate may check it, without personal data
    "/api/volunteer/certificates/*/verification",
    "/webjars/**"
  };

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http,
      OidcProperties oidc,
      ReactiveJwtDecoder jwtDecoder,
      CorsConfigurationSource cors,
      RateLimit rateLimit,
      Problems problems,
      ProblemResponses responses) {
    ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems, responses);
    http
        // a stateless API: the bearer token is the only credential, nothing is kept between
        // requests
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        // CSRF protection is for credentials a browser sends by itself (cookies, basic auth); the
        // gateway accepts only a bearer token a script must add explicitly, so there is nothing to
        // forge
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .cors(spec -> spec.configurationSource(cors))
        .headers(ServerHttpSecurity.HeaderSpec::disable)
        .addFilterAt(
            new HttpHeaderWriterWebFilter(new SecurityHeaders(oidc.issuerUri())),
            SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
        .authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers(HttpMethod.GET, OPEN_PATHS)
                    .permitAll()
                    .pathMatchers("/api/**", "/actuator/**")
                    .authenticated()
                    // the web app's files and pages: public, it signs in by itself
                    .pathMatchers(HttpMethod.GET, "/**")
                    .permitAll()
                    .anyExchange()
                    .authenticated())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                    .authenticationEntryPoint(handlers)
                    .accessDeniedHandler(handlers))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
        // after authentication, so an authenticated client is counted by its token's subject
        .addFilterAfter(rateLimit::filter, SecurityWebFiltersOrder.AUTHENTICATION);
    return http.build();
  }

  /**
   * RS256 only (verified tokens remembered until they expire, {@link VerifiedTokenCache}): a token
   * with {@code alg: none}, an HMAC algorithm (e.g. HS256 keyed with the public key) or any other
   * algorithm finds no key and is refused.
   */
  @Bean
  ReactiveJwtDecoder jwtDecoder(OidcProperties oidc) {
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withJwkSetUri(oidc.jwksUri().toString())
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .build();
    // "JWT" (Keycloak, Spring Authorization Server) or RFC 9068's "at+jwt"; an ID token
    // ("id_token") is refused
    JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
    type.setAllowEmpty(true);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            List.of(
                new JwtTimestampValidator(oidc.clockSkew()),
                type,
                new JwtIssuerValidator(oidc.issuerUri()),
                new JwtAudienceValidator(oidc.audience()))));
    return new VerifiedTokenCache(
        decoder,
        oidc.verifiedTokens(),
        oidc.verifiedTokenMaxAge(),
        oidc.clockSkew(),
        Clock.systemUTC(),
        Ticker.systemTicker());
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
    cors.setAllowedHeaders(
        List.of(
            "Authorization", "Content-Type", "Idempotency-Key", "Accept-Language", "traceparent"));
    cors.setExposedHeaders(List.of("Location", "Retry-After", "Idempotent-Replayed"));
    // the token travels in a header, never in a cookie
    cors.setAllowCredentials(false);
    cors.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }
}
