package org.fourinone.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import org.fourinone.testing.Http;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

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
    TestTokens.registerAsIssuer(registry, "OIDC_ISSUER_URI");
  }

  @LocalServerPort int port;

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
    Http busy = aResident();
    Http other = aResident();

    List<Integer> statuses = new ArrayList<>();
    Http.Response limited = null;
    for (int i = 0; i < BURST + 5 && limited == null; i++) {
      Http.Response response = busy.get("/api/volunteer/volunteers", "Accept-Language", "en");
      statuses.add(response.status());
      if (response.status() == 429) {
        limited = response;
      }
    }

    assertThat(limited).as("statuses %s", statuses).isNotNull();
    assertThat(statuses.subList(0, BURST)).containsOnly(200);
    assertThat(limited.header("Retry-After"))
        .satisfies(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
    assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = limited.json();
    assertThat(problem.get("code").asString()).isEqualTo("gateway.too-many-requests");
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    assertThat(problem.get("detail").asString())
        .startsWith("Too many requests, please try again in");
    assertThat(other.get("/api/volunteer/volunteers").status()).isEqualTo(200);
  }

  @Test
  void countsAnonymousCallersByAddressButNeverLimitsTheProbes() {
    Http anonymous = anonymous();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < BURST + 5; i++) {
      statuses.add(anonymous.get("/app-config.json").status());
    }

    assertThat(statuses).contains(429);
    for (int i = 0; i < BURST + 5; i++) {
      assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
  }

  private Http anonymous() {
    return new Http("http://localhost:" + port);
  }

  /** A client with its own resident's token, so the gateway counts it by its own subject. */
  private Http aResident() {
    return anonymous().as(TestTokens.bearer(TestTokens.anyResident(), TestTokens.issuerUrl()));
  }
}
