package org.fourinone.publicservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OrderType;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderMother;
import org.fourinone.testing.EventSchemas;
import org.fourinone.testing.Http;
import org.fourinone.testing.Residents;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** public-service against a real broker and the wire-protocol MongoDB, through its HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTracing
class PublicServiceIT {

  static final String DATABASE = "public-it-" + UUID.randomUUID();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, DATABASE);
    registry.add("fourinone.outbox.sweep-interval", () -> "500ms");
    registry.add("fourinone.consumer.max-retries", () -> "1");
  }

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void setUp() {
    anonymous = new Http("http://localhost:" + port);
    http = anonymous.as(TestTokens.bearer(WORKER));
    admin = anonymous.as(TestTokens.bearer(TestTokens.of("DISTRICT_ADMIN", "admin")));
  }

  static final TestTokens.Subject WORKER =
      TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", "C-DZM-01", "S-DZM");
  Http anonymous;
  Http admin;

  Http resident(String residentId) {
    return anonymous.as(TestTokens.bearer(TestTokens.resident(residentId, "C-DZM-01", "S-DZM")));
  }

  static Map<String, Object> anOrder(String residentId, String channel) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("residentId", residentId);
    body.put("type", "SENIOR_CARD");
    body.put("channel", channel);
    body.put("title", "办理老年证");
    body.put("description", "本人年满60周岁，申请办理老年证");
    if (!channel.equals("WEB") && !channel.equals("APP")) {
      body.put("consent", Map.of("given", true, "how", "PHONE_RECORDING"));
    }
    return body;
  }

  String registerResident() {
    var response = http.post("/api/public/residents", Residents.aResident("C-DZM-01"));
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json().get("residentId").asText();
  }

  @Test
  void servesIdNumbersAndPhonesInClearOnlyToThoseWhoNeedThemAndAuditsEveryRead() {
    Map<String, Object> registration = Residents.aResident("C-DZM-01");
    String residentId =
        http.post("/api/public/residents", registration).json().get("residentId").asText();
    String path = "/api/public/residents/" + residentId + "/personal-data";
    var clear = http.get(path);
    assertThat(clear.status()).isEqualTo(200);
    assertThat(clear.json().get("idNumber").asText()).isEqualTo(registration.get("idNumber"));
    assertThat(clear.json().get("phone").asText()).isEqualTo(registration.get("phone"));
    assertThat(resident(residentId).get(path).status()).isEqualTo(200);
    assertThat(admin.get(path).status()).isEqualTo(200);
    assertThat(
            anonymous
                .as(
                    TestTokens.bearer(
                        TestTokens.worker(
                            "CALL_CENTER_OPERATOR", "cc-dzm-01", "C-DZM-01", "S-DZM")))
                .get(path)
                .status())
        .isEqualTo(403);
    assertThat(
            anonymous
                .as(
                    TestTokens.bearer(
                        TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-01", "C-HPL-01", "S-HPL")))
                .get(path)
                .status())
        .isEqualTo(404);
    assertThat(resident("R-ZZZZZZZZZZ").get(path).status()).isEqualTo(404);
    assertThat(anonymous.get(path).status()).isEqualTo(401);
    // the masked record hides both
    var masked = resident(residentId).get("/api/public/residents/" + residentId);
    assertThat(masked.text())
        .doesNotContain((String) registration.get("idNumber"))
        .doesNotContain((String) registration.get("phone"));

    JsonNode audit = admin.get("/api/public/audit-log?targetId=" + residentId).json();
    assertThat(audit.get("items").findValuesAsString("action"))
        .contains("RESIDENT_REGISTERED", "RESIDENT_READ")
        .filteredOn("RESIDENT_PERSONAL_DATA_READ"::equals)
        .hasSize(3);
    assertThat(audit.get("items").findValuesAsString("actor"))
        .contains("cw-dzm-01", "admin", "resident-" + residentId);
    assertThat(http.get("/api/public/audit-log").status()).isEqualTo(403);
    JsonNode denials = admin.get("/api/public/audit-log?actor=cc-dzm-01").json();
    assertThat(denials.get("items").findValuesAsString("outcome")).contains("DENIED");
  }

  @Test
  void listsTheSampleDistrictWithLocationsAndOfficePhones() {
    JsonNode communities = http.get("/api/public/communities").json();
    assertThat(communities.size()).isGreaterThanOrEqualTo(10);
    assertThat(communities.findValuesAsString("streetId").stream().distinct().count())
        .isGreaterThanOrEqualTo(3);
    JsonNode first = communities.get(0);
    assertThat(first.get("officePhone").asText()).isNotBlank();
    assertThat(first.get("location").get("lat").asDouble()).isBetween(3.0, 54.0);
  }

  @Test
  void registersAResidentMaskedAndPublishesNoClearPersonalData() {
    Map<String, Object> resident = Residents.aResident("C-HPL-02");
    try (var consumer = TestInfrastructure.consumer("community.residents.v1")) {
      assertThat(http.post("/api/public/residents", resident).status())
          .isEqualTo(403); // not the worker's community
      var response = admin.post("/api/public/residents", resident);
      assertThat(response.status()).isEqualTo(201);
      JsonNode body = response.json();
      String residentId = body.get("residentId").asText();
      assertThat(response.header("Location")).endsWith("/api/public/residents/" + residentId);
      assertThat(body.get("idNumberMasked").asText()).matches("\\d{3}\\*{11}[\\dX]{4}");
      assertThat(body.get("phoneMasked").asText()).matches("1\\d{2}\\*{4}\\d{4}");
      assertThat(response.text())
          .doesNotContain((String) resident.get("idNumber"))
          .doesNotContain((String) resident.get("phone"));

      var records =
          TestInfrastructure.poll(
              consumer, r -> residentId.equals(r.key()), 1, Duration.ofSeconds(20));
      assertThat(records).hasSize(1);
      EventEnvelope event = CloudEventCodec.fromRecord(records.get(0));
      assertThat(event.type()).isEqualTo("org.fourinone.resident.registered.v1");
      assertThat(EventSchemas.violations(event.type(), event.data())).isEmpty();
      String data = new String(event.data(), StandardCharsets.UTF_8);
      assertThat(data)
          .doesNotContain((String) resident.get("idNumber"))
          .doesNotContain((String) resident.get("phone"));
    }
    String stored =
        MongoClients.create(TestInfrastructure.mongoUri())
            .getDatabase(DATABASE)
            .getCollection("residents")
            .find()
            .into(new java.util.ArrayList<>())
            .toString();
    assertThat(stored)
        .doesNotContain((String) resident.get("idNumber"))
        .doesNotContain((String) resident.get("phone"));
  }

  @Test
  void findsAResidentByNameInTheCommunityOrByPhoneMaskedAndOnlyWithinTheCallersTerritory() {
    Map<String, Object> body = Residents.aResident("C-DZM-01");
    String name = "查找" + UUID.randomUUID().toString().substring(0, 6);
    body.put("name", name);
    String phone = (String) body.get("phone");
    String named = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    var registered = http.post("/api/public/residents", body);
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    String residentId = registered.json().get("residentId").asText();
    Http callCentre =
        anonymous.as(
            TestTokens.bearer(
                TestTokens.worker("CALL_CENTER_OPERATOR", "cc-dzm-01", "C-DZM-01", "S-DZM")));

    var byName = callCentre.get("/api/public/residents?name=" + named);
    assertThat(byName.status()).as(byName.text()).isEqualTo(200);
    assertThat(byName.json().get("items").findValuesAsString("residentId"))
        .containsExactly(residentId);
    var byPhone = callCentre.get("/api/public/residents?phone=" + phone);
    assertThat(byPhone.json().get("items").findValuesAsString("residentId"))
        .containsExactly(residentId);
    assertThat(byPhone.text()).doesNotContain(phone).doesNotContain((String) body.get("idNumber"));
    assertThat(byPhone.json().get("items").get(0).get("phoneMasked").asText())
        .isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));

    // another community's worker, even naming this community, and a resident: nothing, or 403
    Http elsewhere =
        anonymous.as(
            TestTokens.bearer(
                TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-01", "C-HPL-01", "S-HPL")));
    assertThat(elsewhere.get("/api/public/residents?phone=" + phone).json().get("items")).isEmpty();
    assertThat(
            elsewhere
                .get("/api/public/residents?communityId=C-DZM-01&name=" + named)
                .json()
                .get("items"))
        .isEmpty();
    assertThat(
            anonymous
                .as(
                    TestTokens.bearer(
                        TestTokens.of("STREET_OFFICER", "st").with("street_id", "S-DZM")))
                .get("/api/public/residents?communityId=C-DZM-01&name=" + named)
                .json()
                .get("items")
                .findValuesAsString("residentId"))
        .containsExactly(residentId);
    assertThat(resident(residentId).get("/api/public/residents?name=" + named).status())
        .isEqualTo(403);

    var neither = callCentre.get("/api/public/residents");
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.json().get("field").asText()).isEqualTo("name");
    var badPhone = callCentre.get("/api/public/residents?phone=12345", "Accept-Language", "en");
    assertThat(badPhone.status()).isEqualTo(400);
    assertThat(badPhone.json().get("field").asText()).isEqualTo("phone");
    assertThat(badPhone.json().get("detail").asText()).contains("phone number");
    var injected = callCentre.get("/api/public/residents?name=%7B%22%24ne%22%3A1%7D");
    assertThat(injected.status()).isEqualTo(200);
    assertThat(injected.json().get("items")).isEmpty();
  }

  @Test
  void rejectsAnIdNumberWithABadChecksumInChineseOrEnglish() {
    Map<String, Object> resident = Residents.withBadIdChecksum("C-DZM-01");
    var zh = http.post("/api/public/residents", resident);
    assertThat(zh.status()).isEqualTo(400);
    assertThat(zh.header("Content-Type")).startsWith("application/problem+json");
    assertThat(zh.json().get("detail").asText()).contains("身份证");
    assertThat(zh.json().get("field").asText())
        .as("the form shows it next to the field")
        .isEqualTo("idNumber");
    var en = http.post("/api/public/residents", resident, "Accept-Language", "en");
    assertThat(en.json().get("detail").asText()).contains("ID number");
  }

  @Test
  void refusesToRegisterTheSameIdNumberTwice() {
    Map<String, Object> resident = Residents.aResident("C-DZM-01");
    assertThat(http.post("/api/public/residents", resident).status()).isEqualTo(201);
    var again = http.post("/api/public/residents", resident);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asText()).isEqualTo("resident.already-registered");
  }

  @Test
  void placesAnOrderAndWalksItsLifecycleWithOneEventPerStep() {
    String residentId = registerResident();
    try (var consumer = TestInfrastructure.consumer("community.orders.v1")) {
      var placed = http.post("/api/public/orders", anOrder(residentId, "CALL_CENTER"));
      assertThat(placed.status()).as(placed.text()).isEqualTo(201);
      String orderId = placed.json().get("orderId").asText();
      assertThat(orderId).startsWith("PUBLIC-");
      assertThat(placed.json().get("status").asText()).isEqualTo("SUBMITTED");
      assertThat(placed.header("Location")).endsWith("/api/public/orders/" + orderId);

      assertThat(http.post("/api/public/orders/" + orderId + "/accept", Map.of()).status())
          .isEqualTo(200);
      assertThat(
              http.post(
                      "/api/public/orders/" + orderId + "/assign",
                      Map.of("assigneeType", "DEPARTMENT", "assignee", "CIVIL_AFFAIRS"))
                  .status())
          .isEqualTo(200);
      assertThat(http.post("/api/public/orders/" + orderId + "/start", Map.of()).status())
          .isEqualTo(200);
      var illegal =
          resident(residentId)
              .post("/api/public/orders/" + orderId + "/rate", Map.of("level", "SATISFIED"));
      assertThat(illegal.status()).isEqualTo(409);
      assertThat(illegal.header("Content-Type")).startsWith("application/problem+json");
      assertThat(
              http.post("/api/public/orders/" + orderId + "/complete", Map.of("note", "已发放老年证"))
                  .status())
          .isEqualTo(200);
      assertThat(
              resident(residentId)
                  .post(
                      "/api/public/orders/" + orderId + "/rate",
                      Map.of("level", "VERY_SATISFIED", "comment", "办得很快"))
                  .status())
          .isEqualTo(200);

      JsonNode order = http.get("/api/public/orders/" + orderId).json();
      assertThat(order.get("status").asText()).isEqualTo("COMPLETED");
      assertThat(order.get("timeline").findValuesAsString("action"))
          .containsExactly("PLACED", "ACCEPTED", "ASSIGNED", "STARTED", "COMPLETED", "RATED");

      var records =
          TestInfrastructure.poll(
              consumer, r -> orderId.equals(r.key()), 6, Duration.ofSeconds(30));
      assertThat(records).hasSize(6);
      for (var record : records) {
        EventEnvelope event = CloudEventCodec.fromRecord(record);
        assertThat(EventSchemas.violations(event.type(), event.data())).as(event.type()).isEmpty();
      }
      assertThat(records)
          .extracting(r -> CloudEventCodec.fromRecord(r).type())
          .containsExactly(
              "org.fourinone.order.placed.v1", "org.fourinone.order.accepted.v1",
              "org.fourinone.order.assigned.v1", "org.fourinone.order.started.v1",
              "org.fourinone.order.completed.v1", "org.fourinone.order.rated.v1");
    }
  }

  @Test
  void carriesTheRequestsTraceIntoTheEventItCauses() {
    String residentId = registerResident();
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (var consumer = TestInfrastructure.consumer("community.orders.v1")) {
      var placed =
          resident(residentId)
              .post(
                  "/api/public/orders",
                  anOrder(residentId, "APP"),
                  "traceparent",
                  "00-" + traceId + "-00f067aa0ba902b7-01");
      assertThat(placed.status()).isEqualTo(201);
      String orderId = placed.json().get("orderId").asText();
      var records =
          TestInfrastructure.poll(
              consumer, r -> orderId.equals(r.key()), 1, Duration.ofSeconds(20));
      assertThat(records).hasSize(1);
      String traceparent =
          new String(
              records.get(0).headers().lastHeader("traceparent").value(),
              StandardCharsets.US_ASCII);
      assertThat(traceparent).startsWith("00-" + traceId + "-");
      assertThat(CloudEventCodec.fromRecord(records.get(0)).traceparent()).isEqualTo(traceparent);
    }
  }

  @Test
  void anIdempotencyKeyGivesTheSameOrderNeverASecondOne() {
    String residentId = registerResident();
    String key = "key-" + UUID.randomUUID();
    var first =
        resident(residentId)
            .post("/api/public/orders", anOrder(residentId, "WEB"), "Idempotency-Key", key);
    var second =
        resident(residentId)
            .post("/api/public/orders", anOrder(residentId, "WEB"), "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().get("orderId").asText())
        .isEqualTo(first.json().get("orderId").asText());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(
            http.get("/api/public/residents/" + residentId + "/orders")
                .json()
                .get("totalItems")
                .asInt())
        .isEqualTo(1);

    Map<String, Object> different = anOrder(residentId, "WEB");
    different.put("title", "另一件事");
    assertThat(
            resident(residentId)
                .post("/api/public/orders", different, "Idempotency-Key", key)
                .status())
        .isEqualTo(422);
  }

  @Test
  void badOrdersGetClearProblemsAndWriteNothing() {
    String residentId = registerResident();
    Map<String, Object> unknownType = anOrder(residentId, "WEB");
    unknownType.put("type", "FLY_TO_MOON");
    assertThat(resident(residentId).post("/api/public/orders", unknownType).status())
        .isEqualTo(422);

    var badChannel =
        resident(residentId).post("/api/public/orders", anOrder(residentId, "CARRIER_PIGEON"));
    assertThat(badChannel.status()).isEqualTo(400);
    assertThat(badChannel.json().get("detail").asText()).contains("channel").contains("WEB");

    Map<String, Object> noConsent = anOrder(residentId, "DOOR_TO_DOOR");
    noConsent.remove("consent");
    assertThat(http.post("/api/public/orders", noConsent).json().get("code").asText())
        .isEqualTo("order.consent-required");

    assertThat(http.post("/api/public/orders", anOrder("R-ZZZZZZZZZZ", "DOOR_TO_DOOR")).status())
        .isEqualTo(422);
    assertThat(http.post("/api/public/orders", "{\"residentId\": ").status()).isEqualTo(400);
    String injection =
        "{\"residentId\":{\"$ne\":null},\"type\":\"SENIOR_CARD\",\"channel\":\"WEB\",\"title\":\"x\"}";
    var injected = http.post("/api/public/orders", injection);
    assertThat(injected.status()).isEqualTo(400);
    assertThat(injected.json().get("code").asText()).isEqualTo("request.operator-injection");
    Map<String, Object> huge = anOrder(residentId, "WEB");
    huge.put("description", "很".repeat(70_000));
    assertThat(resident(residentId).post("/api/public/orders", huge).status()).isEqualTo(413);
    Map<String, Object> longTitle = anOrder(residentId, "WEB");
    longTitle.put("title", "长".repeat(101));
    assertThat(resident(residentId).post("/api/public/orders", longTitle).status()).isEqualTo(400);

    assertThat(
            http.get("/api/public/residents/" + residentId + "/orders")
                .json()
                .get("totalItems")
                .asInt())
        .isZero();
  }

  @Test
  void showsAnotherSystemsOrderOnceHoweverOftenItsEventsAreDeliveredAndSkipsPoison()
      throws Exception {
    String residentId = registerResident();
    Order placed =
        Order.place(
            "SANSHE-261122-"
                + UUID.randomUUID()
                    .toString()
                    .substring(0, 8)
                    .toUpperCase()
                    .replaceAll("[^0-9A-Z]", "0"),
            OriginSystem.SANSHE,
            new OrderType("HOME_CARE", "居家养老照护", "养老照护"),
            residentId,
            "C-DZM-01",
            "S-DZM",
            Channel.APP,
            null,
            null,
            "上门照护",
            "",
            null,
            null,
            java.time.Instant.parse("2026-11-22T08:00:00Z"));
    Order accepted = placed.accept("sw-1", null, java.time.Instant.parse("2026-11-22T08:01:00Z"));
    try (var producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  "community.orders.v1", placed.orderId(), "not a cloud event".getBytes()))
          .get();
      producer.send(record(accepted)).get();
      producer.send(record(placed)).get(); // late and older: ignored
      producer.send(record(accepted)).get(); // redelivered: changes nothing
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var response = http.get("/api/public/orders/" + placed.orderId());
              assertThat(response.status()).isEqualTo(200);
              assertThat(response.json().get("status").asText()).isEqualTo("ACCEPTED");
              assertThat(response.json().get("sequence").asInt()).isEqualTo(2);
            });
    try (var dlt = TestInfrastructure.consumer("community.orders.v1.dlt")) {
      var dead =
          TestInfrastructure.poll(
              dlt, r -> placed.orderId().equals(r.key()), 1, Duration.ofSeconds(20));
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value())).isEqualTo("not a cloud event");
    }
    var lifecycle = http.post("/api/public/orders/" + placed.orderId() + "/start", Map.of());
    assertThat(lifecycle.status()).isEqualTo(409);
    assertThat(lifecycle.json().get("code").asText()).isEqualTo("order.not-origin");
    assertThat(
            http.get("/api/public/residents/" + residentId + "/orders")
                .json()
                .get("totalItems")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void routesALowIncomeApplicationToCivilAffairsAndNoOneElse() {
    String residentId = registerResident();
    Map<String, Object> body = anOrder(residentId, "DOOR_TO_DOOR");
    body.put("type", "MINIMUM_LIVING_ALLOWANCE");
    body.put("title", "申请低保");
    body.remove("description");
    var incomplete = http.post("/api/public/orders", body);
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.json().get("code").asText()).isEqualTo("order.field-required-for-type");
    assertThat(incomplete.json().get("detail").asText()).contains("低保申请");
    body.put("description", "家庭人均收入低于本市低保标准，申请最低生活保障");
    var placed = http.post("/api/public/orders", body);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String order = "/api/public/orders/" + placed.json().get("orderId").asText();
    var party =
        anonymous.as(
            TestTokens.bearer(
                TestTokens.worker("PARTY_STAFF", "party-dzm-01", "C-DZM-01", "S-DZM")));
    assertThat(party.post(order + "/accept", Map.of()).status())
        .as("a party organiser does not handle 低保")
        .isEqualTo(403);
    assertThat(http.post(order + "/accept", Map.of()).status()).isEqualTo(200);

    var volunteer =
        http.post(order + "/assign", Map.of("assigneeType", "VOLUNTEER", "assignee", "vol-li"));
    assertThat(volunteer.status()).isEqualTo(422);
    assertThat(volunteer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(volunteer.json().get("code").asText()).isEqualTo("order.assignee-type-not-allowed");
    assertThat(volunteer.json().get("detail").asText()).contains("低保申请").contains("VOLUNTEER");
    assertThat(volunteer.json().get("allowed").get(0).asText()).isEqualTo("DEPARTMENT");
    var english =
        http.post(
            order + "/assign",
            Map.of("assigneeType", "VOLUNTEER", "assignee", "vol-li"),
            "Accept-Language",
            "en");
    assertThat(english.json().get("detail").asText()).contains("cannot be assigned");
    var health =
        http.post(order + "/assign", Map.of("assigneeType", "DEPARTMENT", "assignee", "HEALTH"));
    assertThat(health.status()).isEqualTo(422);
    assertThat(health.json().get("code").asText()).isEqualTo("order.department-not-responsible");
    var unknown =
        http.post(order + "/assign", Map.of("assigneeType", "DEPARTMENT", "assignee", "民政科"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("code").asText()).isEqualTo("order.unknown-department");
    assertThat(http.get(order).json().get("status").asText())
        .as("nothing half-written")
        .isEqualTo("ACCEPTED");
    JsonNode departments = http.get("/api/public/departments").json();
    JsonNode deciding =
        departments.findParents("code").stream()
            .filter(d -> d.get("decides").toString().contains("MINIMUM_LIVING_ALLOWANCE"))
            .findFirst()
            .orElseThrow();
    assertThat(deciding.get("code").asText()).isEqualTo("CIVIL_AFFAIRS");
    assertThat(deciding.get("name").asText()).isEqualTo("民政局");
    var civilAffairs =
        http.post(
            order + "/assign", Map.of("assigneeType", "DEPARTMENT", "assignee", "CIVIL_AFFAIRS"));
    assertThat(civilAffairs.status()).as(civilAffairs.text()).isEqualTo(200);
    assertThat(civilAffairs.json().get("assignment").get("assignee").asText())
        .isEqualTo("CIVIL_AFFAIRS");
  }

  @Test
  void keepsWhatTheOtherSystemsDidForAResidentInTheirFileOnceEach() throws Exception {
    String residentId = registerResident();
    java.time.Instant t = java.time.Instant.parse("2026-11-30T08:00:00Z");
    var where = new OrderMother.Where(residentId, "C-DZM-01", "S-DZM");
    Order placed =
        OrderMother.placed(
            OriginSystem.SANSHE, new OrderType("HOME_CARE", "居家养老照护", "养老照护"), where, "上门照护", t);
    Order done =
        placed
            .accept("sw", null, t)
            .assign(
                new Order.Assignment(org.fourinone.order.AssigneeType.ORGANISATION, "ORG-A"),
                "sw",
                null,
                t)
            .start("sw", null, t)
            .complete("sw", null, t);
    Order wish =
        OrderMother.placed(
            OriginSystem.PARTY, new OrderType("WISH", "微心愿", "党员服务"), where, "心愿", t);
    var placedRecord = record(placed);
    try (var producer = producer()) {
      producer.send(placedRecord).get();
      producer.send(placedRecord).get(); // the same event again: counted once
      producer.send(record(done)).get();
      producer.send(record(wish)).get();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode file =
                  http.get("/api/public/residents/" + residentId).json().get("servicesElsewhere");
              assertThat(file.get("SANSHE").get("placed").asInt()).isEqualTo(1);
              assertThat(file.get("SANSHE").get("completed").asInt()).isEqualTo(1);
              assertThat(file.get("PARTY").get("placed").asInt()).isEqualTo(1);
            });
  }

  @Test
  void freezesAnOrderWhoseTypeWasWithdrawnFromTheCatalogue() {
    String residentId = registerResident();
    var placed = http.post("/api/public/orders", anOrder(residentId, "DOOR_TO_DOOR"));
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String orderId = placed.json().get("orderId").asText();
    // as if the catalogue no longer had the order's type (an item the district stopped offering)
    MongoClients.create(TestInfrastructure.mongoUri())
        .getDatabase(DATABASE)
        .getCollection("orders")
        .updateOne(
            com.mongodb.client.model.Filters.eq("_id", orderId),
            new org.bson.Document(
                "$set", new org.bson.Document("orderType.code", "PAPER_COUPONS")));
    var frozen = http.post("/api/public/orders/" + orderId + "/accept", Map.of());
    assertThat(frozen.status()).as(frozen.text()).isEqualTo(409);
    assertThat(frozen.header("Content-Type")).startsWith("application/problem+json");
    assertThat(frozen.json().get("code").asText()).isEqualTo("order.type-withdrawn");
    assertThat(frozen.json().get("detail").asText()).contains("停办");
    assertThat(http.get("/api/public/orders/" + orderId).json().get("status").asText())
        .isEqualTo("SUBMITTED");
  }

  static ProducerRecord<String, byte[]> record(Order order) {
    return CloudEventCodec.toRecord(
        "community.orders.v1",
        new EventEnvelope(
            UUID.randomUUID().toString(),
            order.lastAction().eventType(),
            java.net.URI.create("/fourinone/sanshe-service"),
            order.orderId(),
            order.updatedAt().atOffset(java.time.ZoneOffset.UTC),
            CloudEventCodec.schemaOf(order.lastAction().eventType()),
            order.sequence(),
            null,
            OrderJson.write(order).getBytes(StandardCharsets.UTF_8)));
  }

  static KafkaProducer<String, byte[]> producer() {
    return TestInfrastructure.producer();
  }
}
