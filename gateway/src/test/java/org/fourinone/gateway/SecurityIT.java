package org.fourinone.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token validation, open paths, security headers and CORS at the gateway, with tokens minted by
 * {@link AccessTokens} and public-service played by WireMock.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "GATEWAY_CORS_ALLOWED_ORIGINS=http://localhost:5173,https://portal.fourinone.test")
class SecurityIT {

  static final WireMockServer publicService = startUpstream();

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    registry.add("PUBLIC_SERVICE_URL", publicService::baseUrl);
    AccessTokens.register(registry);
  }

  @LocalServerPort int port;

  final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void resetUpstream() {
    publicService.resetAll();
    publicService.stubFor(get(anyUrl()).willReturn(okJson("{\"items\":[]}")));
  }

  @AfterAll
  static void stopUpstream() {
    publicService.stop();
  }

  static Stream<Arguments> refusedTokens() {
    return Stream.of(
        refused("no token", () -> null),
        refused(
            "expired two minutes ago (beyond the 60 s skew)",
            () -> AccessTokens.aResidentToken().expiredFor(Duration.ofMinutes(2)).bearer()),
        refused(
            "from another issuer",
            () -> AccessTokens.aResidentToken().issuer("https://idp.elsewhere.test").bearer()),
        refused(
            "for another audience",
            () -> AccessTokens.aResidentToken().audience("another-api").bearer()),
        refused("tampered payload", () -> "Bearer " + AccessTokens.aResidentToken().tamperedWith()),
        refused("alg none", () -> "Bearer " + AccessTokens.aResidentToken().unsigned()),
        refused(
            "signed by an unknown key",
            () -> AccessTokens.aResidentToken().signedByAnUnknownKey().bearer()),
        refused(
            "HS256 keyed with the public key",
            () -> "Bearer " + AccessTokens.aResidentToken().hmacSignedWithThePublicKey()),
        refused("not a JWT", () -> "Bearer not-a-jwt"),
        refused("basic credentials", () -> "Basic YWRtaW46YWRtaW4="));
  }

  private static Arguments refused(String name, Supplier<String> authorization) {
    return Arguments.of(Named.of(name, authorization));
  }

  @ParameterizedTest(name = "{0} → 401")
  @MethodSource("refusedTokens")
  void refusesARequestWithoutAValidTokenBeforeItReachesTheService(Supplier<String> authorization) {
    HttpResponse<String> response =
        new GatewayClient(port, authorization.get()).get("/api/public/residents");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("code").asString()).isEqualTo("gateway.unauthorized");
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("detail").asString()).isEqualTo("需要有效的访问令牌，请重新登录");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/public/residents");
    publicService.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void challengesAMissingTokenPlainlyAndARefusedOneWithInvalidTokenInEnglishWhenAsked() {
    HttpResponse<String> missing =
        GatewayClient.anonymous(port).get("/api/public/residents", "Accept-Language", "en");
    HttpResponse<String> expired =
        new GatewayClient(
                port, AccessTokens.aResidentToken().expiredFor(Duration.ofHours(1)).bearer())
            .get("/api/public/residents", "Accept-Language", "en");

    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(expired.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"invalid_token\"");
    assertThat(missing.headers().firstValue("Content-Language")).hasValue("en");
    assertThat(json.readTree(expired.body()).get("detail").asString())
        .isEqualTo("A valid access token is required, please sign in again");
    assertThat(expired.body()).doesNotContain("expired").doesNotContain("Jwt");
  }

  @Test
  void relaysAValidTokenUnchangedToTheService() {
    String authorization = AccessTokens.aResidentToken().bearer();

    HttpResponse<String> response =
        new GatewayClient(port, authorization).get("/api/public/residents?page=0");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"items\":[]}");
    publicService.verify(
        1,
        getRequestedFor(urlEqualTo("/api/public/residents?page=0"))
            .withHeader("Authorization", equalTo(authorization)));
  }

  @Test
  void acceptsATokenThatExpiredWithinTheClockSkew() {
    String authorization =
        AccessTokens.aResidentToken().expiredFor(Duration.ofSeconds(20)).bearer();

    assertThat(new GatewayClient(port, authorization).get("/api/public/residents").statusCode())
        .isEqualTo(200);
  }

  @Test
  void servesTheOpenPathsWithoutAToken() {
    publicService.stubFor(
        get(urlEqualTo("/api/public/v3/api-docs")).willReturn(okJson("{\"openapi\":\"3.1.0\"}")));
    GatewayClient anonymous = GatewayClient.anonymous(port);

    assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/v3/api-docs/swagger-config").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/swagger-ui.html").statusCode()).isIn(200, 302);
    assertThat(anonymous.get(swaggerUiPage()).statusCode()).isEqualTo(200);
    HttpResponse<String> apiDocs = anonymous.get("/api/public/v3/api-docs");
    assertThat(apiDocs.statusCode()).isEqualTo(200);
    assertThat(apiDocs.body()).contains("3.1.0");
  }

  @Test
  void doesNotOpenOtherActuatorEndpoints() {
    assertThat(GatewayClient.anonymous(port).get("/actuator/env").statusCode()).isEqualTo(401);
  }

  @Test
  void setsTheSecurityHeadersOnRelayedResponsesAndOnItsOwnProblems() {
    HttpResponse<String> relayed =
        new GatewayClient(port, AccessTokens.aResidentToken().bearer())
            .get("/api/public/residents");
    HttpResponse<String> refused = GatewayClient.anonymous(port).get("/api/public/residents");

    for (HttpResponse<String> response : java.util.List.of(relayed, refused)) {
      assertThat(response.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=31536000");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValue("default-src 'none'; frame-ancestors 'none'");
      assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
    }
  }

  @Test
  void givesSwaggerUiAPolicyThatLetsItLoadItsOwnScriptsAndStyles() {
    HttpResponse<String> page = GatewayClient.anonymous(port).get(swaggerUiPage());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            policy ->
                assertThat(policy)
                    .contains("script-src 'self'")
                    .contains("style-src 'self' 'unsafe-inline'")
                    .contains("connect-src 'self'")
                    .contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void allowsAPreflightFromTheConfiguredFrontEnds() {
    for (String origin : new String[] {"http://localhost:5173", "https://portal.fourinone.test"}) {
      HttpResponse<String> preflight =
          preflight(origin, "POST", "authorization,content-type,idempotency-key");

      assertThat(preflight.statusCode()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
          .contains("POST");
      assertThat(
              preflight
                  .headers()
                  .firstValue("Access-Control-Allow-Headers")
                  .orElseThrow()
                  .toLowerCase())
          .contains("authorization")
          .contains("idempotency-key");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
    publicService.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void refusesAPreflightFromAnotherOriginOrForAnotherMethod() {
    HttpResponse<String> foreign = preflight("https://evil.example", "POST", "authorization");
    HttpResponse<String> delete = preflight("http://localhost:5173", "DELETE", "authorization");

    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(delete.statusCode()).isEqualTo(403);
    publicService.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void exposesTheHeadersAFrontEndNeedsOnAnAllowedCrossOriginCall() {
    HttpResponse<String> response =
        new GatewayClient(port, AccessTokens.aResidentToken().bearer())
            .get("/api/public/residents", "Origin", "http://localhost:5173");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:5173");
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("Location")
        .contains("Retry-After")
        .contains("Idempotent-Replayed");
  }

  @Test
  void keepsCorsOnAProblemSoTheFrontEndCanReadIt() {
    HttpResponse<String> refused =
        GatewayClient.anonymous(port)
            .get("/api/public/residents", "Origin", "http://localhost:5173");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:5173");
  }

  private HttpResponse<String> preflight(String origin, String method, String headers) {
    GatewayClient anonymous = GatewayClient.anonymous(port);
    return anonymous.send(
        anonymous
            .request("/api/public/residents")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", headers));
  }

  /**
   * Where {@code /swagger-ui.html} leads (springdoc on WebFlux serves the page from its webjar).
   */
  private String swaggerUiPage() {
    HttpResponse<String> entry = GatewayClient.anonymous(port).get("/swagger-ui.html");
    return entry
        .headers()
        .firstValue("Location")
        .map(location -> location.replaceFirst("^https?://[^/]+", ""))
        .orElse("/swagger-ui.html");
  }

  private static WireMockServer startUpstream() {
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    return server;
  }
}
