package org.fourinone.order.testing;

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
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OrderType;
import org.fourinone.order.OriginSystem;
import org.fourinone.testing.EventSchemas;
import org.fourinone.testing.Http;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The order contract every system that learns residents from events must keep, checked against
 * the running service over a real broker and the wire-protocol MongoDB, with real access tokens.
 * A service's integration test extends this and names its system and one of its order types.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OrderContractChecks {

  static final String COMMUNITY = "C-HPL-01";
  static final String STREET = "S-HPL";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, "contract-" + UUID.randomUUID());
    registry.add("fourinone.outbox.sweep-interval", () -> "500ms");
    registry.add("fourinone.consumer.max-retries", () -> "1");
  }

  @LocalServerPort int port;
  protected Http anonymous;
  /** A community worker of the residents' community. */
  protected Http worker;

  protected abstract OriginSystem system();

  /** An order type this system offers. */
  protected abstract String anOrderType();

  @BeforeEach
  void client() {
    anonymous = new Http("http://localhost:" + port);
    worker = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-01", COMMUNITY, STREET));
  }

  protected Http as(TestTokens.Subject subject) {
    return anonymous.as(TestTokens.bearer(subject));
  }

  protected Http resident(String residentId) {
    return as(TestTokens.resident(residentId, COMMUNITY, STREET));
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
    data.put("communityId", COMMUNITY);
    data.put("streetId", STREET);
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
        .until(() -> worker.get(base() + "/residents/" + residentId + "/orders").status() == 200);
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
    if (channel.equals("CALL_CENTER") || channel.equals("DOOR_TO_DOOR")) {
      body.put("consent", Map.of("given", true, "how", "IN_PERSON"));
    }
    return body;
  }

  @Test
  void listsItsOwnOrderTypesToSignedInCallersOnly() {
    JsonNode types = worker.get(base() + "/order-types").json();
    assertThat(types.size()).isGreaterThanOrEqualTo(3);
    assertThat(types.findValuesAsString("code")).contains(anOrderType());
    assertThat(types.get(0).get("name").asText()).isNotBlank();
    var unauthenticated = anonymous.get(base() + "/order-types");
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(unauthenticated.header("Content-Type")).startsWith("application/problem+json");
    assertThat(as(TestTokens.of("PLATFORM_OPERATOR", "ops")).get(base() + "/order-types").status()).isEqualTo(403);
  }

  @Test
  void refusesTokensThatAreMissingExpiredForeignOrForged() {
    TestTokens.Subject cw = TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-01", COMMUNITY, STREET);
    String valid = TestTokens.token(cw);
    String[] parts = valid.split("\\.");
    String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"admin\",\"roles\":[\"DISTRICT_ADMIN\"],\"iss\":\"https://identity.test.fourinone.org\",\"aud\":\"fourinone-api\",\"exp\":4102444800}"
            .getBytes(StandardCharsets.UTF_8));
    String unsignedHeader = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("expired", TestTokens.sign(cw, TestTokens.ISSUER, TestTokens.AUDIENCE, Instant.now().minusSeconds(300)));
    bad.put("wrong issuer", TestTokens.sign(cw, "https://elsewhere.example.org", TestTokens.AUDIENCE, Instant.now().plusSeconds(300)));
    bad.put("wrong audience", TestTokens.sign(cw, TestTokens.ISSUER, "another-api", Instant.now().plusSeconds(300)));
    bad.put("tampered payload", parts[0] + "." + otherPayload + "." + parts[2]);
    bad.put("alg none", unsignedHeader + "." + otherPayload + ".");
    bad.put("not a JWT", "hello");
    assertThat(anonymous.get(base() + "/order-types").status()).as("missing").isEqualTo(401);
    bad.forEach((name, token) -> {
      var response = anonymous.as("Bearer " + token).get(base() + "/order-types");
      assertThat(response.status()).as(name).isEqualTo(401);
      assertThat(response.header("Content-Type")).as(name).startsWith("application/problem+json");
    });
    assertThat(anonymous.as("Bearer " + valid).get(base() + "/order-types").status()).as("valid").isEqualTo(200);
  }

  @Test
  void learnsResidentsFromEventsAndRefusesUnknownOnes() throws Exception {
    assertThat(worker.get(base() + "/residents/R-0000000000/orders").status()).isEqualTo(404);
    assertThat(worker.post(base() + "/orders", anOrder("R-0000000000", "DOOR_TO_DOOR")).status()).isEqualTo(422);
    String residentId = aKnownResident();
    assertThat(worker.get(base() + "/residents/" + residentId + "/orders").json().get("totalItems").asInt()).isZero();
  }

  @Test
  void placesAndCarriesAnOrderThroughItsLifecycle() throws Exception {
    String residentId = aKnownResident();
    var placed = worker.post(base() + "/orders", anOrder(residentId, "DOOR_TO_DOOR"), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String orderId = placed.json().get("orderId").asText();
    assertThat(orderId).startsWith(system().name() + "-");
    assertThat(placed.json().get("originSystem").asText()).isEqualTo(system().name());
    assertThat(placed.json().get("communityId").asText()).isEqualTo(COMMUNITY);
    assertThat(placed.json().get("streetId").asText()).isEqualTo(STREET);
    assertThat(placed.json().get("operatorId").asText()).isEqualTo("cw-hpl-01");
    assertThat(placed.json().get("consent").get("how").asText()).isEqualTo("IN_PERSON");
    String order = base() + "/orders/" + orderId;
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(200);
    assertThat(worker.post(order + "/assign", Map.of("assigneeType", "VOLUNTEER", "assignee", "v-88")).status()).isEqualTo(200);
    assertThat(worker.post(order + "/assign", Map.of("assigneeType", "ROBOT", "assignee", "r")).status()).isEqualTo(400);
    assertThat(worker.post(order + "/cancel", Map.of()).status()).isEqualTo(400);
    assertThat(worker.post(order + "/fly", Map.of()).status()).isEqualTo(404);
    Http volunteer = as(TestTokens.of("VOLUNTEER", "v-88"));
    assertThat(volunteer.post(order + "/start", Map.of()).status()).isEqualTo(200);
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(409);
    assertThat(volunteer.post(order + "/complete", Map.of("note", "已完成")).status()).isEqualTo(200);
    assertThat(worker.post(order + "/rate", Map.of("level", "SATISFIED")).status()).isEqualTo(403);
    var rated = resident(residentId).post(order + "/rate", Map.of("level", "BASICALLY_SATISFIED", "comment", "还行"));
    assertThat(rated.status()).isEqualTo(200);
    assertThat(rated.json().get("rating").get("level").asText()).isEqualTo("BASICALLY_SATISFIED");
    assertThat(resident(residentId).post(order + "/rate", Map.of("level", "SATISFIED")).status()).isEqualTo(409);
    JsonNode list = worker.get(base() + "/residents/" + residentId + "/orders").json();
    assertThat(list.get("totalItems").asInt()).isEqualTo(1);
    JsonNode timeline = list.get("items").get(0).get("timeline");
    assertThat(timeline.size()).isEqualTo(6);
    assertThat(timeline.findValuesAsString("by")).containsExactly("cw-hpl-01", "cw-hpl-01", "cw-hpl-01", "v-88", "v-88", "resident-" + residentId);
  }

  @Test
  void showsOrdersOnlyWithinTheCallersTerritory() throws Exception {
    String residentId = aKnownResident();
    var placed = resident(residentId).post(base() + "/orders", anOrder(residentId, "APP"));
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String order = base() + "/orders/" + placed.json().get("orderId").asText();
    String list = base() + "/residents/" + residentId + "/orders";
    assertThat(anonymous.get(order).status()).isEqualTo(401);
    assertThat(resident(residentId).get(order).status()).isEqualTo(200);
    assertThat(worker.get(order).status()).isEqualTo(200);
    assertThat(as(TestTokens.of("STREET_OFFICER", "st-hpl").with("street_id", STREET)).get(order).status()).isEqualTo(200);
    assertThat(as(TestTokens.of("DISTRICT_ADMIN", "admin")).get(order).status()).isEqualTo(200);
    assertThat(as(TestTokens.of("PARTNER_SYSTEM", "partner")).get(list).status()).isEqualTo(200);
    // another resident, another community, another street, an unassigned volunteer: not found
    assertThat(as(TestTokens.resident("R-ZZZZZZZZZZ", COMMUNITY, STREET)).get(order).status()).isEqualTo(404);
    assertThat(as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", "C-DZM-01", "S-DZM")).get(order).status()).isEqualTo(404);
    assertThat(as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", "C-DZM-01", "S-DZM")).get(list).status()).isEqualTo(404);
    assertThat(as(TestTokens.of("STREET_OFFICER", "st-dzm").with("street_id", "S-DZM")).get(order).status()).isEqualTo(404);
    assertThat(as(TestTokens.of("VOLUNTEER", "v-99")).get(order).status()).isEqualTo(404);
    // a resident may not place an order for somebody else, nor a worker through the resident's own channels
    assertThat(as(TestTokens.resident("R-ZZZZZZZZZZ", COMMUNITY, STREET)).post(base() + "/orders", anOrder(residentId, "WEB")).status()).isEqualTo(422);
    assertThat(worker.post(base() + "/orders", anOrder(residentId, "WEB")).status()).isEqualTo(403);
    Map<String, Object> withoutConsent = anOrder(residentId, "CALL_CENTER");
    withoutConsent.remove("consent");
    assertThat(as(TestTokens.worker("CALL_CENTER_OPERATOR", "cc-hpl-01", COMMUNITY, STREET)).post(base() + "/orders", withoutConsent).status()).isEqualTo(400);
  }

  @Test
  void projectsOtherSystemsOrdersOnceAndNewestFirst() throws Exception {
    String residentId = aKnownResident();
    OriginSystem other = system() == OriginSystem.PARTY ? OriginSystem.VOLUNTEER : OriginSystem.PARTY;
    Instant t0 = Instant.now().minusSeconds(60);
    Order older = Order.place(other.name() + "-261122-" + randomChars(8), other, new OrderType("X", "某事", "类"),
        residentId, COMMUNITY, STREET, Channel.WEB, null, null, "较早的工单", "", null, t0);
    Order newer = Order.place(other.name() + "-261122-" + randomChars(8), other, new OrderType("X", "某事", "类"),
        residentId, COMMUNITY, STREET, Channel.APP, null, null, "较新的工单", "", null, t0.plusSeconds(10));
    Order newerAccepted = newer.accept("w", null, t0.plusSeconds(20));
    send("community.orders.v1", event(older));
    send("community.orders.v1", event(newerAccepted));
    send("community.orders.v1", event(newer));
    send("community.orders.v1", event(newerAccepted));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode list = worker.get(base() + "/residents/" + residentId + "/orders").json();
      assertThat(list.get("totalItems").asInt()).isEqualTo(2);
      assertThat(list.get("items").findValuesAsString("orderId")).containsExactly(newer.orderId(), older.orderId());
      assertThat(list.get("items").get(0).get("status").asText()).isEqualTo("ACCEPTED");
    });
    assertThat(worker.post(base() + "/orders/" + newer.orderId() + "/start", Map.of()).json().get("code").asText())
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
