package org.fourinone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.fourinone.testing.Http;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** public-service is down: nothing listens on its port, so every connection is refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UpstreamDownIT {

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    registry.add("PUBLIC_SERVICE_URL", () -> "http://127.0.0.1:" + closedPort());
    TestTokens.registerAsIssuer(registry, "OIDC_ISSUER_URI");
  }

  @LocalServerPort int port;

  @Autowired CircuitBreakerRegistry circuitBreakers;

  @Test
  void answersARefusedConnectionWith503NamingTheServiceInChinese() {
    Http.Response response = gateway().get("/api/public/residents?page=0");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("Content-Language")).isEqualTo("zh-CN");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://fourinone.org/problems/gateway.service-unavailable");
    assertThat(problem.get("title").asString()).isEqualTo("服务暂时不可用");
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asString()).isEqualTo("公共服务系统暂时不可用，请稍后再试");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/public/residents");
    assertThat(problem.get("service").asString()).isEqualTo("public-service");
  }

  /**
   * The failure's log line names the trace of the request (Boot's correlation pattern), also with
   * context propagation "limited": the gateway logs it where Reactor restores the trace context.
   */
  @Test
  void logsTheFailureWithTheTraceIdOfTheRequest(CapturedOutput output) {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    Http.Response response =
        gateway()
            .get("/api/public/households", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

    assertThat(response.status()).isEqualTo(503);
    assertThat(output.getOut().lines().filter(l -> l.contains("/api/public/households -> 503")))
        .singleElement()
        .asString()
        .contains(traceId);
  }

  @Test
  void answersARefusedPostInEnglishWhenAsked() {
    Http.Response response =
        gateway()
            .post(
                "/api/public/residents",
                "{\"name\":\"Li Si\"}",
                "Accept-Language",
                "en-GB,en;q=0.9");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().get("detail").asString())
        .isEqualTo("The public-service system is temporarily unavailable, please try again later");
  }

  @Test
  void keepsAnsweringWith503OnceTheCircuitBreakerOpens() {
    Http gateway = gateway();
    for (int i = 0; i < 15; i++) {
      Http.Response response = gateway.get("/api/public/streets");
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.json().get("service").asString()).isEqualTo("public-service");
    }
    assertThat(circuitBreakers.circuitBreaker("public-service").getState())
        .isEqualTo(CircuitBreaker.State.OPEN);
  }

  private Http gateway() {
    return new Http("http://localhost:" + port)
        .as(TestTokens.bearer(TestTokens.anyResident(), TestTokens.issuerUrl()));
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
