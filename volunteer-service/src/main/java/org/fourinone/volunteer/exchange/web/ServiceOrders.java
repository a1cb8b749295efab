package org.fourinone.volunteer.exchange.web;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.fourinone.order.OriginSystem;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * The outgoing web adapter of the exchange: places the order a service item stands for (以积分换服务) in
 * the system that provides it, as the resident who redeemed it: their own access token goes with
 * the call, so the order is theirs and the providing system checks it as any of their orders. The
 * redemption's id is the call's Idempotency-Key, so a retry places one order. Bounded by a timeout,
 * retried on a failure of the connection or a 5xx, and cut off by a circuit breaker while the
 * system is down.
 */
public class ServiceOrders {

  /** The providing system could not take the order now (down, slow, refusing with 5xx). */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The providing system refused the order (4xx): its problem's detail, to show the resident. */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String detail) {
      super(detail);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Map<OriginSystem, URI> systems;
  private final RestClient http;
  private final CircuitBreaker breaker;
  private final Retry retry;

  public ServiceOrders(Map<OriginSystem, URI> systems, Duration timeout) {
    this.systems = Map.copyOf(systems);
    SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
    factory.setConnectTimeout(timeout);
    factory.setReadTimeout(timeout);
    this.http = RestClient.builder().requestFactory(factory).build();
    this.breaker =
        CircuitBreaker.of(
            "service-orders",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .ignoreExceptions(Refused.class)
                .build());
    this.retry =
        Retry.of(
            "service-orders",
            RetryConfig.custom()
                .maxAttempts(3)
                .waitDuration(Duration.ofMillis(200))
                .retryExceptions(Unavailable.class)
                .build());
  }

  /** Places the order and returns its id. */
  public String place(
      OriginSystem system,
      String bearer,
      String idempotencyKey,
      String residentId,
      String orderType,
      String title,
      String description,
      String address) {
    URI base = systems.get(system);
    if (base == null) {
      throw new Unavailable("no address configured for " + system, null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("residentId", residentId);
    body.put("type", orderType);
    body.put("channel", "APP");
    body.put("title", title);
    body.put("description", description);
    if (address != null) {
      body.put("address", address);
    }
    Supplier<String> call =
        () -> {
          try {
            JsonNode placed =
                http.post()
                    .uri(base.resolve("/api/" + system.segment() + "/orders"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Authorization", bearer)
                    .header("Idempotency-Key", idempotencyKey)
                    .body(body)
                    .retrieve()
                    .onStatus(
                        HttpStatusCode::is4xxClientError,
                        (request, response) -> {
                          throw new Refused(
                              response.getStatusCode().value(),
                              new String(
                                  response.getBody().readAllBytes(),
                                  java.nio.charset.StandardCharsets.UTF_8));
                        })
                    .body(JsonNode.class);
            if (placed == null || placed.get("orderId") == null) {
              throw new Unavailable(system + " answered without an order id", null);
            }
            return placed.get("orderId").asText();
          } catch (RestClientResponseException e) {
            throw new Unavailable(system + " answered " + e.getStatusCode(), e);
          } catch (RestClientException e) {
            if (e.getCause() instanceof Refused refused) {
              throw refused;
            }
            throw new Unavailable(system + " could not be reached: " + e.getMessage(), e);
          }
        };
    try {
      return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
    } catch (CallNotPermittedException open) {
      throw new Unavailable(system + " is failing; the circuit is open", open);
    }
  }
}
