package org.fourinone.kit.security;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.fourinone.kit.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service validates the access token itself (no trust in the network): RS256 signatures from
 * the issuer's JWKS, the issuer, the audience and the lifetime (60 s skew). Only health, metrics
 * and the OpenAPI documents are open. A verified token is remembered until it expires ({@link
 * VerifiedTokenCache}, {@code fourinone.security.verified-tokens}, 0 for none). Stateless: no
 * session, no CSRF token (no cookies are used, so there is nothing for a cross-site request to ride
 * on). Failures are problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  JwtDecoder jwtDecoder(
      @Value("${fourinone.security.jwks-uri}") String jwksUri,
      @Value("${fourinone.security.issuer}") String issuer,
      @Value("${fourinone.security.audience}") String audience,
      @Value("${fourinone.security.verified-tokens:5000}") long verifiedTokens,
      @Value("${fourinone.security.verified-token-max-age:5m}") Duration verifiedTokenMaxAge) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(jwksUri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
    decoder.setJwtValidator(validator(issuer, audience));
    return new VerifiedTokenCache(
        decoder,
        verifiedTokens,
        verifiedTokenMaxAge,
        CLOCK_SKEW,
        Clock.systemUTC(),
        Ticker.systemTicker());
  }

  /** Tolerance for {@code exp} and {@code nbf} between the issuer's clock and ours. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
    OAuth2TokenValidator<Jwt> audienceValidator =
        jwt -> {
          List<String> aud = jwt.getAudience();
          return aud != null && aud.contains(audience)
              ? OAuth2TokenValidatorResult.success()
              : OAuth2TokenValidatorResult.failure(
                  new OAuth2Error("invalid_token", "wrong audience", null));
        };
    return new DelegatingOAuth2TokenValidator<>(
        new JwtTimestampValidator(CLOCK_SKEW), new JwtIssuerValidator(issuer), audienceValidator);
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      Problems problems,
      @org.springframework.beans.factory.annotation.Value("${fourinone.security.open-paths:}")
          String[] openPaths)
      throws Exception {
    ProblemWriter writer = new ProblemWriter(problems);
    String[] open =
        java.util.Arrays.stream(openPaths).filter(p -> !p.isBlank()).toArray(String[]::new);
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth -> {
              auth.requestMatchers(
                      "/actuator/health",
                      "/actuator/health/**",
                      "/actuator/prometheus",
                      "/actuator/info",
                      "/api/*/v3/api-docs",
                      "/api/*/v3/api-docs/**",
                      "/api/*/swagger-ui.html",
                      "/api/*/swagger-ui/**",
                      "/error")
                  .permitAll();
              if (open.length > 0) {
                // a service's own public answers (e.g. whether a certificate is genuine)
                auth.requestMatchers(org.springframework.http.HttpMethod.GET, open).permitAll();
              }
              auth.anyRequest().authenticated();
            })
        .oauth2ResourceServer(
            rs ->
                rs.jwt(jwt -> {})
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            writer.write(
                                request, response, HttpStatus.UNAUTHORIZED, "auth.unauthorized"))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            writer.write(
                                request, response, HttpStatus.FORBIDDEN, "auth.forbidden")))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            writer.write(
                                request, response, HttpStatus.UNAUTHORIZED, "auth.unauthorized"))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            writer.write(
                                request, response, HttpStatus.FORBIDDEN, "auth.forbidden")));
    return http.build();
  }
}
