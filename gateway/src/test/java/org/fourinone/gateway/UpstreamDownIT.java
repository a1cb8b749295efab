package org.fourinone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** public-service is down: nothing listens on its port, so every connection is refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamDownIT {

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    registry.add("PUBLIC_SERVICE_URL", () -> "http://127.0.0.1:" + closedPort());
    AccessTokens.register(registry);
  }

  @LocalServerPort int port;

  @Autowired CircuitBreakerRegistry circuitBreakers;

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void answersARefusedConnectionWith503NamingTheServiceInChinese() {
    HttpResponse<String> response = gateway().get("/api/public/residents?page=0");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("Content-Language")).hasValue("zh-CN");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("type").asString())
        .isEqualTo("https://fourinone.org/problems/gateway.service-unavailable");
    assertThat(problem.get("title").asString()).isEqualTo("服务暂时不可用");
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asString()).isEqualTo("公共服务系统暂时不可用，请稍后再试");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/public/residents");
    assertThat(problem.get("service").asString()).isEqualTo("public-service");
  }

  @Test
  void answersARefusedPostInEnglishWhenAsked() {
    HttpResponse<String> response =
        gateway()
            .send(
                "POST",
                "/api/public/residents",
                BodyPublishers.ofString("{\"name\":\"Li Si\"}"),
                "Content-Type",
                "application/json",
                "Accept-Language",
                "en-GB,en;q=0.9");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json.readTree(response.body()).get("detail").asString())
        .isEqualTo("The public-service system is temporarily unavailable, please try again later");
  }

  @Test
  void keepsAnsweringWith503OnceTheCircuitBreakerOpens() {
    GatewayClient gateway = gateway();
    for (int i = 0; i < 15; i++) {
      HttpResponse<String> response = gateway.get("/api/public/streets");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(json.readTree(response.body()).get("service").asString())
          .isEqualTo("public-service");
    }
    assertThat(circuitBreakers.circuitBreaker("public-service").getState())
        .isEqualTo(CircuitBreaker.State.OPEN);
  }

  private GatewayClient gateway() {
    return new GatewayClient(port, AccessTokens.aResidentToken().bearer());
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
