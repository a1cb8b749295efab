package org.fourinone.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.order.Channel;
import org.fourinone.kit.order.Order;
import org.fourinone.kit.order.OrderJson;
import org.fourinone.kit.order.OrderType;
import org.fourinone.kit.order.OriginSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The order contract every system that learns residents from events must keep, checked against
 * the running service over a real broker and the wire-protocol MongoDB. A service's integration
 * test extends this and names its system and one of its order types.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OrderContractChecks {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, "contract-" + UUID.randomUUID());
    registry.add("fourinone.outbox.sweep-interval", () -> "500ms");
    registry.add("fourinone.consumer.max-retries", () -> "1");
  }

  @LocalServerPort int port;
  protected Http http;

  protected abstract OriginSystem system();

  /** An order type this system offers. */
  protected abstract String anOrderType();

  @BeforeEach
  void client() {
    http = new Http("http://localhost:" + port);
  }

  protected String base() {
    return "/api/" + system().segment();
  }

  /** Publishes a resident as public-service would and waits until this system knows them. */
  protected String aKnownResident() throws Exception {
    String residentId = "R-" + randomChars(10);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("residentId", residentId);
    data.put("sequence", 1);
    data.put("name", "李建国");
    data.put("communityId", "C-HPL-01");
    data.put("streetId", "S-HPL");
    data.put("idNumberMasked", "220***********0012");
    data.put("phoneMasked", "139****0000");
    data.put("registeredAt", Instant.now().toString());
    byte[] json = Http.JSON.writeValueAsBytes(data);
    assertThat(EventSchemas.violations("org.fourinone.resident.registered.v1", json)).isEmpty();
    send("community.residents.v1", new EventEnvelope(
        UUID.randomUUID().toString(), "org.fourinone.resident.registered.v1", URI.create("/fourinone/public-service"),
        residentId, Instant.now().atOffset(ZoneOffset.UTC), CloudEventCodec.schemaOf("org.fourinone.resident.registered.v1"),
        1, null, json));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> http.get(base() + "/residents/" + residentId + "/orders").status() == 200);
    return residentId;
  }

  protected Map<String, Object> anOrder(String residentId, String channel) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("residentId", residentId);
    body.put("type", anOrderType());
    body.put("channel", channel);
    body.put("title", "请帮忙");
    body.put("description", "家中老人需要帮助");
    body.put("address", "和平里东街15号");
    body.put("operatorId", "op-7");
    return body;
  }

  @Test
  void listsItsOwnOrderTypes() {
    JsonNode types = http.get(base() + "/order-types").json();
    assertThat(types.size()).isGreaterThanOrEqualTo(3);
    assertThat(types.findValuesAsString("code")).contains(anOrderType());
    assertThat(types.get(0).get("name").asText()).isNotBlank();
  }

  @Test
  void learnsResidentsFromEventsAndRefusesUnknownOnes() throws Exception {
    assertThat(http.get(base() + "/residents/R-0000000000/orders").status()).isEqualTo(404);
    assertThat(http.post(base() + "/orders", anOrder("R-0000000000", "APP")).status()).isEqualTo(422);
    String residentId = aKnownResident();
    assertThat(http.get(base() + "/residents/" + residentId + "/orders").json().get("totalItems").asInt()).isZero();
  }

  @Test
  void placesAndCarriesAnOrderThroughItsLifecycle() throws Exception {
    String residentId = aKnownResident();
    var placed = http.post(base() + "/orders", anOrder(residentId, "DOOR_TO_DOOR"), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String orderId = placed.json().get("orderId").asText();
    assertThat(orderId).startsWith(system().name() + "-");
    assertThat(placed.json().get("originSystem").asText()).isEqualTo(system().name());
    assertThat(placed.json().get("communityId").asText()).isEqualTo("C-HPL-01");
    String order = base() + "/orders/" + orderId;
    assertThat(http.post(order + "/accept", Map.of("actorId", "w-1")).status()).isEqualTo(200);
    assertThat(http.post(order + "/assign", Map.of("assigneeType", "VOLUNTEER", "assignee", "v-88")).status()).isEqualTo(200);
    assertThat(http.post(order + "/assign", Map.of("assigneeType", "ROBOT", "assignee", "r")).status()).isEqualTo(400);
    assertThat(http.post(order + "/cancel", Map.of()).status()).isEqualTo(400);
    assertThat(http.post(order + "/fly", Map.of()).status()).isEqualTo(404);
    assertThat(http.post(order + "/start", Map.of()).status()).isEqualTo(200);
    assertThat(http.post(order + "/accept", Map.of()).status()).isEqualTo(409);
    assertThat(http.post(order + "/complete", Map.of("note", "已完成")).status()).isEqualTo(200);
    var rated = http.post(order + "/rate", Map.of("level", "BASICALLY_SATISFIED", "comment", "还行"));
    assertThat(rated.status()).isEqualTo(200);
    assertThat(rated.json().get("rating").get("level").asText()).isEqualTo("BASICALLY_SATISFIED");
    assertThat(http.post(order + "/rate", Map.of("level", "SATISFIED")).status()).isEqualTo(409);
    JsonNode list = http.get(base() + "/residents/" + residentId + "/orders").json();
    assertThat(list.get("totalItems").asInt()).isEqualTo(1);
    assertThat(list.get("items").get(0).get("timeline").size()).isEqualTo(6);
  }

  @Test
  void projectsOtherSystemsOrdersOnceAndNewestFirst() throws Exception {
    String residentId = aKnownResident();
    OriginSystem other = system() == OriginSystem.PARTY ? OriginSystem.VOLUNTEER : OriginSystem.PARTY;
    Instant t0 = Instant.now().minusSeconds(60);
    Order older = Order.place(other.name() + "-261122-" + randomChars(8), other, new OrderType("X", "某事", "类"),
        residentId, "C-HPL-01", Channel.WEB, null, "较早的工单", "", null, t0);
    Order newer = Order.place(other.name() + "-261122-" + randomChars(8), other, new OrderType("X", "某事", "类"),
        residentId, "C-HPL-01", Channel.APP, null, "较新的工单", "", null, t0.plusSeconds(10));
    Order newerAccepted = newer.accept("w", null, t0.plusSeconds(20));
    send("community.orders.v1", event(older));
    send("community.orders.v1", event(newerAccepted));
    send("community.orders.v1", event(newer));
    send("community.orders.v1", event(newerAccepted));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode list = http.get(base() + "/residents/" + residentId + "/orders").json();
      assertThat(list.get("totalItems").asInt()).isEqualTo(2);
      assertThat(list.get("items").findValuesAsString("orderId")).containsExactly(newer.orderId(), older.orderId());
      assertThat(list.get("items").get(0).get("status").asText()).isEqualTo("ACCEPTED");
    });
    assertThat(http.post(base() + "/orders/" + newer.orderId() + "/start", Map.of()).json().get("code").asText())
        .isEqualTo("order.not-origin");
  }

  protected static EventEnvelope event(Order order) {
    String type = order.lastAction().eventType();
    return new EventEnvelope(UUID.randomUUID().toString(), type, URI.create("/fourinone/" + order.originSystem().serviceName()),
        order.orderId(), order.updatedAt().atOffset(ZoneOffset.UTC), CloudEventCodec.schemaOf(type), order.sequence(),
        null, OrderJson.write(order).getBytes(StandardCharsets.UTF_8));
  }

  protected static void send(String topic, EventEnvelope event) throws Exception {
    try (var producer = new KafkaProducer<String, byte[]>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(topic, event);
      producer.send(record).get();
    }
  }

  private static String randomChars(int n) {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
