package org.fourinone.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fourinone.kit.testing.Http;
import org.fourinone.kit.testing.Residents;
import tools.jackson.databind.JsonNode;

/** What a client of the gateway does: register residents, place orders, move them along, read them back. */
public final class PlatformApi {

  private final Http http;

  public PlatformApi(String gatewayUrl) {
    this.http = new Http(gatewayUrl);
  }

  public Http http() {
    return http;
  }

  /** A resident registered in public-service, with the clear ID number and phone it was registered with. */
  public record Resident(String residentId, String communityId, String idNumber, String phone) {}

  public List<JsonNode> communities() {
    Http.Response response = http.get("/api/public/communities");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<JsonNode> communities = new ArrayList<>();
    response.json().forEach(communities::add);
    assertThat(communities).isNotEmpty();
    return communities;
  }

  public Resident registerResident() {
    return registerResident(communities().get(0).get("communityId").asString());
  }

  public Resident registerResident(String communityId) {
    Map<String, Object> body = Residents.aResident(communityId);
    Http.Response response = http.post("/api/public/residents", body);
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return new Resident(
        response.json().get("residentId").asString(), communityId, (String) body.get("idNumber"), (String) body.get("phone"));
  }

  /** Waits until party, sanshe and volunteer have the resident from {@code community.residents.v1}. */
  public void awaitKnownEverywhere(String residentId) {
    awaitKnownEverywhere(residentId, Duration.ofSeconds(30));
  }

  public void awaitKnownEverywhere(String residentId, Duration atMost) {
    await("resident " + residentId + " known in all four systems")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> {
          for (SubSystem system : SubSystem.ALL) {
            assertThat(http.get(system.residentOrders(residentId)).status()).as(system.name()).isEqualTo(200);
          }
        });
  }

  public List<String> orderTypes(SubSystem system) {
    Http.Response response = http.get(system.api() + "/order-types");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    response.json().forEach(type -> codes.add(type.get("code").asString()));
    assertThat(codes).as("order types of " + system).isNotEmpty();
    return codes;
  }

  public String firstOrderType(SubSystem system) {
    return orderTypes(system).get(0);
  }

  /** Places an order and returns its id; fails unless the answer is 201 SUBMITTED. */
  public String place(SubSystem system, String residentId, String channel) {
    Http.Response response = http.post(system.orders(), Orders.anOrder(residentId, firstOrderType(system), channel));
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    JsonNode order = response.json();
    assertThat(order.get("status").asString()).isEqualTo("SUBMITTED");
    assertThat(order.get("originSystem").asString()).isEqualTo(system.name());
    assertThat(response.header("Location")).endsWith("/orders/" + order.get("orderId").asString());
    return order.get("orderId").asString();
  }

  /** A lifecycle command in the origin system; returns the order after it. */
  public JsonNode act(SubSystem origin, String orderId, String command, Map<String, Object> body) {
    Http.Response response = http.post(origin.order(orderId) + "/" + command, body);
    assertThat(response.status()).as(command + " " + orderId + ": " + response.text()).isEqualTo(200);
    return response.json();
  }

  public Http.Response order(SubSystem system, String orderId) {
    return http.get(system.order(orderId));
  }

  /** The order as the origin system holds it (the source of truth). */
  public JsonNode orderIn(SubSystem system, String orderId) {
    Http.Response response = order(system, orderId);
    assertThat(response.status()).as(system + " " + orderId + ": " + response.text()).isEqualTo(200);
    return response.json();
  }

  public JsonNode residentOrders(SubSystem system, String residentId) {
    Http.Response response = http.get(system.residentOrders(residentId) + "?page=0&size=50");
    assertThat(response.status()).as(system + ": " + response.text()).isEqualTo(200);
    return response.json();
  }

  public List<String> residentOrderIds(SubSystem system, String residentId) {
    List<String> ids = new ArrayList<>();
    residentOrders(system, residentId).get("items").forEach(item -> ids.add(item.get("orderId").asString()));
    return ids;
  }

  /** Waits until every system shows the order with the same status, sequence and timeline as {@code origin}. */
  public void awaitSameEverywhere(SubSystem origin, String orderId, List<SubSystem> systems, Duration atMost) {
    JsonNode truth = orderIn(origin, orderId);
    await(orderId + " the same in " + systems)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> {
          for (SubSystem system : systems) {
            Http.Response response = order(system, orderId);
            assertThat(response.status()).as(system + " " + orderId + ": " + response.text()).isEqualTo(200);
            assertSameState(system, response.json(), truth);
          }
        });
  }

  public static void assertSameState(SubSystem system, JsonNode actual, JsonNode expected) {
    String what = system + " " + expected.get("orderId").asString();
    assertThat(actual.get("status")).as(what + " status").isEqualTo(expected.get("status"));
    assertThat(actual.get("sequence")).as(what + " sequence").isEqualTo(expected.get("sequence"));
    assertThat(actual.get("timeline")).as(what + " timeline").isEqualTo(expected.get("timeline"));
    assertThat(actual.get("originSystem")).as(what + " origin").isEqualTo(expected.get("originSystem"));
  }
}
