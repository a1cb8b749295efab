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
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.fourinone.testing.Http;
import org.fourinone.testing.TestTokens;
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

/**
 * Token validation, open paths, security headers and CORS at the gateway, with tokens minted (and
 * forged) by {@link TestTokens} as the issuer and public-service played by WireMock.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "GATEWAY_CORS_ALLOWED_ORIGINS=http://localhost:5173,https://portal.fourinone.test",
      // every request here comes from one address; the per-client limit has its own test
      "GATEWAY_RATE_LIMIT_BURST=1000"
    })
class SecurityIT {

  static final WireMockServer publicService = startUpstream();

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    registry.add("PUBLIC_SERVICE_URL", publicService::baseUrl);
    TestTokens.registerAsIssuer(registry, "OIDC_ISSUER_URI");
  }

  static final String AUDIENCE = TestTokens.AUDIENCE;

  @LocalServerPort int port;

  Http anonymous;

  @BeforeEach
  void connect() {
    anonymous = new Http("http://localhost:" + port);
  }

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
            () -> expiredBearer(Duration.ofMinutes(2))),
        refused(
            "from another issuer",
            () -> TestTokens.bearer(TestTokens.anyResident(), "https://idp.elsewhere.test")),
        refused(
            "for another audience",
            () ->
                "Bearer "
                    + TestTokens.sign(
                        TestTokens.anyResident(),
                        TestTokens.issuerUrl(),
                        "another-api",
                        inFiveMinutes())),
        refused(
            "tampered payload",
            () ->
                "Bearer "
                    + TestTokens.tampered(
                        TestTokens.token(TestTokens.anyResident(), TestTokens.issuerUrl()),
                        "sub",
                        "district-admin")),
        refused(
            "alg none",
            () ->
                "Bearer "
                    + TestTokens.unsigned(
                        TestTokens.anyResident(),
                        TestTokens.issuerUrl(),
                        AUDIENCE,
                        inFiveMinutes())),
        refused(
            "signed by an unknown key",
            () ->
                "Bearer "
                    + TestTokens.signWithUnknownKey(
                        TestTokens.anyResident(),
                        TestTokens.issuerUrl(),
                        AUDIENCE,
                        inFiveMinutes())),
        refused(
            "HS256 keyed with the public key",
            () ->
                "Bearer "
                    + TestTokens.signWithPublicKeyAsHmacSecret(
                        TestTokens.anyResident(),
                        TestTokens.issuerUrl(),
                        AUDIENCE,
                        inFiveMinutes())),
        refused("not a JWT", () -> "Bearer not-a-jwt"),
        refused("basic credentials", () -> "Basic YWRtaW46YWRtaW4="));
  }

  private static Instant inFiveMinutes() {
    return Instant.now().plus(Duration.ofMinutes(5));
  }

  /** A resident's valid token from the test issuer. */
  private static String aResidentsBearer() {
    return TestTokens.bearer(TestTokens.anyResident(), TestTokens.issuerUrl());
  }

  /** A resident's token from the test issuer that expired {@code ago}. */
  private static String expiredBearer(Duration ago) {
    return "Bearer "
        + TestTokens.sign(
            TestTokens.anyResident(), TestTokens.issuerUrl(), AUDIENCE, Instant.now().minus(ago));
  }

  private static Arguments refused(String name, Supplier<String> authorization) {
    return Arguments.of(Named.of(name, authorization));
  }

  @ParameterizedTest(name = "{0} → 401")
  @MethodSource("refusedTokens")
  void refusesARequestWithoutAValidTokenBeforeItReachesTheService(Supplier<String> authorization) {
    Http.Response response = anonymous.as(authorization.get()).get("/api/public/residents");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    JsonNode problem = response.json();
    assertThat(problem.get("code").asString()).isEqualTo("gateway.unauthorized");
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("detail").asString()).isEqualTo("需要有效的访问令牌，请重新登录");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/public/residents");
    publicService.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void challengesAMissingTokenPlainlyAndARefusedOneWithInvalidTokenInEnglishWhenAsked() {
    Http.Response missing = anonymous.get("/api/public/residents", "Accept-Language", "en");
    Http.Response expired =
        anonymous
            .as(expiredBearer(Duration.ofHours(1)))
            .get("/api/public/residents", "Accept-Language", "en");

    assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(expired.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    assertThat(missing.header("Content-Language")).isEqualTo("en");
    assertThat(expired.json().get("detail").asString())
        .isEqualTo("A valid access token is required, please sign in again");
    assertThat(expired.text()).doesNotContain("expired").doesNotContain("Jwt");
  }

  @Test
  void relaysAValidTokenUnchangedToTheService() {
    String authorization = aResidentsBearer();

    Http.Response response = anonymous.as(authorization).get("/api/public/residents?page=0");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("{\"items\":[]}");
    publicService.verify(
        1,
        getRequestedFor(urlEqualTo("/api/public/residents?page=0"))
            .withHeader("Authorization", equalTo(authorization)));
  }

  @Test
  void acceptsATokenThatExpiredWithinTheClockSkew() {
    String authorization = expiredBearer(Duration.ofSeconds(20));

    assertThat(anonymous.as(authorization).get("/api/public/residents").status()).isEqualTo(200);
  }

  @Test
  void servesTheOpenPathsWithoutAToken() {
    publicService.stubFor(
        get(urlEqualTo("/api/public/v3/api-docs")).willReturn(okJson("{\"openapi\":\"3.1.0\"}")));

    assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(anonymous.get("/v3/api-docs/swagger-config").status()).isEqualTo(200);
    assertThat(anonymous.get("/swagger-ui.html").status()).isIn(200, 302);
    assertThat(anonymous.get(swaggerUiPage()).status()).isEqualTo(200);
    Http.Response apiDocs = anonymous.get("/api/public/v3/api-docs");
    assertThat(apiDocs.status()).isEqualTo(200);
    assertThat(apiDocs.text()).contains("3.1.0");
  }

  @Test
  void doesNotOpenOtherActuatorEndpoints() {
    assertThat(anonymous.get("/actuator/env").status()).isEqualTo(401);
  }

  @Test
  void setsTheSecurityHeadersOnRelayedResponsesAndOnItsOwnProblems() {
    Http.Response relayed = anonymous.as(aResidentsBearer()).get("/api/public/residents");
    Http.Response refused = anonymous.get("/api/public/residents");

    for (Http.Response response : java.util.List.of(relayed, refused)) {
      assertThat(response.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
      assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(response.header("Content-Security-Policy"))
          .isEqualTo("default-src 'none'; frame-ancestors 'none'");
      assertThat(response.headers("Cache-Control")).containsExactly("no-store");
    }
  }

  @Test
  void givesSwaggerUiAPolicyThatLetsItLoadItsOwnScriptsAndStyles() {
    Http.Response page = anonymous.get(swaggerUiPage());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("style-src 'self' 'unsafe-inline'")
        .contains("connect-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  /**
   * reactor-netty 1.3.6 stopped reading a keep-alive connection when a request queued behind the
   * previous one was answered at once (a 401, a static file, a 404 of the gateway's own): the next
   * request on that connection waited until the client gave up (reactor/reactor-netty#4361). This
   * was the gateway tests' intermittent 30 s stall; a raw socket met it within a few rounds.
   */
  @Test
  void answersEveryRequestOnAKeepAliveConnectionWhateverAnsweredTheOneBefore() throws Exception {
    String[][] rounds = {
      {"/desk/orders/SANSHE-1", "200"},
      {"/api/public/no-such-thing", "401"},
      {"/assets/not-built.js", "404"},
      {"/", "200"},
      {"/api/public/orders", "401"}
    };
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(5_000);
      var in = new java.io.BufferedInputStream(socket.getInputStream());
      var out = socket.getOutputStream();
      for (int round = 0; round < 40; round++) {
        for (String[] request : rounds) {
          out.write(
              ("GET "
                      + request[0]
                      + " HTTP/1.1\r\nHost: localhost\r\n"
                      + "Accept: text/html,*/*;q=0.8\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          out.flush();
          assertThat(readResponseStatus(in))
              .as("round %d, %s on the same connection", round, request[0])
              .isEqualTo(request[1]);
        }
      }
    }
  }

  /** Reads one HTTP/1.1 response with a Content-Length and returns its status code. */
  private static String readResponseStatus(java.io.InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("connection closed after: " + head);
      }
      head.append((char) b);
    }
    long length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).trim());
      }
    }
    in.readNBytes((int) length);
    return head.substring(9, 12);
  }

  @Test
  void servesTheWebAppAndItsPagesWithoutATokenButNeverInPlaceOfTheApi() {
    Http.Response home = anonymous.get("/", "Accept", "text/html");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.header("Content-Type")).startsWith("text/html");
    assertThat(home.text()).contains("<div id=\"app\"");
    // a page of the app (history-mode routing) is index.html too, its files are served as they are
    Http.Response page = anonymous.get("/desk/orders/SANSHE-1", "Accept", "text/html,*/*;q=0.8");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).isEqualTo(home.text());
    assertThat(anonymous.get("/assets/not-built.js").status()).isEqualTo(404);
    // an API path is the API's: 401 without a token, problem+json, not the app
    Http.Response api = anonymous.get("/api/public/no-such-thing", "Accept", "text/html");
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.text()).doesNotContain("<div id=\"app\"");

    String issuer = TestTokens.issuerUrl();
    URI issuerUri = URI.create(issuer);
    String provider = issuerUri.getScheme() + "://" + issuerUri.getRawAuthority();
    assertThat(home.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("connect-src 'self' " + provider)
        .contains("frame-src 'self' " + provider)
        .contains("frame-ancestors 'self'")
        .doesNotContain("unsafe-eval");
    assertThat(home.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");

    Http.Response config = anonymous.get("/app-config.json");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().get("issuer").asText()).isEqualTo(issuer);
    assertThat(config.json().get("clientId").asText()).isEqualTo("fourinone-web");
  }

  @Test
  void allowsAPreflightFromTheConfiguredFrontEnds() {
    for (String origin : new String[] {"http://localhost:5173", "https://portal.fourinone.test"}) {
      Http.Response preflight =
          preflight(origin, "POST", "authorization,content-type,idempotency-key");

      assertThat(preflight.status()).isEqualTo(200);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
      assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
      assertThat(preflight.header("Access-Control-Allow-Headers"))
          .containsIgnoringCase("authorization")
          .containsIgnoringCase("idempotency-key");
      assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    }
    publicService.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void refusesAPreflightFromAnotherOriginOrForAnotherMethod() {
    Http.Response foreign = preflight("https://evil.example", "POST", "authorization");
    Http.Response delete = preflight("http://localhost:5173", "DELETE", "authorization");

    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    assertThat(delete.status()).isEqualTo(403);
    publicService.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void exposesTheHeadersAFrontEndNeedsOnAnAllowedCrossOriginCall() {
    Http.Response response =
        anonymous
            .as(aResidentsBearer())
            .get("/api/public/residents", "Origin", "http://localhost:5173");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
    assertThat(response.header("Access-Control-Expose-Headers"))
        .contains("Location")
        .contains("Retry-After")
        .contains("Idempotent-Replayed");
  }

  @Test
  void keepsCorsOnAProblemSoTheFrontEndCanReadIt() {
    Http.Response refused =
        anonymous.get("/api/public/residents", "Origin", "http://localhost:5173");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
  }

  private Http.Response preflight(String origin, String method, String headers) {
    return anonymous.send(
        "OPTIONS",
        "/api/public/residents",
        HttpRequest.BodyPublishers.noBody(),
        "Origin",
        origin,
        "Access-Control-Request-Method",
        method,
        "Access-Control-Request-Headers",
        headers);
  }

  /**
   * Where {@code /swagger-ui.html} leads (springdoc on WebFlux serves the page from its webjar).
   */
  private String swaggerUiPage() {
    String location = anonymous.get("/swagger-ui.html").header("Location");
    return location == null ? "/swagger-ui.html" : location.replaceFirst("^https?://[^/]+", "");
  }

  private static WireMockServer startUpstream() {
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    return server;
  }
}
