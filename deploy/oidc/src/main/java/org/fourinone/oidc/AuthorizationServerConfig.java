package org.fourinone.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Authorization Server wired for the platform: the three clients, the demo accounts, an
 * RS256 key that survives restarts, 15-minute access tokens for audience {@code fourinone-api} with
 * the platform's claims.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

  /** Public front-end client: authorization code + PKCE, no secret. */
  static final String WEB_CLIENT = "fourinone-web";

  /** A partner department's system: client credentials, PARTNER_SYSTEM. */
  static final String PARTNER_CLIENT = "partner-civil-affairs";

  /** Tools such as the demo loader acting for the district: client credentials, DISTRICT_ADMIN. */
  static final String ADMIN_CLIENT = "local-stack-admin";

  /** Client setting naming the roles a machine client's tokens carry. */
  static final String CLIENT_ROLES = "fourinone.roles";

  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerSecurityFilterChain(
      HttpSecurity http, OidcProperties properties) throws Exception {
    webApp(http, properties);
    http.oauth2AuthorizationServer(
            authorizationServer -> {
              http.securityMatcher(authorizationServer.getEndpointsMatcher());
              authorizationServer.oidc(Customizer.withDefaults());
            })
        .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
        // a browser without a session is sent to the login form
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        // the userinfo endpoint takes the access token
        .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain loginSecurityFilterChain(HttpSecurity http, OidcProperties properties)
      throws Exception {
    webApp(http, properties);
    http.authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers(
                        "/actuator/health/**", "/actuator/health", "/actuator/info", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  /**
   * What the browser app needs of the provider: its origins may call the discovery, token, JWKS and
   * userinfo endpoints from a script (CORS, no cookies), and may frame the authorization endpoint
   * for the silent renewal ({@code prompt=none} in a hidden iframe: a public client gets no refresh
   * token). Every other site may not frame it (clickjacking).
   */
  private static void webApp(HttpSecurity http, OidcProperties properties) throws Exception {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.webOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    String ancestors = String.join(" ", properties.webOrigins());
    http.cors(c -> c.configurationSource(source))
        .headers(
            headers ->
                headers
                    .frameOptions(frame -> frame.disable())
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives("frame-ancestors 'self' " + ancestors)));
  }

  @Bean
  OAuth2AuthorizationService authorizationService() {
    return new SynchronizedAuthorizationService();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  DemoAccounts demoAccounts() {
    return new DemoAccounts();
  }

  @Bean
  Accounts accounts(DemoAccounts demoAccounts, OidcProperties properties) {
    // one hash for the one demo password: BCrypt is slow on purpose, no need to pay it per account
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(DemoAccounts.PASSWORD);
    return new Accounts(demoAccounts, new ResidentAccounts(properties.residentsFile()), hash);
  }

  @Bean
  RegisteredClientRepository registeredClientRepository(
      PasswordEncoder passwordEncoder, OidcProperties properties) {
    RegisteredClient.Builder web =
        RegisteredClient.withId(WEB_CLIENT)
            .clientId(WEB_CLIENT)
            .clientName("四位一体 web and app")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            // loopback: any port matches (RFC 8252 §7.3), for native apps and tools
            .redirectUri("http://127.0.0.1/callback")
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(false)
                    .build())
            .tokenSettings(tokenSettings());
    for (String origin : properties.webOrigins()) {
      web.redirectUri(origin + "/callback")
          .redirectUri(origin + "/silent-renew.html")
          .redirectUri(origin + "/swagger-ui/oauth2-redirect.html")
          .postLogoutRedirectUri(origin + "/");
    }
    RegisteredClient partner =
        machineClient(
            PARTNER_CLIENT,
            "民政局业务系统 (partner system)",
            passwordEncoder.encode(properties.partnerSecret()),
            "PARTNER_SYSTEM");
    RegisteredClient admin =
        machineClient(
            ADMIN_CLIENT,
            "local-stack tools (demo loader)",
            passwordEncoder.encode(properties.adminSecret()),
            "DISTRICT_ADMIN");
    return new InMemoryRegisteredClientRepository(web.build(), partner, admin);
  }

  private static RegisteredClient machineClient(
      String clientId, String name, String secretHash, String role) {
    return RegisteredClient.withId(clientId)
        .clientId(clientId)
        .clientName(name)
        .clientSecret(secretHash)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scope("api")
        .clientSettings(ClientSettings.builder().setting(CLIENT_ROLES, List.of(role)).build())
        .tokenSettings(tokenSettings())
        .build();
  }

  private static TokenSettings tokenSettings() {
    return TokenSettings.builder()
        .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
        .refreshTokenTimeToLive(Duration.ofHours(8))
        .reuseRefreshTokens(false)
        .build();
  }

  @Bean
  JWKSource<SecurityContext> jwkSource(OidcProperties properties) {
    RSAKey key = SigningKey.load(properties.signingKey(), properties.signingKeyFile());
    return new ImmutableJWKSet<>(new JWKSet(key));
  }

  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
    return NimbusJwtDecoder.withJwkSource(jwkSource).build();
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(OidcProperties properties) {
    return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> platformClaims(
      Accounts accounts, OidcProperties properties) {
    return new PlatformClaims(accounts, properties.audience());
  }
}
