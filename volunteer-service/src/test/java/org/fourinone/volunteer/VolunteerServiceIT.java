package org.fourinone.volunteer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderEvents;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.testing.OrderContractChecks;
import org.fourinone.testing.EventSchemas;
import org.fourinone.testing.Http;
import org.fourinone.testing.IdNumbers;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.fourinone.volunteer.timebank.Ledger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * 志愿者: the order contract against a real broker and the wire-protocol MongoDB, and the volunteer
 * system on it — registration, shifts without double booking, service records, the exact time bank,
 * matching of needs from any system's orders, stars, certificates, exchange, statistics.
 */
class VolunteerServiceIT extends OrderContractChecks {

  private static final String HOME = "C-HPL-01";
  private static final String NEAR = "C-HPL-02";
  private static final String FAR = "C-JGM-04";
  private static final WireMockServer SANSHE = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    SANSHE.start();
  }

  @DynamicPropertySource
  static void volunteerSystem(DynamicPropertyRegistry registry) {
    registry.add("fourinone.volunteer.matching.invite-within", () -> "3s");
    registry.add("fourinone.volunteer.matching.interval", () -> "300ms");
    registry.add("fourinone.volunteer.matching.lease", () -> "2s");
    registry.add("fourinone.volunteer.matching.recheck-unmatched", () -> "1s");
    registry.add("fourinone.volunteer.timebank.sweep-interval", () -> "300ms");
    registry.add("fourinone.volunteer.timebank.lease", () -> "2s");
    // 一星 at 2 h here, so that a test reaches it; the district's default is 100 h
    registry.add("fourinone.volunteer.star-hours", () -> "2,300,600,1000,1500");
    registry.add("fourinone.volunteer.exchange.sanshe-url", SANSHE::baseUrl);
    registry.add("fourinone.volunteer.exchange.timeout", () -> "2s");
  }

  @AfterAll
  static void stopPeers() {
    SANSHE.stop();
  }

  @Autowired Ledger ledger;

  private final Http admin() {
    return as(TestTokens.of("DISTRICT_ADMIN", "admin"));
  }

  private Http organiser(String community) {
    String street = "S-" + community.substring(2, 5);
    return as(
        TestTokens.worker(
            "COMMUNITY_WORKER", "cw-" + community.toLowerCase().substring(2), community, street));
  }

  private Http volunteerLogin(String sub) {
    return as(TestTokens.of("VOLUNTEER", sub));
  }

  /** Publishes a community with its coordinates, as public-service would, and waits for it. */
  private static void aCommunityAt(String communityId, String streetId, double lat, double lng)
      throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("communityId", communityId);
    data.put("sequence", 1);
    data.put("name", communityId + "社区");
    data.put("streetId", streetId);
    data.put("streetName", streetId + "街道");
    data.put("district", "东城区");
    data.put("address", "社区综合服务大厅");
    data.put("officePhone", "010-6400 0000");
    data.put("location", Map.of("lat", lat, "lng", lng));
    publish("community.geography.v1", OrderEvents.COMMUNITY_REGISTERED, communityId, data);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                database().getCollection("communities").countDocuments(eq("_id", communityId)) > 0);
  }

  private static boolean places;

  private void knownPlaces() throws Exception {
    if (!places) {
      aCommunityAt(HOME, "S-HPL", 39.9560, 116.4170);
      aCommunityAt(NEAR, "S-HPL", 39.9590, 116.4200);
      aCommunityAt(FAR, "S-JGM", 39.9050, 116.4350);
      places = true;
    }
  }

  /** A volunteer registered under login {@code sub}, reviewed and active. */
  private String anActiveVolunteer(String sub, String community, String... skills)
      throws Exception {
    knownPlaces();
    var registered =
        volunteerLogin(sub).post(base() + "/volunteers", Volunteering.aPerson(community, skills));
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    String id = registered.json().get("volunteerId").asText();
    var reviewed =
        organiser(community)
            .post(
                base() + "/volunteers/" + id + "/status",
                Map.of("status", "ACTIVE", "reason", "材料齐全，审核通过"));
    assertThat(reviewed.status()).as(reviewed.text()).isEqualTo(200);
    return id;
  }

  private static String sub() {
    return "vol-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private java.math.BigDecimal balanceOf(String volunteerId) {
    return new java.math.BigDecimal(
        admin().get(base() + "/accounts/" + volunteerId).json().get("balance").asText());
  }

  private void assertProblem(Http.Response r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("code").asText()).isEqualTo(code);
    assertThat(r.json().get("detail").asText()).isNotBlank();
  }

  // ---------------------------------------------------------------- registration

  @Test
  void registersRealNameVolunteersProtectsTheirIdNumbersAndKeepsThemInScope() throws Exception {
    knownPlaces();
    String idNumber = IdNumbers.valid();
    Map<String, Object> person = Volunteering.aPerson(HOME, "DELIVERY", "TECH_HELP");
    person.put(
        "person",
        Map.of("name", "王晓明", "idNumber", idNumber, "phone", "13911112222", "communityId", HOME));
    String sub = sub();
    var registered = volunteerLogin(sub).post(base() + "/volunteers", person);
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    JsonNode view = registered.json();
    String id = view.get("volunteerId").asText();
    assertThat(id).isEqualTo(sub);
    assertThat(view.get("status").asText()).isEqualTo("PENDING_REVIEW");
    assertThat(view.get("volunteerNumber").asText()).matches("ZYZ110101\\d{4}\\d{6}");
    assertThat(view.get("idNumberMasked").asText()).doesNotContain(idNumber.substring(6, 14));
    assertThat(registered.text()).doesNotContain(idNumber).doesNotContain("13911112222");
    Document stored = database().getCollection("volunteers").find(eq("_id", id)).first();
    assertThat(stored.toJson()).doesNotContain(idNumber).doesNotContain("13911112222");

    // a resident of the registry registers themself: the registry's masked data, no copy in clear
    String residentId = aKnownResident();
    var resident =
        resident(residentId)
            .post(
                base() + "/volunteers",
                Map.of(
                    "residentId", residentId, "skills", List.of("HAIRCUT"), "partyMember", true));
    assertThat(resident.status()).as(resident.text()).isEqualTo(201);
    assertThat(resident.json().get("residentId").asText()).isEqualTo(residentId);
    assertThat(resident.json().get("partyMember").get("declared").asBoolean()).isTrue();
    assertThat(resident.json().get("partyMember").get("confirmed").asBoolean()).isFalse();
    assertProblem(
        resident(residentId)
            .post(
                base() + "/volunteers",
                Map.of("residentId", residentId, "skills", List.of("HAIRCUT"))),
        409,
        "volunteer.already-registered");

    // the clear read: the volunteer themself and their organisers, audited, never cached
    var clear = volunteerLogin(sub).get(base() + "/volunteers/" + id + "/personal-data");
    assertThat(clear.status()).isEqualTo(200);
    assertThat(clear.json().get("idNumber").asText()).isEqualTo(idNumber);
    assertThat(clear.header("Cache-Control")).isEqualTo("no-store");
    assertThat(
            database()
                .getCollection("audit_log")
                .countDocuments(
                    Filters.and(eq("action", "VOLUNTEER_PERSONAL_DATA_READ"), eq("targetId", id))))
        .isEqualTo(1);

    // scope: another community's worker does not find them; a resident may not list volunteers
    assertThat(organiser(FAR).get(base() + "/volunteers/" + id).status()).isEqualTo(404);
    assertThat(organiser(FAR).get(base() + "/volunteers/" + id + "/personal-data").status())
        .isEqualTo(404);
    assertThat(organiser(HOME).get(base() + "/volunteers/" + id).status()).isEqualTo(200);
    assertThat(resident(residentId).get(base() + "/volunteers").status()).isEqualTo(403);
    assertThat(
            organiser(FAR)
                .get(base() + "/volunteers?size=100")
                .json()
                .get("items")
                .findValuesAsString("volunteerId"))
        .doesNotContain(id);
    // the volunteer may not review themself; another community's worker cannot either
    assertThat(
            volunteerLogin(sub)
                .post(
                    base() + "/volunteers/" + id + "/status",
                    Map.of("status", "ACTIVE", "reason", "自己"))
                .status())
        .isEqualTo(403);
    assertThat(
            organiser(FAR)
                .post(
                    base() + "/volunteers/" + id + "/status",
                    Map.of("status", "ACTIVE", "reason", "x"))
                .status())
        .isEqualTo(404);
    var active =
        organiser(HOME)
            .post(
                base() + "/volunteers/" + id + "/status",
                Map.of("status", "ACTIVE", "reason", "审核通过"));
    assertThat(active.json().get("statusHistory").findValuesAsString("by")).contains("cw-hpl-01");
  }

  @Test
  void refusesBadRegistrationsWithAClearProblemAndWritesNothing() throws Exception {
    knownPlaces();
    String sub = sub();
    Http me = volunteerLogin(sub);
    Map<String, Object> good = Volunteering.aPerson(HOME);
    Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
    bad.put(
        "volunteer.id-number-invalid",
        Volunteering.with(
            good,
            "person",
            Map.of(
                "name",
                "李",
                "idNumber",
                IdNumbers.withBadChecksum(),
                "phone",
                "13900000000",
                "communityId",
                HOME)));
    bad.put("volunteer.unknown-skill", Volunteering.with(good, "skills", List.of("JUGGLING")));
    bad.put("volunteer.resident-or-person", Volunteering.with(good, "residentId", "R-0000000000"));
    bad.put(
        "volunteer.unknown-community",
        Volunteering.with(good, "communityIds", List.of("C-NOWHERE")));
    bad.put(
        "request.invalid-enum",
        Volunteering.with(
            good,
            "availability",
            List.of(Map.of("day", "FUNDAY", "from", "08:00", "to", "10:00"))));
    bad.put(
        "volunteer.slot-ends-before-start",
        Volunteering.with(
            good,
            "availability",
            List.of(Map.of("day", "MONDAY", "from", "10:00", "to", "08:00"))));
    for (var entry : bad.entrySet()) {
      var r = me.post(base() + "/volunteers", entry.getValue());
      assertThat(r.status()).as(entry.getKey() + ": " + r.text()).isBetween(400, 422);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      if (!entry.getKey().equals("request.invalid-enum")) {
        assertThat(r.json().get("code").asText()).as(entry.getKey()).isEqualTo(entry.getKey());
      }
    }
    // operator injection in a field is refused before it reaches the store
    var injected =
        me.post(
            base() + "/volunteers",
            Volunteering.with(
                good,
                "person",
                Map.of(
                    "name",
                    Map.of("$gt", ""),
                    "idNumber",
                    IdNumbers.valid(),
                    "phone",
                    "13900000000",
                    "communityId",
                    HOME)));
    assertThat(injected.status()).isEqualTo(400);
    assertThat(injected.header("Content-Type")).startsWith("application/problem+json");
    // English on request
    var english =
        me.post(
            base() + "/volunteers",
            Volunteering.with(good, "skills", List.of("JUGGLING")),
            "Accept-Language",
            "en");
    assertThat(english.json().get("detail").asText()).contains("not in the catalogue");
    assertThat(database().getCollection("volunteers").countDocuments(eq("_id", sub))).isZero();
  }

  // ---------------------------------------------------------------- shifts

  @Test
  void signsUpOnceForOverlappingShiftsEvenWhenTheSignUpsRaceAndMovesTheWaitingListUp()
      throws Exception {
    String one = anActiveVolunteer(sub(), HOME);
    Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    List<String> activities = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // six activities whose shifts all overlap 10:00–11:00
      var a =
          organiser(HOME)
              .post(
                  base() + "/activities",
                  Volunteering.anActivity(
                      HOME,
                      start.plus(i * 10, ChronoUnit.MINUTES),
                      start.plus(60 + i * 10, ChronoUnit.MINUTES),
                      5));
      assertThat(a.status()).as(a.text()).isEqualTo(201);
      activities.add(a.json().get("activityId").asText());
    }
    Http me = organiser(HOME);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Http.Response>> attempts = new ArrayList<>();
    for (String activity : activities) {
      Callable<Http.Response> signUp =
          () ->
              me.post(
                  base() + "/activities/" + activity + "/shifts/S1/signups",
                  Map.of("volunteerId", one));
      attempts.add(pool.submit(signUp));
    }
    int confirmed = 0;
    int refused = 0;
    for (Future<Http.Response> f : attempts) {
      Http.Response r = f.get();
      if (r.status() == 201) {
        confirmed++;
      } else {
        assertProblem(r, 409, "volunteer.overlapping-booking");
        refused++;
      }
    }
    pool.shutdown();
    assertThat(confirmed).isEqualTo(1);
    assertThat(refused).isEqualTo(5);
    assertThat(
            database()
                .getCollection("activities")
                .countDocuments(eq("shifts.signups.volunteerId", one)))
        .isEqualTo(1);

    // a full shift puts the next volunteer on the waiting list; a cancellation moves them up
    Instant later = start.plus(3, ChronoUnit.DAYS);
    String full =
        organiser(HOME)
            .post(
                base() + "/activities",
                Volunteering.anActivity(HOME, later, later.plus(1, ChronoUnit.HOURS), 1))
            .json()
            .get("activityId")
            .asText();
    String two = anActiveVolunteer(sub(), HOME);
    String shift = base() + "/activities/" + full + "/shifts/S1/signups";
    assertThat(me.post(shift, Map.of("volunteerId", one)).status()).isEqualTo(201);
    var waiting = me.post(shift, Map.of("volunteerId", two));
    assertThat(waiting.status()).isEqualTo(202);
    assertThat(waiting.json().get("state").asText()).isEqualTo("WAITLISTED");
    var after = me.delete(shift + "/" + one);
    assertThat(after.status()).as(after.text()).isEqualTo(200);
    assertThat(after.json().get("shifts").get(0).get("signups").findValuesAsString("volunteerId"))
        .containsExactly(two);
    assertThat(after.json().get("shifts").get(0).get("waiting").asInt()).isZero();
  }

  // ---------------------------------------------------------------- records and the ledger

  @Test
  void checksInWithTheCodeFlagsAFarCheckInAndCreditsApprovedHoursExactlyOnce() throws Exception {
    String sub = sub();
    String id = anActiveVolunteer(sub, HOME);
    Http me = volunteerLogin(sub);
    Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    String activity =
        organiser(HOME)
            .post(
                base() + "/activities",
                Volunteering.anActivity(HOME, start, start.plus(3, ChronoUnit.HOURS), 3))
            .json()
            .get("activityId")
            .asText();
    assertThat(
            me.post(base() + "/activities/" + activity + "/shifts/S1/signups", Map.of()).status())
        .isEqualTo(201);
    var code =
        organiser(HOME)
            .post(base() + "/activities/" + activity + "/shifts/S1/check-in-code", Map.of());
    assertThat(code.header("Cache-Control")).isEqualTo("no-store");
    assertProblem(
        me.post(
            base() + "/service-records/check-in",
            Map.of(
                "activityId",
                activity,
                "shiftId",
                "S1",
                "code",
                "000000".equals(code.json().get("code").asText()) ? "111111" : "000000")),
        422,
        "volunteer.check-in-code-invalid");
    // checked in 3 km from the place: recorded, and flagged for the approver
    var checkedIn =
        me.post(
            base() + "/service-records/check-in",
            Map.of(
                "activityId",
                activity,
                "shiftId",
                "S1",
                "code",
                code.json().get("code").asText(),
                "location",
                Map.of("lat", 39.9130, "lng", 116.4170)));
    assertThat(checkedIn.status()).as(checkedIn.text()).isEqualTo(201);
    assertThat(checkedIn.json().get("flags").toString()).contains("FAR_FROM_PLACE");
    String recordId = checkedIn.json().get("recordId").asText();
    assertProblem(
        me.post(
            base() + "/service-records/" + recordId + "/check-out",
            Map.of("at", start.minus(1, ChronoUnit.HOURS).toString())),
        400,
        "volunteer.check-out-before-check-in");

    // the organiser records (补录) another volunteer's check-in at the start; they check out now
    String otherSub = sub();
    String other = anActiveVolunteer(otherSub, HOME);
    assertThat(
            organiser(HOME)
                .post(
                    base() + "/activities/" + activity + "/shifts/S1/signups",
                    Map.of("volunteerId", other))
                .status())
        .isEqualTo(201);
    var recorded =
        organiser(HOME)
            .post(
                base() + "/service-records/check-in",
                Map.of(
                    "activityId",
                    activity,
                    "shiftId",
                    "S1",
                    "volunteerId",
                    other,
                    "at",
                    start.toString()));
    assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
    String otherRecord = recorded.json().get("recordId").asText();
    var out =
        volunteerLogin(otherSub)
            .post(base() + "/service-records/" + otherRecord + "/check-out", Map.of());
    assertThat(out.status()).as(out.text()).isEqualTo(200);
    assertThat(out.json().get("status").asText()).isEqualTo("PENDING");
    long minutes = out.json().get("minutes").asLong();
    assertThat(minutes).isBetween(119L, 121L);

    // nobody approves their own hours; the organiser approves, a retry changes nothing
    assertProblem(
        volunteerLogin(otherSub)
            .post(base() + "/service-records/" + otherRecord + "/approve", Map.of()),
        403,
        "volunteer.cannot-approve-own");
    assertThat(
            organiser(FAR)
                .post(base() + "/service-records/" + otherRecord + "/approve", Map.of())
                .status())
        .isEqualTo(404);
    var approved =
        organiser(HOME)
            .post(base() + "/service-records/" + otherRecord + "/approve", Map.of("note", "按时到岗"));
    assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    assertThat(approved.json().get("creditState").asText()).isEqualTo("DONE");
    var again =
        organiser(HOME).post(base() + "/service-records/" + otherRecord + "/approve", Map.of());
    assertThat(again.status()).isEqualTo(200);
    String expected =
        new java.math.BigDecimal(minutes)
            .divide(new java.math.BigDecimal(60), 2, java.math.RoundingMode.DOWN)
            .toPlainString();
    assertThat(balanceOf(other)).isEqualByComparingTo(expected);
    assertThat(
            database()
                .getCollection(Ledger.TRANSACTIONS)
                .countDocuments(eq("cause", "service-record:" + otherRecord)))
        .isEqualTo(1);
    assertThat(
            database()
                .getCollection(Ledger.ENTRIES)
                .countDocuments(eq("txId", "hours:" + otherRecord)))
        .isEqualTo(2);
    var statement =
        volunteerLogin(otherSub)
            .get(
                base()
                    + "/accounts/"
                    + other
                    + "/statement?month="
                    + java.time.YearMonth.now(ZoneId.of("Asia/Shanghai")));
    assertThat(statement.status()).as(statement.text()).isEqualTo(200);
    assertThat(statement.json().get("closing").decimalValue()).isEqualByComparingTo(expected);
    assertThat(statement.json().get("entries").get(0).get("cause").asText())
        .isEqualTo("service-record:" + otherRecord);
    assertThat(organiser(FAR).get(base() + "/accounts/" + other).status()).isEqualTo(404);
    // the ledger balances: every transaction's legs sum to zero
    long sum = 0;
    for (Document e : database().getCollection(Ledger.ENTRIES).find()) {
      sum += e.get("amount", Number.class).longValue();
    }
    assertThat(sum).isZero();
    // the approval is an event on the system's topic, with its schema and no personal data
    awaitEvent("org.fourinone.volunteer.hours.approved.v1", otherRecord);
    awaitEvent(Ledger.CREDITED, "hours:" + otherRecord);
  }

  @Test
  void refusesOverlappingDeclaredHoursHoursBeyondTheDailyCapAndHoursInTheFuture() throws Exception {
    String sub = sub();
    anActiveVolunteer(sub, HOME);
    Http me = volunteerLogin(sub);
    Instant day =
        Instant.now()
            .minus(3, ChronoUnit.DAYS)
            .truncatedTo(ChronoUnit.DAYS)
            .plus(1, ChronoUnit.HOURS);
    var first =
        me.post(
            base() + "/service-records",
            Volunteering.declared(HOME, day, day.plus(3, ChronoUnit.HOURS)));
    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertProblem(
        me.post(
            base() + "/service-records",
            Volunteering.declared(
                HOME, day.plus(2, ChronoUnit.HOURS), day.plus(4, ChronoUnit.HOURS))),
        409,
        "volunteer.overlapping-booking");
    assertThat(
            me.post(
                    base() + "/service-records",
                    Volunteering.declared(
                        HOME, day.plus(4, ChronoUnit.HOURS), day.plus(10, ChronoUnit.HOURS)))
                .status())
        .isEqualTo(201);
    // 3 h + 6 h held that day: two more hours pass the 10 h cap
    assertProblem(
        me.post(
            base() + "/service-records",
            Volunteering.declared(
                HOME, day.plus(11, ChronoUnit.HOURS), day.plus(13, ChronoUnit.HOURS))),
        422,
        "volunteer.daily-cap-exceeded");
    assertProblem(
        me.post(
            base() + "/service-records",
            Volunteering.declared(
                HOME, day.plus(2, ChronoUnit.HOURS), day.plus(1, ChronoUnit.HOURS))),
        400,
        "volunteer.ends-before-start");
    assertProblem(
        me.post(
            base() + "/service-records",
            Volunteering.declared(
                HOME,
                Instant.now().plus(1, ChronoUnit.HOURS),
                Instant.now().plus(2, ChronoUnit.HOURS))),
        400,
        "volunteer.in-future");
    assertThat(database().getCollection("service_records").countDocuments(eq("accountId", sub)))
        .isEqualTo(2);
  }

  @Test
  void finishesWhatACrashLeftHalfWayAndNeverCreditsTwice() throws Exception {
    // a gift between two accounts whose debit leg was written before the process died: the
    // transaction pending, its lease run out, the debited account's head pointer not moved
    String from = Ledger.volunteerAccount("crash-" + UUID.randomUUID());
    String account = Ledger.volunteerAccount("crash-" + UUID.randomUUID());
    ledger.transfer(
        "hours:fund-" + from,
        Ledger.Kind.HOURS_CREDIT,
        Ledger.ISSUANCE,
        from,
        500,
        300,
        "service-record:fund",
        null);
    var tx = database().getCollection(Ledger.TRANSACTIONS);
    var entries = database().getCollection(Ledger.ENTRIES);
    String txId = "transfer:crash-" + UUID.randomUUID();
    Instant past = Instant.now().minus(1, ChronoUnit.MINUTES);
    tx.insertOne(
        new Document("_id", txId)
            .append("kind", "TRANSFER")
            .append("debit", from)
            .append("credit", account)
            .append("amount", 250L)
            .append("minutes", 0L)
            .append("state", "PENDING")
            .append("cause", "transfer:PARENT:crash")
            .append("createdAt", past.toString())
            .append("leaseUntil", past.toString()));
    entries.insertOne(
        new Document("_id", from + "#000000000002")
            .append("account", from)
            .append("seq", 2L)
            .append("txId", txId)
            .append("kind", "TRANSFER")
            .append("amount", -250L)
            .append("balanceAfter", 250L)
            .append("minutes", 0L)
            .append("minutesAfter", 300L)
            .append("counterparty", account)
            .append("cause", "transfer:PARENT:crash")
            .append("at", past.toString()));
    // the ledger's sweeper finishes it: the credit posted, the debit not posted twice
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "POSTED".equals(tx.find(eq("_id", txId)).first().getString("state")));
    assertThat(ledger.balance(from)).isEqualTo(250);
    assertThat(ledger.balance(account)).isEqualTo(250);
    assertThat(entries.countDocuments(eq("txId", txId))).isEqualTo(2);
    // the same cause again — a redelivered event, a retried request — posts nothing more
    ledger.transfer(txId, Ledger.Kind.TRANSFER, from, account, 250, "transfer:PARENT:crash", null);
    assertThat(ledger.balance(from)).isEqualTo(250);
    assertThat(ledger.balance(account)).isEqualTo(250);
    assertThat(entries.countDocuments(eq("txId", txId))).isEqualTo(2);

    // an entry written, its account's head pointer not yet moved (a crash between the two):
    // the next posting rolls the pointer forward first, so the balance stays exact
    database()
        .getCollection(Ledger.ACCOUNTS)
        .updateOne(
            eq("_id", account),
            new Document(
                "$set", new Document("seq", 0L).append("balance", 0L).append("minutes", 0L)));
    assertThat(ledger.balance(account)).isEqualTo(250);
    ledger.transfer(
        "hours:crash-" + UUID.randomUUID(),
        Ledger.Kind.HOURS_CREDIT,
        Ledger.ISSUANCE,
        account,
        100,
        60,
        "service-record:crash2",
        null);
    assertThat(ledger.balance(account)).isEqualTo(350);

    // an approved record whose credit never ran: the sweeper credits it once
    String sub = sub();
    String volunteer = anActiveVolunteer(sub, HOME);
    Instant day = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String record =
        volunteerLogin(sub)
            .post(
                base() + "/service-records",
                Volunteering.declared(HOME, day, day.plus(90, ChronoUnit.MINUTES)))
            .json()
            .get("recordId")
            .asText();
    database()
        .getCollection("service_records")
        .updateOne(
            eq("_id", record),
            new Document(
                "$set",
                new Document("status", "APPROVED")
                    .append("creditState", "DUE")
                    .append("points", 150L)
                    .append("decidedBy", "cw-hpl-01")
                    .append("decidedAt", past.toString())));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "DONE"
                    .equals(
                        database()
                            .getCollection("service_records")
                            .find(eq("_id", record))
                            .first()
                            .getString("creditState")));
    assertThat(balanceOf(volunteer)).isEqualByComparingTo("1.50");
    assertThat(entries.countDocuments(eq("txId", "hours:" + record))).isEqualTo(2);
  }

  @Test
  void keepsBalancesAboveZeroUnderConcurrentExchangesAndTakesStockWithThePoints() throws Exception {
    String sub = sub();
    String id = anActiveVolunteer(sub, HOME);
    ledger.transfer(
        "hours:grant-" + id,
        Ledger.Kind.HOURS_CREDIT,
        Ledger.ISSUANCE,
        Ledger.volunteerAccount(id),
        1000,
        600,
        "service-record:grant",
        null);
    var item =
        organiser(HOME)
            .post(
                base() + "/exchange/items",
                Map.of(
                    "name",
                    "爱心大米 5kg",
                    "kind",
                    "GIFT",
                    "points",
                    3,
                    "stock",
                    50,
                    "supplier",
                    Map.of("kind", "MERCHANT", "name", "和平里爱心超市"),
                    "communityIds",
                    List.of(HOME)));
    assertThat(item.status()).as(item.text()).isEqualTo(201);
    String itemId = item.json().get("itemId").asText();
    Http me = volunteerLogin(sub);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Http.Response>> tries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = "k" + i;
      tries.add(
          pool.submit(
              () ->
                  me.post(
                      base() + "/exchange/redemptions",
                      Map.of("itemId", itemId, "quantity", 1),
                      "Idempotency-Key",
                      key)));
    }
    int ok = 0;
    for (Future<Http.Response> f : tries) {
      Http.Response r = f.get();
      if (r.status() == 201) {
        ok++;
      } else {
        assertProblem(r, 422, "volunteer.insufficient-points");
      }
    }
    pool.shutdown();
    // 10 points buy three 3-point gifts, never a fourth
    assertThat(ok).isEqualTo(3);
    assertThat(balanceOf(id)).isEqualByComparingTo("1.00");
    assertThat(
            database()
                .getCollection("exchange_items")
                .find(eq("_id", itemId))
                .first()
                .getInteger("stock"))
        .isEqualTo(47);
    // a retried redemption (same key) changes nothing
    var retried =
        me.post(
            base() + "/exchange/redemptions",
            Map.of("itemId", itemId, "quantity", 1),
            "Idempotency-Key",
            "k0");
    assertThat(retried.status()).isIn(201, 422);
    assertThat(balanceOf(id)).isEqualByComparingTo("1.00");
    // beyond the stock: refused, nothing taken
    assertProblem(
        me.post(
            base() + "/exchange/redemptions",
            Map.of("itemId", itemId, "quantity", 20),
            "Idempotency-Key",
            "big"),
        422,
        "volunteer.insufficient-points");
    // cancelled: refunded by a reversal entry, the stock back
    String completed = null;
    for (JsonNode r : me.get(base() + "/exchange/redemptions?size=50").json().get("items")) {
      if (r.get("state").asText().equals("COMPLETED")) {
        completed = r.get("redemptionId").asText();
      }
    }
    assertThat(completed).isNotNull();
    var cancelled =
        me.post(
            base() + "/exchange/redemptions/" + completed + "/cancel", Map.of("reason", "不需要了"));
    assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
    assertThat(balanceOf(id)).isEqualByComparingTo("4.00");
    assertThat(
            database()
                .getCollection(Ledger.TRANSACTIONS)
                .countDocuments(eq("_id", "reversal:redemption:" + completed)))
        .isEqualTo(1);
    assertThat(
            database()
                .getCollection("exchange_items")
                .find(eq("_id", itemId))
                .first()
                .getInteger("stock"))
        .isEqualTo(48);
    var outOfStock =
        organiser(HOME)
            .post(
                base() + "/exchange/items",
                Map.of(
                    "name",
                    "理发券",
                    "kind",
                    "GIFT",
                    "points",
                    1,
                    "stock",
                    0,
                    "supplier",
                    Map.of("kind", "COMMUNITY", "name", "社区"),
                    "communityIds",
                    List.of(HOME)));
    assertProblem(
        me.post(
            base() + "/exchange/redemptions",
            Map.of("itemId", outOfStock.json().get("itemId").asText(), "quantity", 1)),
        422,
        "volunteer.out-of-stock");
    assertThat(balanceOf(id)).isEqualByComparingTo("4.00");
  }

  @Test
  void placesTheOrderOfARedeemedServiceAsTheResidentAndGivesEverythingBackWhenTheSystemFails()
      throws Exception {
    knownPlaces();
    String residentId = aKnownResident();
    ledger.transfer(
        "transfer:gift-" + residentId,
        Ledger.Kind.TRANSFER,
        Ledger.ISSUANCE,
        Ledger.residentAccount(residentId),
        500,
        "test",
        null);
    var item =
        organiser(HOME)
            .post(
                base() + "/exchange/items",
                Map.of(
                    "name",
                    "一小时居家养老照护",
                    "kind",
                    "SERVICE",
                    "points",
                    2,
                    "stock",
                    10,
                    "supplier",
                    Map.of("kind", "PARTNER_UNIT", "name", "安康养老服务中心"),
                    "communityIds",
                    List.of(HOME),
                    "service",
                    Map.of("system", "SANSHE", "orderType", "HOME_CARE")));
    assertThat(item.status()).as(item.text()).isEqualTo(201);
    String itemId = item.json().get("itemId").asText();
    SANSHE.stubFor(
        post(urlEqualTo("/api/sanshe/orders"))
            .withHeader("Idempotency-Key", equalTo("RD-resident-" + residentId + "-svc1"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"orderId\":\"SANSHE-261201-ABCDEFGH\",\"status\":\"SUBMITTED\"}")));
    var redeemed =
        resident(residentId)
            .post(
                base() + "/exchange/redemptions",
                Map.of("itemId", itemId, "quantity", 1, "address", "和平里东街15号"),
                "Idempotency-Key",
                "svc1");
    assertThat(redeemed.status()).as(redeemed.text()).isEqualTo(201);
    assertThat(redeemed.json().get("orderId").asText()).isEqualTo("SANSHE-261201-ABCDEFGH");
    SANSHE.verify(
        postRequestedFor(urlEqualTo("/api/sanshe/orders"))
            .withHeader(
                "Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
    assertThat(ledger.balance(Ledger.residentAccount(residentId))).isEqualTo(300);

    // the providing system fails (5xx, then a reset): nothing is charged, the stock is back
    SANSHE.stubFor(
        post(urlEqualTo("/api/sanshe/orders"))
            .withHeader("Idempotency-Key", equalTo("RD-resident-" + residentId + "-svc2"))
            .willReturn(aResponse().withStatus(503)));
    assertProblem(
        resident(residentId)
            .post(
                base() + "/exchange/redemptions",
                Map.of("itemId", itemId, "quantity", 1),
                "Idempotency-Key",
                "svc2"),
        503,
        "volunteer.provider-unavailable");
    SANSHE.stubFor(
        post(urlEqualTo("/api/sanshe/orders"))
            .withHeader("Idempotency-Key", equalTo("RD-resident-" + residentId + "-svc3"))
            .willReturn(
                aResponse()
                    .withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    assertProblem(
        resident(residentId)
            .post(
                base() + "/exchange/redemptions",
                Map.of("itemId", itemId, "quantity", 1),
                "Idempotency-Key",
                "svc3"),
        503,
        "volunteer.provider-unavailable");
    assertThat(ledger.balance(Ledger.residentAccount(residentId))).isEqualTo(300);
    assertThat(
            database()
                .getCollection("exchange_items")
                .find(eq("_id", itemId))
                .first()
                .getInteger("stock"))
        .isEqualTo(9);
  }

  // ---------------------------------------------------------------- matching

  @Test
  void matchesAnotherSystemsOrderThatAsksForAVolunteerTellsItsOriginAndRecordsTheHours()
      throws Exception {
    // two volunteers with the rare skill: the nearer one is asked first, then — silent — the other
    String nearSub = sub();
    String near = anActiveVolunteer(nearSub, HOME, "TRANSLATION");
    String farSub = sub();
    String far = anActiveVolunteer(farSub, FAR, "TRANSLATION");
    String residentId = aKnownResident();
    Order placed = withVolunteer(anotherSystemsOrder(residentId), "TRANSLATION");
    send("community.orders.v1", event(placed));
    String need = base() + "/needs/N-" + placed.orderId();
    await().atMost(Duration.ofSeconds(15)).until(() -> near.equals(invited(need)));
    var ranking = worker.get(need).json();
    assertThat(ranking.get("skill").asText()).isEqualTo("TRANSLATION");
    // the first invitation runs out (3 s here): the next candidate is asked
    await().atMost(Duration.ofSeconds(15)).until(() -> far.equals(invited(need)));
    assertThat(worker.get(need).json().get("history").findValuesAsString("outcome"))
        .contains("INVITED", "TIMED_OUT");
    assertThat(volunteerLogin(nearSub).post(need + "/accept", Map.of()).status()).isEqualTo(409);
    try (var notes = TestInfrastructure.consumer("community.order-contributions.v1")) {
      var accepted = volunteerLogin(farSub).post(need + "/accept", Map.of());
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
      assertThat(accepted.json().get("state").asText()).isEqualTo("MATCHED");
      var offered =
          TestInfrastructure.poll(
              notes,
              r ->
                  r.value() != null
                      && new String(r.value(), StandardCharsets.UTF_8).contains(placed.orderId()),
              1,
              Duration.ofSeconds(10));
      assertThat(offered).hasSize(1);
      EventEnvelope note = CloudEventCodec.fromRecord(offered.get(0));
      assertThat(new String(note.data(), StandardCharsets.UTF_8))
          .contains("志愿者已匹配")
          .contains("志愿者编号");
    }
    awaitEvent("org.fourinone.volunteer.volunteer.matched.v1", placed.orderId());
    // the statistics' day of the need and the time of its latest write (the match), as written
    Document matchedNeed =
        database().getCollection("needs").find(eq("_id", "N-" + placed.orderId())).first();
    assertThat(matchedNeed.get("createdAtMillis"))
        .isEqualTo(Instant.parse(matchedNeed.getString("createdAt")).toEpochMilli());
    assertThat(matchedNeed.get("changedAtMillis", Number.class).longValue())
        .isGreaterThanOrEqualTo(Instant.parse(matchedNeed.getString("matchedAt")).toEpochMilli());

    // the order is completed (and the event redelivered): one pending record, with its hours
    Instant started = Instant.now().minus(100, ChronoUnit.MINUTES);
    Order done =
        placed
            .accept("cw-hpl-01", null, started.minusSeconds(60))
            .assign(
                new Order.Assignment(AssigneeType.ORGANISATION, "ORG-ANKANG"),
                "cw-hpl-01",
                null,
                started.minusSeconds(30))
            .start("sw-ankang-01", null, started)
            .complete("sw-ankang-01", "已完成", Instant.now());
    EventEnvelope completed = event(done);
    send("community.orders.v1", completed);
    send("community.orders.v1", completed);
    String recordId = "SR-" + placed.orderId() + "-" + far;
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                database()
                        .getCollection("service_records")
                        .countDocuments(eq("orderId", placed.orderId()))
                    == 1);
    Document record = database().getCollection("service_records").find(eq("_id", recordId)).first();
    assertThat(record.getString("status")).isEqualTo("PENDING");
    assertThat(record.getString("role")).isEqualTo("HELPER");
    assertThat(record.get("minutes", Number.class).longValue()).isBetween(99L, 101L);
    // the statistics' day of the record (its end) and the time of its write
    assertThat(record.get("endMillis"))
        .isEqualTo(Instant.parse(record.getString("end")).toEpochMilli());
    assertThat(record.get("changedAtMillis"))
        .isEqualTo(Instant.parse(record.getString("createdAt")).toEpochMilli());
    // the resident's rating is attached and counted in the volunteer's rating
    send(
        "community.orders.v1",
        event(done.rate(SatisfactionLevel.VERY_SATISFIED, "很好", residentId, Instant.now())));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "VERY_SATISFIED"
                    .equals(
                        database()
                            .getCollection("service_records")
                            .find(eq("_id", recordId))
                            .first()
                            .getString("rating")));
    assertThat(
            volunteerLogin(farSub)
                .get(base() + "/volunteers/me")
                .json()
                .get("rating")
                .get("count")
                .asInt())
        .isEqualTo(1);
    // approved once: credited once
    assertThat(worker.post(base() + "/service-records/" + recordId + "/approve", Map.of()).status())
        .isEqualTo(200);
    send("community.orders.v1", completed);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(
            database()
                .getCollection(Ledger.TRANSACTIONS)
                .countDocuments(eq("_id", "hours:" + recordId)))
        .isEqualTo(1);
    assertThat(
            database()
                .getCollection("service_records")
                .countDocuments(eq("orderId", placed.orderId())))
        .isEqualTo(1);
  }

  @Test
  void assignsItsOwnOrderToTheVolunteerWhoAcceptsTheInvitation() throws Exception {
    String sub = sub();
    String volunteer = anActiveVolunteer(sub, HOME, "HAIRCUT");
    String residentId = aKnownResident();
    Map<String, Object> order = anOrder(residentId, "DOOR_TO_DOOR");
    order.put("type", "HAIRCUT");
    var placed = worker.post(base() + "/orders", order);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String orderId = placed.json().get("orderId").asText();
    String need = base() + "/needs/N-" + orderId;
    await().atMost(Duration.ofSeconds(15)).until(() -> volunteer.equals(invited(need)));
    assertThat(volunteerLogin(sub).get(base() + "/invitations").json().findValuesAsString("needId"))
        .contains("N-" + orderId);
    assertThat(volunteerLogin(sub).post(need + "/accept", Map.of()).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              JsonNode o = worker.get(base() + "/orders/" + orderId).json();
              assertThat(o.get("status").asText()).isEqualTo("ASSIGNED");
              assertThat(o.get("assignment").get("assignee").asText()).isEqualTo(volunteer);
              assertThat(o.get("timeline").findValuesAsString("note"))
                  .anyMatch(n -> n != null && n.startsWith("志愿者已匹配"));
            });
  }

  private String invited(String need) {
    JsonNode n = admin().get(need).json();
    return n.get("invitation") == null || n.get("invitation").isNull()
        ? null
        : n.get("invitation").get("volunteerId").asText();
  }

  private static Order withVolunteer(Order o, String skill) {
    return new Order(
        o.orderId(),
        o.sequence(),
        o.originSystem(),
        o.orderType(),
        o.residentId(),
        o.communityId(),
        o.streetId(),
        o.channel(),
        o.operatorId(),
        o.consent(),
        o.title(),
        o.description(),
        o.address(),
        o.status(),
        o.assignment(),
        o.rating(),
        o.createdAt(),
        o.updatedAt(),
        o.timeline(),
        new Order.VolunteerWanted(skill, "需要一名手语志愿者"));
  }

  // ---------------------------------------------------------------- stars, certificates, gifts

  @Test
  void reachesAStarLevelAtItsThresholdAndIssuesACertificateAnyoneCanVerify() throws Exception {
    String sub = sub();
    String id = anActiveVolunteer(sub, HOME);
    Http me = volunteerLogin(sub);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    assertProblem(
        me.post(
            base() + "/volunteers/" + id + "/certificates",
            Map.of("from", today.minusDays(30).toString(), "to", today.toString())),
        422,
        "volunteer.no-approved-hours");
    Instant day = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Instant start = day.plus(i, ChronoUnit.DAYS);
      records.add(
          me.post(
                  base() + "/service-records",
                  Volunteering.declared(HOME, start, start.plus(75, ChronoUnit.MINUTES)))
              .json()
              .get("recordId")
              .asText());
    }
    var first =
        organiser(HOME)
            .post(
                base() + "/service-records/approvals",
                Map.of("recordIds", List.of(records.get(0))));
    assertThat(first.json().get(0).get("outcome").asText()).isEqualTo("APPROVED");
    assertThat(me.get(base() + "/volunteers/me").json().get("stars").asInt()).isZero();
    organiser(HOME).post(base() + "/service-records/approvals", Map.of("recordIds", records));
    JsonNode mine = me.get(base() + "/volunteers/me").json();
    assertThat(mine.get("approvedHours").decimalValue()).isEqualByComparingTo("2.50");
    assertThat(mine.get("stars").asInt()).isEqualTo(1);
    awaitEvent("org.fourinone.volunteer.level.reached.v1", id);

    var issued =
        me.post(
            base() + "/volunteers/" + id + "/certificates",
            Map.of("from", today.minusDays(30).toString(), "to", today.toString()));
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    assertThat(issued.json().get("hours").decimalValue()).isEqualByComparingTo("2.50");
    String number = issued.json().get("number").asText();
    var pdf = me.get(base() + "/certificates/" + number + "/pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(pdf.text()).startsWith("%PDF");
    assertThat(organiser(FAR).get(base() + "/certificates/" + number + "/pdf").status())
        .isEqualTo(404);
    var verified = anonymous.get(base() + "/certificates/" + number + "/verification");
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("genuine").asBoolean()).isTrue();
    assertThat(verified.json().get("hours").decimalValue()).isEqualByComparingTo("2.50");
    assertThat(verified.text())
        .doesNotContain("李志愿")
        .doesNotContain(mine.get("idNumberMasked").asText());
    assertThat(
            anonymous
                .get(base() + "/certificates/ZYZM2026NOTREAL00/verification")
                .json()
                .get("genuine")
                .asBoolean())
        .isFalse();
  }

  @Test
  void givesSavedPointsToAFamilyMemberWithinTheDistrictsRules() throws Exception {
    String sub = sub();
    String id = anActiveVolunteer(sub, HOME);
    ledger.transfer(
        "hours:grant-" + id,
        Ledger.Kind.HOURS_CREDIT,
        Ledger.ISSUANCE,
        Ledger.volunteerAccount(id),
        500,
        300,
        "service-record:grant",
        null);
    String mother = aKnownResident();
    Http me = volunteerLogin(sub);
    String transfers = base() + "/accounts/" + id + "/transfers";
    assertProblem(
        me.post(transfers, Map.of("toResidentId", mother, "relation", "FRIEND", "points", 1)),
        422,
        "volunteer.relation-not-allowed");
    assertProblem(
        me.post(transfers, Map.of("toResidentId", mother, "relation", "PARENT", "points", 6)),
        422,
        "volunteer.insufficient-points");
    assertProblem(
        me.post(transfers, Map.of("toResidentId", mother, "relation", "PARENT", "points", 1.234)),
        400,
        "volunteer.points-invalid");
    var given =
        me.post(
            transfers,
            Map.of("toResidentId", mother, "relation", "PARENT", "points", 2),
            "Idempotency-Key",
            "gift-1");
    assertThat(given.status()).as(given.text()).isEqualTo(200);
    me.post(
        transfers,
        Map.of("toResidentId", mother, "relation", "PARENT", "points", 2),
        "Idempotency-Key",
        "gift-1");
    assertThat(balanceOf(id)).isEqualByComparingTo("3.00");
    assertThat(
            resident(mother)
                .get(base() + "/resident-accounts/" + mother)
                .json()
                .get("balance")
                .decimalValue())
        .isEqualByComparingTo("2.00");
    assertThat(
            worker
                .post(transfers, Map.of("toResidentId", mother, "relation", "PARENT", "points", 1))
                .status())
        .isEqualTo(403);
  }

  // ---------------------------------------------------------------- teams and statistics

  @Test
  void keepsTeamsAndStatisticsInTheirScope() throws Exception {
    String sub = sub();
    String id = anActiveVolunteer(sub, HOME);
    var team =
        organiser(HOME)
            .post(
                base() + "/teams",
                Map.of(
                    "name",
                    "和平里东街助老服务队",
                    "level",
                    "COMMUNITY",
                    "communityId",
                    HOME,
                    "attachedTo",
                    Map.of("kind", "COMMUNITY", "id", HOME, "name", "和平里东街社区")));
    assertThat(team.status()).as(team.text()).isEqualTo(201);
    String teamId = team.json().get("teamId").asText();
    assertThat(
            volunteerLogin(sub)
                .post(base() + "/teams/" + teamId + "/members", Map.of("volunteerId", id))
                .status())
        .isEqualTo(200);
    assertThat(
            volunteerLogin(sub)
                .post(
                    base() + "/teams/" + teamId + "/members",
                    Map.of("volunteerId", id, "leader", true))
                .status())
        .isEqualTo(403);
    assertThat(organiser(FAR).get(base() + "/teams/" + teamId).status()).isEqualTo(404);
    assertThat(
            volunteerLogin(sub)
                .get(base() + "/teams?volunteerId=" + id)
                .json()
                .get("items")
                .findValuesAsString("teamId"))
        .containsExactly(teamId);
    assertThat(
            volunteerLogin(sub)
                .delete(base() + "/teams/" + teamId + "/members/" + id)
                .json()
                .get("history")
                .findValuesAsString("action"))
        .containsExactly("JOINED", "LEFT");

    JsonNode figures = organiser(HOME).get(base() + "/statistics").json();
    assertThat(figures.get("scope").get("communityId").asText()).isEqualTo(HOME);
    assertThat(figures.get("active").asLong()).isPositive();
    assertThat(figures.get("teamsByLevel").get("COMMUNITY").asLong()).isPositive();
    assertThat(organiser(HOME).get(base() + "/statistics?communityId=" + FAR).status())
        .isEqualTo(404);
    assertThat(as(TestTokens.anyResident()).get(base() + "/statistics").status()).isEqualTo(403);
    var xlsx =
        as(new TestTokens.Subject(
                "street-hpl", List.of("STREET_OFFICER"), Map.of("street_id", "S-HPL")))
            .get(base() + "/statistics/export");
    assertThat(xlsx.status()).isEqualTo(200);
    assertThat(xlsx.header("Content-Type")).startsWith("application/vnd.openxmlformats");
  }

  // ---------------------------------------------------------------- events

  /**
   * Waits for an event of {@code type} mentioning {@code text}; checks its schema and that no clear
   * ID number is in it.
   */
  private static void awaitEvent(String type, String text) {
    try (var consumer = TestInfrastructure.consumer("volunteer.volunteers.v1")) {
      List<ConsumerRecord<String, byte[]>> found =
          TestInfrastructure.poll(
              consumer,
              r -> {
                if (r.value() == null) {
                  return false;
                }
                EventEnvelope e = CloudEventCodec.fromRecord(r);
                return e.type().equals(type)
                    && new String(e.data(), StandardCharsets.UTF_8).contains(text);
              },
              1,
              Duration.ofSeconds(15));
      assertThat(found).as(type + " " + text).hasSize(1);
      EventEnvelope event = CloudEventCodec.fromRecord(found.get(0));
      assertThat(EventSchemas.violations(event.type(), event.data())).isEmpty();
      assertThat(new String(event.data(), StandardCharsets.UTF_8))
          .doesNotContainPattern(Pattern.compile("\\d{17}[\\dX]"));
    }
  }

  @Test
  void learnsFromThePartySystemWhoIsAPartyMemberAndIgnoresOlderRecords() throws Exception {
    String residentId = aKnownResident();
    var registered =
        resident(residentId)
            .post(
                base() + "/volunteers",
                Map.of("residentId", residentId, "skills", List.of("GENERAL")));
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    String id = registered.json().get("volunteerId").asText();
    Map<String, Object> membership = new LinkedHashMap<>();
    membership.put("residentId", residentId);
    membership.put("member", true);
    membership.put("branchId", "BR-HPL-01");
    membership.put("branchName", "和平里东街社区党支部");
    membership.put("communityId", HOME);
    membership.put("recordedBy", "party-hpl-01");
    membership.put("recordedAt", Instant.now().toString());
    membership.put("sequence", 2);
    publish(
        "party.memberships.v1",
        "org.fourinone.party.membership.recorded.v1",
        residentId,
        membership);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        admin()
                            .get(base() + "/volunteers/" + id)
                            .json()
                            .get("partyMember")
                            .get("confirmed")
                            .asBoolean())
                    .isTrue());
    // an older record arriving late (sequence 1: not a member) changes nothing
    Map<String, Object> older = new LinkedHashMap<>(membership);
    older.put("member", false);
    older.remove("branchId");
    older.remove("branchName");
    older.put("branchId", null);
    older.put("branchName", null);
    older.put("sequence", 1);
    publish(
        "party.memberships.v1", "org.fourinone.party.membership.recorded.v1", residentId, older);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    JsonNode party = admin().get(base() + "/volunteers/" + id).json().get("partyMember");
    assertThat(party.get("confirmed").asBoolean()).isTrue();
    assertThat(party.get("branchName").asText()).isEqualTo("和平里东街社区党支部");
  }

  // ---------------------------------------------------------------- the tasks of #6

  @Test
  void recordsAVolunteersTaskAndTellsTheOriginOnceWhenAnotherSystemDispatchesToAVolunteer()
      throws Exception {
    String residentId = aKnownResident();
    String volunteer = "vol-" + UUID.randomUUID();
    Order assigned =
        anotherSystemsOrder(residentId)
            .accept("cw-hpl-01", null, Instant.now())
            .assign(
                new Order.Assignment(AssigneeType.VOLUNTEER, volunteer),
                "cw-hpl-01",
                null,
                Instant.now());
    EventEnvelope event = event(assigned);
    try (var notes = TestInfrastructure.consumer("community.order-contributions.v1")) {
      send("community.orders.v1", event);
      send("community.orders.v1", event); // redelivered: the same event id
      var offered =
          TestInfrastructure.poll(
              notes,
              r ->
                  r.value() != null
                      && new String(r.value(), StandardCharsets.UTF_8).contains(assigned.orderId()),
              2,
              Duration.ofSeconds(8));
      // the relay may publish a note twice (harmless: its consumers keep one per event id); one
      // note
      assertThat(offered.stream().map(r -> CloudEventCodec.fromRecord(r).id()).distinct().count())
          .isEqualTo(1);
      EventEnvelope note = CloudEventCodec.fromRecord(offered.get(0));
      assertThat(note.type()).isEqualTo(OrderEvents.NOTE_CONTRIBUTED);
      assertThat(note.source().toString()).isEqualTo("/fourinone/volunteer-service");
      assertThat(EventSchemas.violations(note.type(), note.data())).isEmpty();
      JsonNode data =
          tools.jackson.databind.json.JsonMapper.builder().build().readTree(note.data());
      assertThat(data.get("originSystem").asText()).isEqualTo(assigned.originSystem().name());
      assertThat(data.get("contributor").asText()).isEqualTo("VOLUNTEER");
      assertThat(data.get("text").asText()).startsWith("志愿者已匹配").contains(volunteer);
    }
    awaitOneTaskOf(volunteer);
    var task =
        database().getCollection("volunteer_tasks").find(eq("volunteerId", volunteer)).first();
    assertThat(task.getString("orderId")).isEqualTo(assigned.orderId());
    assertThat(task.getString("originSystem")).isEqualTo(assigned.originSystem().name());
  }

  @Test
  void recordsTasksOfItsOwnOrdersWithoutANoteToItself() throws Exception {
    String residentId = aKnownResident();
    String orderId = placeOwnOrder(residentId);
    String order = base() + "/orders/" + orderId;
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(200);
    String volunteer = "vol-" + UUID.randomUUID();
    assertThat(
            worker
                .post(order + "/assign", Map.of("assigneeType", "VOLUNTEER", "assignee", volunteer))
                .status())
        .isEqualTo(200);
    awaitOneTaskOf(volunteer);
    assertThat(worker.get(order).json().get("timeline").findValuesAsString("action"))
        .doesNotContain("NOTED");
  }

  private static void awaitOneTaskOf(String volunteer) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        database()
                            .getCollection("volunteer_tasks")
                            .countDocuments(eq("volunteerId", volunteer)))
                    .isEqualTo(1));
  }

  VolunteerServiceIT() {
    super(OriginSystem.VOLUNTEER, "ESCORT_TO_HOSPITAL");
  }
}
