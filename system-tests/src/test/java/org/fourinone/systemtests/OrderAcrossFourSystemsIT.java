package org.fourinone.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fourinone.systemtests.Orders.APP;
import static org.fourinone.systemtests.Orders.CALL_CENTER;
import static org.fourinone.systemtests.Orders.DOOR_TO_DOOR;
import static org.fourinone.systemtests.Orders.WEB;
import static org.fourinone.systemtests.SubSystem.PARTY;
import static org.fourinone.systemtests.SubSystem.PUBLIC;
import static org.fourinone.systemtests.SubSystem.SANSHE;
import static org.fourinone.systemtests.SubSystem.VOLUNTEER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.fourinone.local.Platform;
import org.fourinone.systemtests.PlatformApi.Resident;
import org.fourinone.testing.EventSchemas;
import org.fourinone.testing.Http;
import org.fourinone.testing.PersonalDataScanner;
import org.fourinone.testing.Residents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform as separate processes (broker, MongoDB wire server, four services, gateway),
 * driven only through the gateway and the broker, as a resident, an operator or a partner would.
 * The wire check runs last so that it sees the events every other test caused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.Resolver.class)
@Order(1)
class OrderAcrossFourSystemsIT {

  private static final Duration ACROSS = Duration.ofSeconds(30);

  /**
   * After a consumer was killed with kill -9, its successor gets the partitions only once the
   * broker expires the dead member's session ({@code session.timeout.ms}, 45 s by default):
   * measured 36 s here.
   */
  private static final Duration AFTER_KILL = Duration.ofSeconds(75);

  static Platform platform;
  static PlatformApi api;
  static Wire wire;

  /** Clear ID numbers and phones registered by this class: none of them may appear on the wire. */
  static final Set<String> personalData = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void startPlatform(SharedPlatform shared) {
    platform = shared.platform();
    api = new PlatformApi(platform);
    wire = new Wire(platform.kafkaBootstrap());
  }

  static Resident aResidentKnownEverywhere() {
    Resident resident = api.registerResident();
    personalData.add(resident.idNumber());
    personalData.add(resident.phone());
    api.awaitKnownEverywhere(resident.residentId());
    return resident;
  }

  @Test
  @Order(1)
  void shouldShowOrderInAllFourSystems() {
    String residentId = aResidentKnownEverywhere().residentId();

    Map<String, SubSystem> origins = new LinkedHashMap<>();
    String party = api.place(PARTY, residentId, WEB);
    origins.put(party, PARTY);
    String pub = api.place(PUBLIC, residentId, APP);
    origins.put(pub, PUBLIC);
    String sanshe = api.place(SANSHE, residentId, CALL_CENTER);
    origins.put(sanshe, SANSHE);
    String volunteer = api.place(VOLUNTEER, residentId, DOOR_TO_DOOR);
    origins.put(volunteer, VOLUNTEER);

    // party: the whole way to a rating
    api.act(PARTY, party, "accept", Orders.nothing());
    api.act(PARTY, party, "assign", Orders.assignTo("PARTY_MEMBER", "PM-0007"));
    api.act(PARTY, party, "start", Orders.nothing());
    api.act(PARTY, party, "complete", Orders.completion("已上门解决"));
    JsonNode rated = api.act(PARTY, party, "rate", Orders.rating("VERY_SATISFIED", "很及时"));
    assertThat(rated.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(rated.get("sequence").asLong()).isEqualTo(6);
    // public: accepted only
    api.act(PUBLIC, pub, "accept", Orders.nothing());
    // sanshe: declined
    JsonNode rejected = api.act(SANSHE, sanshe, "reject", Orders.because("不属于本社区受理范围"));
    assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
    // volunteer: dispatched, then withdrawn by the resident
    api.act(VOLUNTEER, volunteer, "accept", Orders.nothing());
    api.act(VOLUNTEER, volunteer, "assign", Orders.assignTo("VOLUNTEER", "V-0101"));
    JsonNode cancelled = api.act(VOLUNTEER, volunteer, "cancel", Orders.because("家属已处理"));
    assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");

    // lifecycle only in the origin system
    Http.Response elsewhere = api.http().post(PUBLIC.order(party) + "/accept", Orders.nothing());
    assertThat(elsewhere.status()).isEqualTo(409);
    // an illegal transition in the origin
    Http.Response illegal = api.http().post(SANSHE.order(sanshe) + "/start", Orders.nothing());
    assertThat(illegal.status()).isEqualTo(409);
    assertThat(illegal.header("Content-Type")).startsWith("application/problem+json");

    origins.forEach(
        (orderId, origin) -> api.awaitSameEverywhere(origin, orderId, SubSystem.ALL, ACROSS));

    List<String> newestFirst = List.of(volunteer, sanshe, pub, party);
    await("the resident's list in every system")
        .atMost(ACROSS)
        .untilAsserted(
            () -> {
              for (SubSystem system : SubSystem.ALL) {
                JsonNode page = api.residentOrders(system, residentId);
                assertThat(page.get("totalItems").asLong()).as(system.name()).isEqualTo(4);
                assertThat(api.residentOrderIds(system, residentId))
                    .as(system.name())
                    .containsExactlyElementsOf(newestFirst);
              }
            });
  }

  @Test
  @Order(2)
  void aVolunteerDispatchedInAnotherSystemIsConfirmedOnTheOrdersTimelineInAllFour() {
    String residentId = aResidentKnownEverywhere().residentId();
    String orderId = api.place(SANSHE, residentId, CALL_CENTER, "HOME_CARE");
    api.act(SANSHE, orderId, "accept", Orders.nothing());
    api.act(SANSHE, orderId, "assign", Orders.assignTo("VOLUNTEER", "vol-li"));
    // the volunteer system records the task and tells sanshe, which writes the note; its event
    // reaches all four
    await("志愿者已匹配 on the origin's timeline")
        .atMost(ACROSS)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              JsonNode timeline = api.orderIn(SANSHE, orderId).get("timeline");
              assertThat(timeline.size()).isEqualTo(4);
              JsonNode note = timeline.get(3);
              assertThat(note.get("action").asString()).isEqualTo("NOTED");
              assertThat(note.get("by").asString()).isEqualTo("volunteer-service");
              assertThat(note.get("note").asString()).startsWith("志愿者已匹配").contains("vol-li");
              assertThat(note.get("status").asString()).isEqualTo("ASSIGNED");
            });
    api.awaitSameEverywhere(SANSHE, orderId, SubSystem.ALL, ACROSS);
    // the origin is still the only writer: the lifecycle goes on from there
    JsonNode started = api.act(SANSHE, orderId, "start", Orders.nothing());
    assertThat(started.get("sequence").asLong()).isEqualTo(5);
  }

  @Test
  @Order(3)
  void aRedeliveredEventChangesNothing() {
    String residentId = aResidentKnownEverywhere().residentId();
    String orderId = api.place(PUBLIC, residentId, WEB);
    api.act(PUBLIC, orderId, "accept", Orders.nothing());
    api.act(PUBLIC, orderId, "assign", Orders.assignTo("DEPARTMENT", "CIVIL_AFFAIRS"));
    api.awaitSameEverywhere(PUBLIC, orderId, SubSystem.ALL, ACROSS);
    Map<SubSystem, JsonNode> before = new LinkedHashMap<>();
    SubSystem.ALL.forEach(system -> before.put(system, api.orderIn(system, orderId)));
    assertThat(before.get(PUBLIC).get("sequence").asLong()).isEqualTo(3);

    List<ConsumerRecord<String, byte[]>> events =
        wire.readAll(List.of(Wire.ORDERS)).stream()
            .filter(r -> orderId.equals(r.key()))
            .sorted(Comparator.comparingLong(r -> Long.parseLong(Wire.header(r, "ce_sequence"))))
            .toList();
    assertThat(events)
        .extracting(r -> Wire.header(r, "ce_sequence"))
        .containsExactly("1", "2", "3");

    // the latest again (a redelivery), then an older one (a republish after a crash)
    List<RecordMetadata> sent = wire.resend(List.of(events.get(2), events.get(0)));
    RecordMetadata last = sent.get(sent.size() - 1);
    TopicPartition partition = new TopicPartition(last.topic(), last.partition());

    await("every order consumer past the re-sent records")
        .atMost(ACROSS)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              Map<String, Long> committed = wire.committedOffsets(partition);
              assertThat(committed)
                  .as("consumer groups on " + partition)
                  .hasSizeGreaterThanOrEqualTo(3);
              assertThat(committed.values())
                  .allSatisfy(offset -> assertThat(offset).isGreaterThan(last.offset()));
            });

    for (SubSystem system : SubSystem.ALL) {
      JsonNode after = api.orderIn(system, orderId);
      PlatformApi.assertSameState(system, after, before.get(system));
      assertThat(after.get("timeline").size()).isEqualTo(3);
      assertThat(api.residentOrderIds(system, residentId))
          .as(system.name())
          .containsExactly(orderId);
    }
  }

  @Test
  @Order(4)
  void restartingAServiceLosesNothing() {
    Resident resident = aResidentKnownEverywhere();
    String residentId = resident.residentId();
    String socialWorker = api.registerSocialWorker(resident.communityId());

    platform.kill(Platform.VOLUNTEER_SERVICE);
    Map<String, SubSystem> whileDown = new LinkedHashMap<>();
    whileDown.put(api.place(PARTY, residentId, APP), PARTY);
    whileDown.put(api.place(PUBLIC, residentId, CALL_CENTER), PUBLIC);
    String advanced = api.place(SANSHE, residentId, DOOR_TO_DOOR);
    whileDown.put(advanced, SANSHE);
    api.act(SANSHE, advanced, "accept", Orders.nothing());
    api.act(SANSHE, advanced, "assign", Orders.assignTo("SOCIAL_WORKER", socialWorker));
    api.act(SANSHE, advanced, "start", Orders.nothing());
    List<SubSystem> up = List.of(PARTY, PUBLIC, SANSHE);
    whileDown.forEach((orderId, origin) -> api.awaitSameEverywhere(origin, orderId, up, ACROSS));

    // an origin killed right after a burst of accepted orders: the outbox sweeper publishes them
    // after the restart (volunteer-service still down: both come back together)
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      burst.add(api.place(SANSHE, residentId, i % 2 == 0 ? CALL_CENTER : WEB));
    }
    platform.kill(Platform.SANSHE_SERVICE);
    platform.restartTogether(List.of(Platform.VOLUNTEER_SERVICE, Platform.SANSHE_SERVICE));

    whileDown.forEach(
        (orderId, origin) -> api.awaitSameEverywhere(origin, orderId, SubSystem.ALL, AFTER_KILL));
    assertThat(api.orderIn(VOLUNTEER, advanced).get("status").asString()).isEqualTo("IN_PROGRESS");
    burst.forEach(orderId -> api.awaitSameEverywhere(SANSHE, orderId, SubSystem.ALL, AFTER_KILL));

    int expected = whileDown.size() + burst.size();
    for (SubSystem system : SubSystem.ALL) {
      assertThat(api.residentOrders(system, residentId).get("totalItems").asLong())
          .as(system.name())
          .isEqualTo(expected);
    }

    // the restarted origin follows the others again: a new resident, an order placed elsewhere
    Resident later = api.registerResident();
    personalData.add(later.idNumber());
    personalData.add(later.phone());
    api.awaitKnownEverywhere(later.residentId(), AFTER_KILL);
    String elsewhere = api.place(VOLUNTEER, later.residentId(), APP);
    api.awaitSameEverywhere(VOLUNTEER, elsewhere, SubSystem.ALL, ACROSS);
  }

  @Test
  @Order(5)
  void rejectsBadInputThroughTheGatewayInChineseOrEnglish() {
    Resident resident = aResidentKnownEverywhere();
    String residentId = resident.residentId();
    api.place(PARTY, residentId, WEB);
    await()
        .atMost(ACROSS)
        .untilAsserted(
            () ->
                SubSystem.ALL.forEach(
                    system ->
                        assertThat(
                                api.residentOrders(system, residentId).get("totalItems").asLong())
                            .isEqualTo(1)));

    Map<String, BadRequest> cases = new LinkedHashMap<>();
    cases.put(
        "malformed JSON",
        new BadRequest(PARTY.orders(), "{\"residentId\": \"" + residentId + "\", \"type\": "));
    Map<String, Object> unknownType = Orders.anOrder(residentId, "NO_SUCH_TYPE", WEB);
    cases.put(
        "unknown type", new BadRequest(PUBLIC.orders(), Http.JSON.writeValueAsString(unknownType)));
    Map<String, Object> unknownChannel =
        Orders.anOrder(residentId, api.firstOrderType(SANSHE), "FAX");
    cases.put(
        "unknown channel",
        new BadRequest(SANSHE.orders(), Http.JSON.writeValueAsString(unknownChannel)));
    cases.put(
        "bad ID checksum",
        new BadRequest(
            "/api/public/residents",
            Http.JSON.writeValueAsString(Residents.withBadIdChecksum(resident.communityId()))));
    Map<String, Object> unknownResident =
        Orders.anOrder("R-0000000000", api.firstOrderType(VOLUNTEER), APP);
    cases.put(
        "unknown resident",
        new BadRequest(VOLUNTEER.orders(), Http.JSON.writeValueAsString(unknownResident)));
    Map<String, Object> oversized = Orders.anOrder(residentId, api.firstOrderType(PARTY), WEB);
    oversized.put("description", "很".repeat(100_000)); // 300 KB in UTF-8
    cases.put(
        "oversized body", new BadRequest(PARTY.orders(), Http.JSON.writeValueAsString(oversized)));
    Map<String, Object> injection = Orders.anOrder(residentId, api.firstOrderType(SANSHE), WEB);
    Map<String, Object> notEqualNull = new java.util.HashMap<>();
    notEqualNull.put("$ne", null);
    injection.put("residentId", notEqualNull);
    cases.put(
        "operator injection",
        new BadRequest(SANSHE.orders(), Http.JSON.writeValueAsString(injection)));

    cases.forEach(
        (name, bad) -> {
          // registrations as the district administrator, orders as the resident themself
          Http client = bad.path().endsWith("/residents") ? api.http() : api.asResident(residentId);
          Http.Response zh = client.post(bad.path(), bad.body());
          Http.Response en = client.post(bad.path(), bad.body(), "Accept-Language", "en");
          for (Http.Response response : List.of(zh, en)) {
            assertThat(response.status()).as(name + ": " + response.text()).isBetween(400, 499);
            assertThat(response.header("Content-Type"))
                .as(name)
                .startsWith("application/problem+json");
          }
          if (name.equals("oversized body")) {
            assertThat(zh.status()).as(name).isEqualTo(413);
          }
          assertThat(zh.json().get("detail").asString())
              .as(name + " in Chinese")
              .containsPattern("\\p{IsHan}");
          assertThat(en.json().get("detail").asString())
              .as(name + " in English")
              .doesNotContainPattern("\\p{IsHan}")
              .containsPattern("[A-Za-z]");
        });

    for (SubSystem system : SubSystem.ALL) {
      assertThat(api.residentOrders(system, residentId).get("totalItems").asLong())
          .as(system.name())
          .isEqualTo(1);
    }
  }

  record BadRequest(String path, String body) {}

  /**
   * The web app's API types are generated from web/openapi/*.json: those documents must be what the
   * services serve (bar the generated server URL), or the app is typed against another API. Refresh
   * them with {@code npm run fetch:openapi} in web/ against the running stack.
   */
  @Test
  @Order(6)
  void theWebAppIsTypedAgainstTheOpenApiDocumentsTheServicesServe() throws Exception {
    java.nio.file.Path committed =
        org.fourinone.local.ProjectRoot.find().resolve("web").resolve("openapi");
    for (SubSystem system : SubSystem.ALL) {
      Http.Response served = api.anonymous().get(system.api() + "/v3/api-docs");
      assertThat(served.status()).isEqualTo(200);
      var live = (tools.jackson.databind.node.ObjectNode) served.json();
      var snapshot =
          (tools.jackson.databind.node.ObjectNode)
              Http.JSON.readTree(Files.readString(committed.resolve(system.segment() + ".json")));
      live.remove("servers");
      snapshot.remove("servers");
      assertThat(snapshot)
          .as(
              "web/openapi/%s.json differs from what %s serves: run `npm run fetch:openapi` in web/"
                  + " with the stack running and commit the result",
              system.segment(), system.name())
          .isEqualTo(live);
    }
  }

  /**
   * The web app served by the gateway, in Debian's chromium (web/e2e): a resident places a
   * volunteer-system order, the community worker moves it to completed in the staff desk, the
   * resident rates it; the call centre finds the resident by name, records consent and orders for
   * them; a resident of another community gets "not found"; English; elder mode measured. It runs
   * before the wire and log checks, so that what the browser caused is checked too.
   */
  @Test
  @Order(7)
  void residentsStaffAndTheCallCentreUseTheWebAppInARealBrowser() throws Exception {
    // the specs sign in as the --demo accounts: resident-01 lives in C-DZM-01 (cw-dzm-01's and
    // cc-dzm-01's community), resident-02 in C-DZM-02. The call centre finds resident-01 by the
    // name their file has: one no other resident of C-DZM-01 has (the others here are 王秀兰).
    String chars = "安宁和平春夏秋冬梅兰竹菊松柏";
    StringBuilder name = new StringBuilder("林");
    var random = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 3; i++) {
      name.append(chars.charAt(random.nextInt(chars.length())));
    }
    Resident resident = api.registerResident("C-DZM-01", name.toString());
    Resident neighbour = api.registerResident("C-DZM-02");
    for (Resident r : List.of(resident, neighbour)) {
      personalData.add(r.idNumber());
      personalData.add(r.phone());
      api.awaitKnownEverywhere(r.residentId());
    }
    api.loginOf(resident.residentId(), "resident-01");
    api.loginOf(neighbour.residentId(), "resident-02");
    // 三社联动's demo organisations, their menus and workers (org-<x>, sw-<x>-01), as --demo has them:
    // the menu spec orders from them and follows the dispatch to a worker; the demo volunteers
    // (vol-li …), a team and the exchange items, for the volunteer spec
    var demo =
        new org.fourinone.local.DemoData(
            platform.gatewayUrl(), platform.oidcUrl(), null, System.out);
    demo.loadSanshe();
    demo.loadVolunteers();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BASE_URL", platform.gatewayUrl());
    // the docs' pictures (docs/web/*.png) are redrawn on request only:
    // -Dfourinone.screenshots=true (docs/web.md)
    if (Boolean.getBoolean("fourinone.screenshots")) {
      env.put(
          "SCREENSHOT_DIR",
          org.fourinone.local.ProjectRoot.find().resolve("docs").resolve("web").toString());
    } else {
      env.put("SCREENSHOTS", "off");
    }
    assertThat(WebAppBrowser.runSpecs(env))
        .as("npm run e2e in web/ (its output is above)")
        .isZero();
  }

  @Test
  @Order(8)
  void schemasHoldForEveryEventOnTheWire() {
    aResidentKnownEverywhere();
    List<ConsumerRecord<String, byte[]>> records =
        wire.readAll(
            List.of(Wire.ORDERS, Wire.RESIDENTS, Wire.GEOGRAPHY, Wire.ORDER_CONTRIBUTIONS));

    Map<String, Long> perTopic = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      perTopic.merge(record.topic(), 1L, Long::sum);
      String where = record.topic() + "@" + record.partition() + ":" + record.offset();
      String type = Wire.header(record, "ce_type");
      assertThat(type).as(where + " ce_type").isNotBlank();
      assertThat(Wire.header(record, "ce_specversion")).as(where).isEqualTo("1.0");
      assertThat(Wire.header(record, "ce_subject"))
          .as(where + " subject = key")
          .isEqualTo(record.key());
      assertThat(EventSchemas.violations(type, record.value())).as(where + " " + type).isEmpty();
      String text = Wire.asText(record);
      assertThat(personalData)
          .as(where + " carries no clear ID number or phone")
          .allSatisfy(secret -> assertThat(text).doesNotContain(secret));
      assertThat(PersonalDataScanner.findings(text)).as(where).isEmpty();
    }
    assertThat(perTopic)
        .containsKeys(Wire.ORDERS, Wire.RESIDENTS, Wire.GEOGRAPHY, Wire.ORDER_CONTRIBUTIONS);
    assertThat(perTopic.get(Wire.RESIDENTS)).isGreaterThanOrEqualTo(personalData.size() / 2);
    System.out.println("validated " + records.size() + " records: " + perTopic);
  }

  @Test
  @Order(9)
  void noLogLineOfAnyProcessCarriesAClearIdNumberOrPhone() throws Exception {
    assertThat(personalData).isNotEmpty();
    long lines = 0;
    try (var logs = Files.list(platform.logDir())) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        List<String> content = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
        lines += content.size();
        for (String line : content) {
          assertThat(personalData)
              .as(log.getFileName() + ": " + line)
              .allSatisfy(secret -> assertThat(line).doesNotContain(secret));
          // and no other clear ID number or mobile number either, whoever it belongs to
          assertThat(PersonalDataScanner.findings(line))
              .as(log.getFileName() + ": " + line)
              .isEmpty();
        }
      }
    }
    assertThat(lines).isGreaterThan(100);
    System.out.println(
        "scanned "
            + lines
            + " log lines for "
            + personalData.size()
            + " clear ID numbers and phones: none found");
  }
}
