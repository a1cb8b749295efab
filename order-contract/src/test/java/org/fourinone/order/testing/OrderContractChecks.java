package org.fourinone.order.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderEvents;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OrderType;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.SatisfactionLevel;
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
 * The order contract every system that learns residents from events must keep, checked against the
 * running service over a real broker and the wire-protocol MongoDB, with real access tokens. A
 * service's integration test extends this and names its system and one of its order types.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OrderContractChecks {

  static final String COMMUNITY = "C-HPL-01";
  static final String STREET = "S-HPL";

  static final String DATABASE = "contract-" + UUID.randomUUID();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, DATABASE);
    registry.add("fourinone.outbox.sweep-interval", () -> "500ms");
    registry.add("fourinone.consumer.max-retries", () -> "1");
  }

  @LocalServerPort protected int port;
  protected Http anonymous;

  /** A community worker of the residents' community. */
  protected Http worker;

  private final OriginSystem system;
  private final String anOrderType;

  /**
   * @param system the system under test
   * @param anOrderType an order type it offers, placeable through every channel, that a volunteer
   *     may take
   */
  protected OrderContractChecks(OriginSystem system, String anOrderType) {
    this.system = system;
    this.anOrderType = anOrderType;
  }

  protected OriginSystem system() {
    return system;
  }

  protected String anOrderType() {
    return anOrderType;
  }

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
    return aKnownResident(COMMUNITY, STREET);
  }

  /** A known resident of another community. */
  protected String aKnownResident(String community, String street) throws Exception {
    String residentId = "R-" + randomChars(10);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("residentId", residentId);
    data.put("sequence", 1);
    data.put("name", "李建国");
    data.put("communityId", community);
    data.put("streetId", street);
    data.put("idNumberMasked", "220***********0012");
    data.put("phoneMasked", "139****0000");
    data.put("registeredAt", Instant.now().toString());
    publish("community.residents.v1", OrderEvents.RESIDENT_REGISTERED, residentId, data);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                as(TestTokens.of("DISTRICT_ADMIN", "admin"))
                        .get(base() + "/residents/" + residentId + "/orders")
                        .status()
                    == 200);
    return residentId;
  }

  /** Publishes a community as public-service would and waits until this system knows it. */
  protected static void aKnownCommunity(String communityId, String streetId) throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("communityId", communityId);
    data.put("sequence", 1);
    data.put("name", communityId + "社区");
    data.put("streetId", streetId);
    data.put("streetName", streetId + "街道");
    data.put("district", "东城区");
    data.put("address", "社区综合服务大厅");
    data.put("officePhone", "010-6400 0000");
    data.put("location", Map.of("lat", 39.94, "lng", 116.42));
    publish("community.geography.v1", OrderEvents.COMMUNITY_REGISTERED, communityId, data);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                database()
                        .getCollection("communities")
                        .countDocuments(new org.bson.Document("_id", communityId))
                    > 0);
  }

  /**
   * Publishes an event as its producer would (source, schema, sequence 1 or the data's own), after
   * checking its data against the schema partners read.
   */
  protected static void publish(String topic, String type, String subject, Map<String, Object> data)
      throws Exception {
    byte[] json = Http.JSON.writeValueAsBytes(data);
    assertThat(EventSchemas.violations(type, json)).isEmpty();
    Object sequence = data.getOrDefault("sequence", 1);
    send(
        topic,
        new EventEnvelope(
            UUID.randomUUID().toString(),
            type,
            URI.create(
                type.startsWith("org.fourinone.party.")
                    ? "/fourinone/party-building-service"
                    : "/fourinone/public-service"),
            subject,
            Instant.now().atOffset(ZoneOffset.UTC),
            CloudEventCodec.schemaOf(type),
            ((Number) sequence).longValue(),
            null,
            json));
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
    assertThat(as(TestTokens.of("PLATFORM_OPERATOR", "ops")).get(base() + "/order-types").status())
        .isEqualTo(403);
  }

  @Test
  void refusesTokensThatAreMissingExpiredForeignOrForged() {
    TestTokens.Subject cw = TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-01", COMMUNITY, STREET);
    String valid = TestTokens.token(cw);
    String[] parts = valid.split("\\.");
    String otherPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"sub\":\"admin\",\"roles\":[\"DISTRICT_ADMIN\"],\"iss\":\"https://identity.test.fourinone.org\",\"aud\":\"fourinone-api\",\"exp\":4102444800}"
                    .getBytes(StandardCharsets.UTF_8));
    String unsignedHeader =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put(
        "expired",
        TestTokens.sign(
            cw, TestTokens.ISSUER, TestTokens.AUDIENCE, Instant.now().minusSeconds(300)));
    bad.put(
        "wrong issuer",
        TestTokens.sign(
            cw,
            "https://elsewhere.example.org",
            TestTokens.AUDIENCE,
            Instant.now().plusSeconds(300)));
    bad.put(
        "wrong audience",
        TestTokens.sign(cw, TestTokens.ISSUER, "another-api", Instant.now().plusSeconds(300)));
    bad.put("tampered payload", parts[0] + "." + otherPayload + "." + parts[2]);
    bad.put("alg none", unsignedHeader + "." + otherPayload + ".");
    bad.put("not a JWT", "hello");
    assertThat(anonymous.get(base() + "/order-types").status()).as("missing").isEqualTo(401);
    bad.forEach(
        (name, token) -> {
          var response = anonymous.as("Bearer " + token).get(base() + "/order-types");
          assertThat(response.status()).as(name).isEqualTo(401);
          assertThat(response.header("Content-Type"))
              .as(name)
              .startsWith("application/problem+json");
        });
    assertThat(anonymous.as("Bearer " + valid).get(base() + "/order-types").status())
        .as("valid")
        .isEqualTo(200);
  }

  @Test
  void learnsResidentsFromEventsAndRefusesUnknownOnes() throws Exception {
    assertThat(worker.get(base() + "/residents/R-0000000000/orders").status()).isEqualTo(404);
    assertThat(worker.post(base() + "/orders", anOrder("R-0000000000", "DOOR_TO_DOOR")).status())
        .isEqualTo(422);
    String residentId = aKnownResident();
    assertThat(
            worker
                .get(base() + "/residents/" + residentId + "/orders")
                .json()
                .get("totalItems")
                .asInt())
        .isZero();
  }

  @Test
  void placesAndCarriesAnOrderThroughItsLifecycle() throws Exception {
    String residentId = aKnownResident();
    var placed =
        worker.post(
            base() + "/orders",
            anOrder(residentId, "DOOR_TO_DOOR"),
            "Idempotency-Key",
            UUID.randomUUID().toString());
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
    assertThat(
            worker
                .post(order + "/assign", Map.of("assigneeType", "VOLUNTEER", "assignee", "v-88"))
                .status())
        .isEqualTo(200);
    assertThat(
            worker
                .post(order + "/assign", Map.of("assigneeType", "ROBOT", "assignee", "r"))
                .status())
        .isEqualTo(400);
    assertThat(worker.post(order + "/cancel", Map.of()).status()).isEqualTo(400);
    assertThat(worker.post(order + "/fly", Map.of()).status()).isEqualTo(404);
    Http volunteer = as(TestTokens.of("VOLUNTEER", "v-88"));
    assertThat(volunteer.post(order + "/start", Map.of()).status()).isEqualTo(200);
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(409);
    assertThat(volunteer.post(order + "/complete", Map.of("note", "已完成")).status()).isEqualTo(200);
    assertThat(worker.post(order + "/rate", Map.of("level", "SATISFIED")).status()).isEqualTo(403);
    var rated =
        resident(residentId)
            .post(order + "/rate", Map.of("level", "BASICALLY_SATISFIED", "comment", "还行"));
    assertThat(rated.status()).isEqualTo(200);
    assertThat(rated.json().get("rating").get("level").asText()).isEqualTo("BASICALLY_SATISFIED");
    assertThat(resident(residentId).post(order + "/rate", Map.of("level", "SATISFIED")).status())
        .isEqualTo(409);
    JsonNode list = worker.get(base() + "/residents/" + residentId + "/orders").json();
    assertThat(list.get("totalItems").asInt()).isEqualTo(1);
    JsonNode timeline = list.get("items").get(0).get("timeline");
    assertThat(timeline.size()).isEqualTo(6);
    assertThat(timeline.findValuesAsString("by"))
        .containsExactly(
            "cw-hpl-01", "cw-hpl-01", "cw-hpl-01", "v-88", "v-88", "resident-" + residentId);
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
    assertThat(
            as(TestTokens.of("STREET_OFFICER", "st-hpl").with("street_id", STREET))
                .get(order)
                .status())
        .isEqualTo(200);
    assertThat(as(TestTokens.of("DISTRICT_ADMIN", "admin")).get(order).status()).isEqualTo(200);
    assertThat(as(TestTokens.of("PARTNER_SYSTEM", "partner")).get(list).status()).isEqualTo(200);
    // another resident, another community, another street, an unassigned volunteer: not found
    assertThat(as(TestTokens.resident("R-ZZZZZZZZZZ", COMMUNITY, STREET)).get(order).status())
        .isEqualTo(404);
    assertThat(
            as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", "C-DZM-01", "S-DZM"))
                .get(order)
                .status())
        .isEqualTo(404);
    assertThat(
            as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", "C-DZM-01", "S-DZM"))
                .get(list)
                .status())
        .isEqualTo(404);
    assertThat(
            as(TestTokens.of("STREET_OFFICER", "st-dzm").with("street_id", "S-DZM"))
                .get(order)
                .status())
        .isEqualTo(404);
    assertThat(as(TestTokens.of("VOLUNTEER", "v-99")).get(order).status()).isEqualTo(404);
    // a resident may not place an order for somebody else, nor a worker through the resident's own
    // channels
    assertThat(
            as(TestTokens.resident("R-ZZZZZZZZZZ", COMMUNITY, STREET))
                .post(base() + "/orders", anOrder(residentId, "WEB"))
                .status())
        .isEqualTo(422);
    assertThat(worker.post(base() + "/orders", anOrder(residentId, "WEB")).status()).isEqualTo(403);
    Map<String, Object> withoutConsent = anOrder(residentId, "CALL_CENTER");
    withoutConsent.remove("consent");
    assertThat(
            as(TestTokens.worker("CALL_CENTER_OPERATOR", "cc-hpl-01", COMMUNITY, STREET))
                .post(base() + "/orders", withoutConsent)
                .status())
        .isEqualTo(400);
  }

  @Test
  void projectsOtherSystemsOrdersOnceAndNewestFirst() throws Exception {
    String residentId = aKnownResident();
    OriginSystem other =
        system() == OriginSystem.PARTY ? OriginSystem.VOLUNTEER : OriginSystem.PARTY;
    Instant t0 = Instant.now().minusSeconds(60);
    OrderType something = new OrderType("X", "某事", "类");
    Order older = OrderMother.placed(other, something, where(residentId), "较早的工单", t0);
    Order newer =
        OrderMother.placed(other, something, where(residentId), "较新的工单", t0.plusSeconds(10));
    Order newerAccepted = newer.accept("w", null, t0.plusSeconds(20));
    send("community.orders.v1", event(older));
    send("community.orders.v1", event(newerAccepted));
    send("community.orders.v1", event(newer));
    send("community.orders.v1", event(newerAccepted));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode list = worker.get(base() + "/residents/" + residentId + "/orders").json();
              assertThat(list.get("totalItems").asInt()).isEqualTo(2);
              assertThat(list.get("items").findValuesAsString("orderId"))
                  .containsExactly(newer.orderId(), older.orderId());
              assertThat(list.get("items").get(0).get("status").asText()).isEqualTo("ACCEPTED");
            });
    assertThat(
            worker
                .post(base() + "/orders/" + newer.orderId() + "/start", Map.of())
                .json()
                .get("code")
                .asText())
        .isEqualTo("order.not-origin");
  }

  @Test
  void countsTheEndedDaysFromTheBucketsAndAChangeToOneOfThemAfterThePass() throws Exception {
    String community = "C-D" + randomChars(6);
    String street = "S-D" + randomChars(6);
    OriginSystem other =
        system() == OriginSystem.PARTY ? OriginSystem.VOLUNTEER : OriginSystem.PARTY;
    OrderType help = new OrderType("HELP", "帮忙", "类");
    Instant now = Instant.now();
    var here = new OrderMother.Where("R-" + randomChars(10), community, street);
    Order lastMonth =
        OrderMother.placed(other, help, here, "四十天前的工单", now.minus(Duration.ofDays(40)));
    Order fourDays = OrderMother.placed(other, help, here, "四天前的工单", now.minus(Duration.ofDays(4)));
    Order yesterday =
        OrderMother.placed(other, help, here, "昨天的工单", now.minus(Duration.ofHours(26)))
            .accept("w", null, now.minus(Duration.ofHours(25)));
    Order today = OrderMother.placed(other, help, here, "今天的工单", now.minusSeconds(60));
    for (Order o : List.of(lastMonth, fourDays, yesterday, today)) {
      send("community.orders.v1", event(o));
    }
    Http worker = as(TestTokens.worker("COMMUNITY_WORKER", "cw-d", community, street));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(worker.get(base() + "/orders").json().get("totalItems").asInt())
                    .isEqualTo(4));

    // orders of ended days are in the figures once a refresher pass has counted their days
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode figures = worker.get(base() + "/orders/statistics").json();
              assertThat(figures.get("total").asInt()).isEqualTo(4);
              assertThat(figures.get("overdue").asInt())
                  .as("open and older than 72 h")
                  .isEqualTo(2);
              assertThat(counts(figures.get("byStatus")))
                  .containsEntry("SUBMITTED", 3)
                  .containsEntry("ACCEPTED", 1);
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        database()
                            .getCollection("order_stats")
                            .countDocuments(new Document("scope", community).append("kind", "day")))
                    .as("the three ended days are in the buckets, today is not")
                    .isEqualTo(3));

    // accepted today, placed four days ago: in the figures after the next refresher pass
    send("community.orders.v1", event(fourDays.accept("w", null, now)));
    Http officer = as(TestTokens.of("STREET_OFFICER", "st-d").with("street_id", street));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode after = officer.get(base() + "/orders/statistics").json();
              assertThat(after.get("total").asInt()).isEqualTo(4);
              assertThat(after.get("overdue").asInt()).isEqualTo(2);
              assertThat(counts(after.get("byStatus")))
                  .containsEntry("SUBMITTED", 2)
                  .containsEntry("ACCEPTED", 2);
              assertThat(counts(after.get("byCommunity"))).containsOnly(Map.entry(community, 4));
            });
  }

  @Test
  void servesTheQueueAndTheFiguresOfTheCallersTerritoryOnly() throws Exception {
    // a community of its own, so that the counts are this test's alone
    String community = "C-Q" + randomChars(6);
    String street = "S-Q" + randomChars(6);
    OriginSystem other =
        system() == OriginSystem.PARTY ? OriginSystem.VOLUNTEER : OriginSystem.PARTY;
    OriginSystem third =
        Arrays.stream(OriginSystem.values())
            .filter(o -> o != system() && o != other)
            .findFirst()
            .orElseThrow();
    OrderType help = new OrderType("HELP", "帮忙", "类");
    Instant now = Instant.now();
    var here = new OrderMother.Where("R-" + randomChars(10), community, street);
    Order old = OrderMother.placed(other, help, here, "三小时前的工单", now.minusSeconds(3 * 3600));
    Order accepted =
        OrderMother.placed(other, help, here, "已受理的工单", now.minusSeconds(60))
            .accept("w", null, now.minusSeconds(50));
    Order rated =
        OrderMother.placed(third, help, here, "已评价的工单", now.minusSeconds(30))
            .accept("w", null, now.minusSeconds(29))
            .assign(
                new Order.Assignment(AssigneeType.ORGANISATION, "ORG-Q"),
                "w",
                null,
                now.minusSeconds(28))
            .start("w", null, now.minusSeconds(27))
            .complete("w", null, now.minusSeconds(26))
            .rate(SatisfactionLevel.SATISFIED, "很好", "r", now.minusSeconds(25));
    Order elsewhere =
        OrderMother.placed(
            other,
            help,
            new OrderMother.Where("R-" + randomChars(10), "C-Q" + randomChars(6), street),
            "同街道另一社区的工单",
            now.minusSeconds(10));
    for (Order o : List.of(old, accepted, rated, elsewhere)) {
      send("community.orders.v1", event(o));
    }
    Http communityWorker = as(TestTokens.worker("COMMUNITY_WORKER", "cw-q", community, street));
    String queue = base() + "/orders";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(communityWorker.get(queue).json().get("totalItems").asInt())
                    .isEqualTo(3));
    assertThat(communityWorker.get(queue).json().get("items").findValuesAsString("orderId"))
        .containsExactly(rated.orderId(), accepted.orderId(), old.orderId());
    assertThat(
            communityWorker
                .get(queue + "?sort=oldest")
                .json()
                .get("items")
                .findValuesAsString("orderId"))
        .containsExactly(old.orderId(), accepted.orderId(), rated.orderId());
    assertThat(
            communityWorker
                .get(queue + "?status=ACCEPTED")
                .json()
                .get("items")
                .findValuesAsString("orderId"))
        .containsExactly(accepted.orderId());
    assertThat(
            communityWorker
                .get(queue + "?originSystem=" + third)
                .json()
                .get("items")
                .findValuesAsString("orderId"))
        .containsExactly(rated.orderId());
    assertThat(
            communityWorker
                .get(queue + "?olderThanHours=2")
                .json()
                .get("items")
                .findValuesAsString("orderId"))
        .containsExactly(old.orderId());
    assertThat(
            communityWorker
                .get(queue + "?type=HELP&channel=APP&size=1")
                .json()
                .get("totalPages")
                .asInt())
        .isEqualTo(3);
    // a filter narrows the territory, never widens it
    assertThat(
            communityWorker
                .get(queue + "?communityId=" + elsewhere.communityId())
                .json()
                .get("totalItems")
                .asInt())
        .isZero();
    // the street sees both of its communities, another community's worker none of them
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        as(TestTokens.of("STREET_OFFICER", "st-q").with("street_id", street))
                            .get(queue)
                            .json()
                            .get("totalItems")
                            .asInt())
                    .isEqualTo(4));
    assertThat(
            worker.get(queue + "?size=100").json().get("items").findValuesAsString("communityId"))
        .doesNotContain(community);
    assertThat(
            as(TestTokens.resident(here.residentId(), community, street))
                .get(queue)
                .json()
                .get("totalItems")
                .asInt())
        .isEqualTo(3);
    assertThat(
            as(TestTokens.of("ORGANISATION_STAFF", "org-q").with("organisation_id", "ORG-Q"))
                .get(queue)
                .json()
                .get("items")
                .findValuesAsString("orderId"))
        .containsExactly(rated.orderId());
    assertThat(as(TestTokens.of("PLATFORM_OPERATOR", "ops")).get(queue).status()).isEqualTo(403);
    var bad = communityWorker.get(queue + "?status=DONE");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asText()).isEqualTo("request.bad-parameter");

    JsonNode figures =
        communityWorker.get(base() + "/orders/statistics?overdueAfterHours=2").json();
    assertThat(figures.get("total").asInt()).isEqualTo(3);
    assertThat(figures.get("overdue").asInt()).as("the open order older than 2 h").isEqualTo(1);
    assertThat(figures.get("overdueAfterHours").asInt()).isEqualTo(2);
    assertThat(counts(figures.get("byStatus")))
        .containsEntry("SUBMITTED", 1)
        .containsEntry("ACCEPTED", 1)
        .containsEntry("COMPLETED", 1);
    assertThat(counts(figures.get("byOriginSystem")))
        .containsEntry(other.name(), 2)
        .containsEntry(third.name(), 1);
    assertThat(counts(figures.get("byCommunity"))).containsOnlyKeys(community);
    assertThat(counts(figures.get("byType"))).containsEntry("HELP", 3);
    assertThat(figures.get("satisfaction").get("rated").asInt()).isEqualTo(1);
    assertThat(figures.get("satisfaction").get("average").asDouble()).isEqualTo(4.0);
    assertThat(counts(figures.get("satisfaction").get("levels"))).containsEntry("SATISFIED", 1);
    assertThat(
            as(TestTokens.of("STREET_OFFICER", "st-q").with("street_id", street))
                .get(base() + "/orders/statistics")
                .json()
                .get("overdueAfterHours")
                .asInt())
        .as("the configured default")
        .isEqualTo(72);
    assertThat(
            as(TestTokens.resident(here.residentId(), community, street))
                .get(base() + "/orders/statistics")
                .status())
        .isEqualTo(403);
  }

  private static Map<String, Integer> counts(JsonNode counts) {
    Map<String, Integer> byKey = new LinkedHashMap<>();
    counts.forEach(c -> byKey.put(c.get("key").asText(), c.get("count").asInt()));
    return byKey;
  }

  /** The service's own database, to look at what its reactions wrote. */
  protected static synchronized MongoDatabase database() {
    if (client == null) {
      client = MongoClients.create(TestInfrastructure.mongoUri());
    }
    return client.getDatabase(DATABASE);
  }

  private static MongoClient client;

  /** An order of another system, as its origin would publish it. */
  protected Order anotherSystemsOrder(String residentId) {
    OriginSystem other = system() == OriginSystem.PARTY ? OriginSystem.SANSHE : OriginSystem.PARTY;
    return OrderMother.placed(
        other,
        new OrderType("X", "某事", "类"),
        where(residentId),
        "别的系统的工单",
        Instant.now().minusSeconds(5));
  }

  protected static OrderMother.Where where(String residentId) {
    return new OrderMother.Where(residentId, COMMUNITY, STREET);
  }

  protected String placeOwnOrder(String residentId) {
    var placed = worker.post(base() + "/orders", anOrder(residentId, "DOOR_TO_DOOR"));
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return placed.json().get("orderId").asText();
  }

  @Test
  void addsAnotherSystemsNoteToItsOwnOrderOnceAndIgnoresNotesForOrdersItDoesNotOwn()
      throws Exception {
    String residentId = aKnownResident();
    String orderId = placeOwnOrder(residentId);
    OriginSystem contributor =
        system() == OriginSystem.VOLUNTEER ? OriginSystem.PUBLIC : OriginSystem.VOLUNTEER;
    String noteId = contributor.name() + ":volunteer-matched:" + UUID.randomUUID();
    EventEnvelope note = noteEvent(noteId, orderId, system(), contributor, "志愿者已匹配：vol-li");
    Order foreign = anotherSystemsOrder(residentId);
    send(
        "community.order-contributions.v1",
        noteEvent(
            contributor.name() + ":x:" + UUID.randomUUID(),
            foreign.orderId(),
            foreign.originSystem(),
            contributor,
            "不是本系统的工单"));
    send("community.order-contributions.v1", note);
    send("community.order-contributions.v1", note);
    send(
        "community.order-contributions.v1",
        noteEvent(noteId, orderId, system(), contributor, "志愿者已匹配：vol-li"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode order = worker.get(base() + "/orders/" + orderId).json();
              assertThat(order.get("timeline").findValuesAsString("action"))
                  .containsExactly("PLACED", "NOTED");
            });
    // a later note still arrives (the consumer went on), and the duplicates above changed nothing
    String second = contributor.name() + ":other:" + UUID.randomUUID();
    send(
        "community.order-contributions.v1",
        noteEvent(second, orderId, system(), contributor, "已上门"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        worker.get(base() + "/orders/" + orderId).json().get("sequence").asLong())
                    .isEqualTo(3));
    JsonNode timeline = worker.get(base() + "/orders/" + orderId).json().get("timeline");
    assertThat(timeline.findValuesAsString("note")).contains("志愿者已匹配：vol-li", "已上门");
    assertThat(timeline.get(1).get("by").asText()).isEqualTo(contributor.serviceName());
    assertThat(timeline.get(1).get("status").asText()).isEqualTo("SUBMITTED");
  }

  @Test
  void sendsAnUnreadableOrderEventToTheDeadLetterTopicCountsItAndGoesOn() throws Exception {
    String residentId = aKnownResident();
    try (var dlt = TestInfrastructure.consumer("community.orders.v1.dlt")) {
      String key = "POISON-" + UUID.randomUUID();
      TestInfrastructure.send(
          new ProducerRecord<>(
              "community.orders.v1", key, "kein CloudEvent".getBytes(StandardCharsets.UTF_8)));
      String group = system().serviceName() + ".orders";
      var dead =
          TestInfrastructure.poll(
              dlt,
              r ->
                  key.equals(r.key())
                      && group.equals(
                          new String(
                              r.headers().lastHeader("kafka_dlt-original-consumer-group").value(),
                              StandardCharsets.UTF_8)),
              1,
              Duration.ofSeconds(30));
      assertThat(dead).hasSize(1);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(anonymous.get("/actuator/prometheus").text())
                    .containsPattern(
                        "fourinone_dead_letters_total\\{[^}]*group=\""
                            + system().serviceName()
                            + "\\.orders\"[^}]*topic=\"community\\.orders\\.v1\"[^}]*} [1-9]"));
    Order after = anotherSystemsOrder(residentId);
    send("community.orders.v1", event(after));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> worker.get(base() + "/orders/" + after.orderId()).status() == 200);
  }

  @Test
  void enforcesTheRulesOfItsOrderTypes() throws Exception {
    String residentId = aKnownResident();
    JsonNode types = worker.get(base() + "/order-types").json();
    JsonNode requiring = null;
    for (JsonNode type : types) {
      if (type.get("requires").size() > 0) {
        requiring = type;
        break;
      }
    }
    assertThat(requiring).as("a type of this system that requires a field").isNotNull();
    String field = requiring.get("requires").get(0).asText();
    Map<String, Object> incomplete = anOrder(residentId, "DOOR_TO_DOOR");
    incomplete.put("type", requiring.get("code").asText());
    incomplete.remove(field);
    var refused = worker.post(base() + "/orders", incomplete);
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("order.field-required-for-type");
    assertThat(refused.json().get("field").asText()).isEqualTo(field);

    String orderId = placeOwnOrder(residentId);
    JsonNode mine =
        types.findParents("code").stream()
            .filter(t -> t.get("code").asText().equals(anOrderType()))
            .findFirst()
            .orElseThrow();
    java.util.List<String> kinds = new java.util.ArrayList<>();
    mine.get("assignees").forEach(k -> kinds.add(k.asText()));
    String notAllowed =
        java.util.stream.Stream.of(
                "ORGANISATION", "SOCIAL_WORKER", "VOLUNTEER", "PARTY_MEMBER", "DEPARTMENT")
            .filter(k -> !kinds.contains(k))
            .findFirst()
            .orElseThrow();
    String order = base() + "/orders/" + orderId;
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(200);
    var wrongKind =
        worker.post(order + "/assign", Map.of("assigneeType", notAllowed, "assignee", "x-1"));
    assertThat(wrongKind.status()).as(wrongKind.text()).isEqualTo(422);
    assertThat(wrongKind.header("Content-Type")).startsWith("application/problem+json");
    assertThat(wrongKind.json().get("code").asText()).isEqualTo("order.assignee-type-not-allowed");
    assertThat(worker.get(order).json().get("status").asText()).isEqualTo("ACCEPTED");
  }

  protected static EventEnvelope noteEvent(
      String noteId, String orderId, OriginSystem origin, OriginSystem contributor, String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("noteId", noteId);
    data.put("orderId", orderId);
    data.put("originSystem", origin.name());
    data.put("contributor", contributor.name());
    data.put("effect", "volunteer-matched");
    data.put("text", text);
    data.put("at", Instant.now().toString());
    byte[] json = Http.JSON.writeValueAsBytes(data);
    return new EventEnvelope(
        UUID.randomUUID().toString(),
        OrderEvents.NOTE_CONTRIBUTED,
        URI.create("/fourinone/" + contributor.serviceName()),
        noteId,
        Instant.now().atOffset(ZoneOffset.UTC),
        CloudEventCodec.schemaOf(OrderEvents.NOTE_CONTRIBUTED),
        1,
        null,
        json);
  }

  protected static EventEnvelope event(Order order) {
    String type = order.lastAction().eventType();
    return new EventEnvelope(
        UUID.randomUUID().toString(),
        type,
        URI.create("/fourinone/" + order.originSystem().serviceName()),
        order.orderId(),
        order.updatedAt().atOffset(ZoneOffset.UTC),
        CloudEventCodec.schemaOf(type),
        order.sequence(),
        null,
        OrderJson.write(order).getBytes(StandardCharsets.UTF_8));
  }

  protected static void send(String topic, EventEnvelope event) {
    TestInfrastructure.send(CloudEventCodec.toRecord(topic, event));
  }

  protected static String randomChars(int n) {
    return RandomIds.chars(n);
  }
}
