package org.fourinone.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import org.fourinone.testing.Http;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole gateway against four WireMock upstreams: what passes through unchanged and what the
 * gateway answers itself.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "resilience4j.timelimiter.configs.default.timeout-duration=2s")
class GatewayIT {

  static final WireMockServer party = upstream();

  static final WireMockServer publicService = upstream();

  static final WireMockServer sanshe = upstream();

  static final WireMockServer volunteer = upstream();

  static final String INCOMING_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    registry.add("PARTY_SERVICE_URL", party::baseUrl);
    registry.add("PUBLIC_SERVICE_URL", publicService::baseUrl);
    registry.add("SANSHE_SERVICE_URL", sanshe::baseUrl);
    registry.add("VOLUNTEER_SERVICE_URL", volunteer::baseUrl);
    TestTokens.registerAsIssuer(registry, "OIDC_ISSUER_URI");
  }

  @LocalServerPort int port;

  Http gateway;

  @BeforeEach
  void setUp() {
    gateway =
        new Http("http://localhost:" + port)
            .as(TestTokens.bearer(TestTokens.anyResident(), TestTokens.issuerUrl()));
    for (WireMockServer upstream : List.of(party, publicService, sanshe, volunteer)) {
      upstream.resetAll();
    }
  }

  @AfterAll
  static void stopUpstreams() {
    for (WireMockServer upstream : List.of(party, publicService, sanshe, volunteer)) {
      upstream.stop();
    }
  }

  @Test
  void routesPartyRequestsWithTheirQueryStringUnchanged() {
    party.stubFor(
        get(urlEqualTo("/api/party/members?page=2&size=5&name=%E5%BC%A0"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"items\":[]}")));

    Http.Response response = gateway.get("/api/party/members?page=2&size=5&name=%E5%BC%A0");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("{\"items\":[]}");
  }

  @Test
  void routesPublicServicePostsWithTheirBodyAndPassesCreatedThrough() {
    publicService.stubFor(
        post(urlPathEqualTo("/api/public/residents"))
            .withHeader("Idempotency-Key", equalTo("k-1"))
            .withRequestBody(equalToJson("{\"name\":\"张三\",\"communityId\":\"c-7\"}"))
            .willReturn(
                aResponse().withStatus(201).withHeader("Location", "/api/public/residents/r-1")));

    Http.Response response =
        gateway.post(
            "/api/public/residents",
            "{\"name\":\"张三\",\"communityId\":\"c-7\"}",
            "Idempotency-Key",
            "k-1");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("Location")).isEqualTo("/api/public/residents/r-1");
  }

  @Test
  void passesAnUpstreamConflictProblemThroughUnchanged() {
    String conflict =
        "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
            + "\"detail\":\"工单只能由来源系统受理\",\"origin\":\"public-service\"}";
    sanshe.stubFor(
        post(urlEqualTo("/api/sanshe/orders/o-1/accept"))
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(conflict)));

    Http.Response response = gateway.post("/api/sanshe/orders/o-1/accept", "{}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.text()).isEqualTo(conflict);
  }

  @Test
  void routesVolunteerRequestsWithOtherMethods() {
    volunteer.stubFor(
        patch(urlEqualTo("/api/volunteer/volunteers/v-1"))
            .withRequestBody(equalToJson("{\"phone\":\"138****0000\"}"))
            .willReturn(aResponse().withStatus(200).withBody("patched")));
    volunteer.stubFor(
        delete(urlEqualTo("/api/volunteer/volunteers/v-1"))
            .willReturn(aResponse().withStatus(204)));

    Http.Response patched =
        gateway.patch("/api/volunteer/volunteers/v-1", "{\"phone\":\"138****0000\"}");
    Http.Response deleted = gateway.delete("/api/volunteer/volunteers/v-1");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.text()).isEqualTo("patched");
    assertThat(deleted.status()).isEqualTo(204);
  }

  @Test
  void answersAResetConnectionWithAProblemNamingTheService() {
    sanshe.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Http.Response response = gateway.get("/api/sanshe/orders");

    assertThat(response.status()).isIn(502, 503);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("service").asString()).isEqualTo("sanshe-service");
    assertThat(problem.get("detail").asString()).isEqualTo("三社联动系统暂时不可用，请稍后再试");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/sanshe/orders");
  }

  @Test
  void answersAnUpstreamSlowerThanTheTimeLimitWith504() {
    party.stubFor(
        get(urlEqualTo("/api/party/slow"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3500)));

    Http.Response response = gateway.get("/api/party/slow", "Accept-Language", "en");

    assertThat(response.status()).isEqualTo(504);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("status").asInt()).isEqualTo(504);
    assertThat(problem.get("service").asString()).isEqualTo("party-building-service");
    assertThat(problem.get("detail").asString())
        .isEqualTo("The party-building system did not answer in time, please try again later");
  }

  @Test
  void doesNotCutShortAnUpstreamThatAnswersWithinTheTimeLimit() {
    party.stubFor(
        get(urlEqualTo("/api/party/unhurried"))
            .willReturn(aResponse().withStatus(200).withBody("done").withFixedDelay(1300)));

    Http.Response response = gateway.get("/api/party/unhurried");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("done");
  }

  @Test
  void rejectsADeclaredBodyOverTheLimitWith413BeforeItReachesTheService() {
    Http.Response response =
        gateway.send(
            "POST",
            "/api/public/residents",
            BodyPublishers.ofByteArray(new byte[300 * 1024]),
            "Content-Type",
            "application/json");

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.json().get("detail").asString()).isEqualTo("请求体不能超过 256 KB");
    publicService.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void rejectsAChunkedBodyThatGrowsOverTheLimitWith413() {
    publicService.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));

    Http.Response response =
        gateway.send(
            "POST",
            "/api/public/residents",
            BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(new byte[400 * 1024])),
            "Content-Type",
            "application/json",
            "Accept-Language",
            "en");

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("detail").asString())
        .isEqualTo("The request body must not exceed 256 KB");
  }

  @Test
  void forwardsABodyJustUnderTheLimit() {
    publicService.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));

    Http.Response response =
        gateway.send(
            "POST",
            "/api/public/attachments",
            BodyPublishers.ofByteArray(new byte[256 * 1024]),
            "Content-Type",
            "application/octet-stream");

    assertThat(response.status()).isEqualTo(201);
  }

  @Test
  void answersAPathWithoutARouteWithA404ProblemInEnglishWhenAsked() {
    Http.Response response = gateway.get("/api/unknown/things", "Accept-Language", "en");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("detail").asString()).isEqualTo("No API matches /api/unknown/things");
    assertThat(response.text()).doesNotContain("Exception").doesNotContain("trace");
  }

  @Test
  void continuesTheCallersTraceTowardsTheService() {
    volunteer.stubFor(
        get(urlEqualTo("/api/volunteer/traced")).willReturn(aResponse().withStatus(200)));

    gateway.get(
        "/api/volunteer/traced", "traceparent", "00-" + INCOMING_TRACE_ID + "-00f067aa0ba902b7-01");

    String forwarded = onlyRequest(volunteer, "/api/volunteer/traced").getHeader("traceparent");
    assertThat(forwarded)
        .matches("00-" + INCOMING_TRACE_ID + "-[0-9a-f]{16}-01")
        .doesNotContain("00f067aa0ba902b7");
  }

  @Test
  void startsATraceForARequestThatArrivesWithoutOne() {
    volunteer.stubFor(
        get(urlEqualTo("/api/volunteer/untraced")).willReturn(aResponse().withStatus(200)));

    gateway.get("/api/volunteer/untraced");

    String forwarded = onlyRequest(volunteer, "/api/volunteer/untraced").getHeader("traceparent");
    assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void listsTheFourOpenApiDocumentsInSwaggerUi() {
    Http.Response config = gateway.get("/v3/api-docs/swagger-config");

    assertThat(config.status()).isEqualTo(200);
    Map<String, String> urls = new java.util.HashMap<>();
    config
        .json()
        .get("urls")
        .forEach(u -> urls.put(u.get("name").asString(), u.get("url").asString()));
    assertThat(urls)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "党建 party", "/api/party/v3/api-docs",
                "公共服务 public", "/api/public/v3/api-docs",
                "三社联动 sanshe", "/api/sanshe/v3/api-docs",
                "志愿者 volunteer", "/api/volunteer/v3/api-docs"));
    assertThat(gateway.get("/swagger-ui.html").status()).isIn(200, 302);
  }

  @Test
  void exposesLivenessReadinessAndPrometheus() {
    assertThat(gateway.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(gateway.get("/actuator/health/readiness").status()).isEqualTo(200);
    Http.Response metrics = gateway.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("resilience4j_circuitbreaker_state");
  }

  private static LoggedRequest onlyRequest(WireMockServer upstream, String url) {
    List<LoggedRequest> requests =
        upstream.findAll(
            com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(url)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static WireMockServer upstream() {
    WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(16));
    server.start();
    return server;
  }
}
