package org.fourinone.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small bucket (burst 5, one request a second) so the limit is reached within a test. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"GATEWAY_RATE_LIMIT_PER_SECOND=1", "GATEWAY_RATE_LIMIT_BURST=5"})
class RateLimitIT {

  static final int BURST = 5;

  static final WireMockServer volunteer = new WireMockServer(options().dynamicPort());

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    volunteer.start();
    registry.add("VOLUNTEER_SERVICE_URL", volunteer::baseUrl);
    AccessTokens.register(registry);
  }

  @LocalServerPort int port;

  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void stubUpstream() {
    volunteer.stubFor(get(anyUrl()).willReturn(okJson("[]")));
  }

  @AfterAll
  static void stopUpstream() {
    volunteer.stop();
  }

  @Test
  void answers429WithRetryAfterOnceOneSubjectSpentItsBurstWhileAnotherIsStillServed() {
    GatewayClient busy = new GatewayClient(port, AccessTokens.aResidentToken().bearer());
    GatewayClient other = new GatewayClient(port, AccessTokens.aResidentToken().bearer());

    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < BURST + 5 && limited == null; i++) {
      HttpResponse<String> response =
          busy.get("/api/volunteer/volunteers", "Accept-Language", "en");
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        limited = response;
      }
    }

    assertThat(limited).as("statuses %s", statuses).isNotNull();
    assertThat(statuses.subList(0, BURST)).containsOnly(200);
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
    assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json.readTree(limited.body());
    assertThat(problem.get("code").asString()).isEqualTo("gateway.too-many-requests");
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    assertThat(problem.get("detail").asString())
        .startsWith("Too many requests, please try again in");
    assertThat(other.get("/api/volunteer/volunteers").statusCode()).isEqualTo(200);
  }

  @Test
  void countsAnonymousCallersByAddressButNeverLimitsTheProbes() {
    GatewayClient anonymous = GatewayClient.anonymous(port);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < BURST + 5; i++) {
      statuses.add(anonymous.get("/v3/api-docs/swagger-config").statusCode());
    }

    assertThat(statuses).contains(429);
    for (int i = 0; i < BURST + 5; i++) {
      assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
  }
}
