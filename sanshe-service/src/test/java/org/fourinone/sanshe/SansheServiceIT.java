package org.fourinone.sanshe;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.rollup.DayBuckets;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;
import org.fourinone.sanshe.dispatch.Dispatches;
import org.fourinone.sanshe.statistics.DispatchStatistics;
import org.fourinone.testing.EventSchemas;
import org.fourinone.testing.Http;
import org.fourinone.testing.PersonalDataScanner;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * 三社联动: the order contract against a real broker and the wire-protocol MongoDB, and organisations'
 * fulfilment record.
 */
class SansheServiceIT extends OrderContractChecks {

  @Test
  void recordsWhatAnOrganisationFulfilledAndHowTheResidentRatedIt() throws Exception {
    String organisation = Organisations.anId();
    assertThat(
            admin()
                .post(base() + "/organisations", Organisations.anAgency(organisation, "S-HPL"))
                .status())
        .isEqualTo(201);
    String residentId = aKnownResident();
    String order = base() + "/orders/" + placeOwnOrder(residentId);
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(200);
    assertThat(
            worker
                .post(
                    order + "/assign",
                    Map.of("assigneeType", "ORGANISATION", "assignee", organisation))
                .status())
        .isEqualTo(200);
    assertThat(worker.post(order + "/start", Map.of()).status()).isEqualTo(200);
    assertThat(worker.post(order + "/complete", Map.of("note", "已上门照护")).status()).isEqualTo(200);
    assertThat(
            resident(residentId).post(order + "/rate", Map.of("level", "VERY_SATISFIED")).status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Document record =
                  database()
                      .getCollection("organisation_fulfilment")
                      .find(eq("_id", organisation))
                      .first();
              assertThat(record).isNotNull();
              assertThat(record.getInteger("completed")).isEqualTo(1);
              assertThat(record.get("byType", Document.class).getInteger("HOME_CARE")).isEqualTo(1);
              assertThat(record.get("ratings", Document.class).getInteger("VERY_SATISFIED"))
                  .isEqualTo(1);
            });
    // a party organiser does not handle 三社联动's services
    String another = base() + "/orders/" + placeOwnOrder(residentId);
    assertThat(
            as(TestTokens.worker("PARTY_STAFF", "party-hpl-01", "C-HPL-01", "S-HPL"))
                .post(another + "/accept", Map.of())
                .status())
        .isEqualTo(403);
  }

  @Test
  void offersCommunityCorrectionOnlyDoorToDoor() throws Exception {
    String residentId = aKnownResident();
    Map<String, Object> throughTheApp = anOrder(residentId, "APP");
    throughTheApp.put("type", "COMMUNITY_CORRECTION");
    var refused = resident(residentId).post(base() + "/orders", throughTheApp);
    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("order.channel-not-offered");
    assertThat(refused.json().get("detail").asText()).contains("社区矫正帮教").contains("APP");
    assertThat(refused.json().get("allowed").get(0).asText()).isEqualTo("DOOR_TO_DOOR");
    Map<String, Object> atTheDoor = anOrder(residentId, "DOOR_TO_DOOR");
    atTheDoor.put("type", "COMMUNITY_CORRECTION");
    var placed = worker.post(base() + "/orders", atTheDoor);
    assertThat(placed.status()).isEqualTo(201);
    // a social worker's item, never an organisation's: the dispatcher leaves it to the community
    String orderId = placed.json().get("orderId").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(dispatch(orderId).get("state").asText()).isEqualTo("MANUAL"));
  }

  // ---- organisations, the menu, workers and dispatch (三社联动) ----

  static final String HPL_02 = "C-HPL-02";
  static final String HPL_03 = "C-HPL-03";
  static final String DZM_01 = "C-DZM-01";
  private static boolean placesKnown;

  @DynamicPropertySource
  static void dispatchQuickly(DynamicPropertyRegistry registry) {
    registry.add("fourinone.sanshe.dispatch.accept-within", () -> "3s");
    registry.add("fourinone.sanshe.dispatch.interval", () -> "300ms");
    registry.add("fourinone.sanshe.statistics.refresh-interval", () -> "1s");
  }

  @BeforeEach
  void places() throws Exception {
    if (!placesKnown) {
      aKnownCommunity(HPL_02, STREET_HPL);
      aKnownCommunity(HPL_03, STREET_HPL);
      aKnownCommunity(DZM_01, "S-DZM");
      placesKnown = true;
    }
  }

  static final String STREET_HPL = "S-HPL";

  private Http staffOf(String organisationId) {
    return as(
        TestTokens.of("ORGANISATION_STAFF", "staff-" + organisationId.toLowerCase())
            .with("organisation_id", organisationId));
  }

  private String register(Map<String, Object> body) {
    var created = admin().post(base() + "/organisations", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("organisationId").asText();
  }

  private void offer(String organisationId, String item, Map<String, Object> offer) {
    var published =
        staffOf(organisationId)
            .put(base() + "/organisations/" + organisationId + "/offers/" + item, offer);
    assertThat(published.status()).as(published.text()).isEqualTo(200);
  }

  private void registerWorker(String workerId, String organisationId) {
    var created =
        admin()
            .post(
                base() + "/social-workers",
                Map.of(
                    "workerId",
                    workerId,
                    "name",
                    "社工" + workerId,
                    "kind",
                    "SOCIAL_WORKER",
                    "employer",
                    Map.of("type", "ORGANISATION", "id", organisationId),
                    "joinedOn",
                    "2024-05-01"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }

  private JsonNode order(String orderId) {
    return admin().get(base() + "/orders/" + orderId).json();
  }

  private JsonNode dispatch(String orderId) {
    return admin().get(base() + "/dispatches/" + orderId).json();
  }

  private String placeMenuOrder(String residentId, String community, String item) {
    Map<String, Object> body = anOrder(residentId, "APP");
    body.put("type", item);
    var placed =
        as(TestTokens.resident(residentId, community, STREET_HPL)).post(base() + "/orders", body);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    return placed.json().get("orderId").asText();
  }

  private static List<String> notes(JsonNode order) {
    List<String> notes = new ArrayList<>();
    order
        .get("timeline")
        .forEach(e -> notes.add(e.get("action").asText() + ":" + e.path("note").asText("")));
    return notes;
  }

  @Test
  void
      dispatchesAMenuOrderReDispatchesWhenTheOfferTimesOutAndTheChosenOrganisationsWorkerCompletesIt()
          throws Exception {
    String first = register(Organisations.anAgency("ORG-TA" + randomChars(6), STREET_HPL));
    String second = register(Organisations.anAgency("ORG-TB" + randomChars(6), STREET_HPL));
    offer(first, "HOME_CARE", Organisations.anOffer(20, HPL_02));
    offer(second, "HOME_CARE", Organisations.anOffer(10, HPL_02, HPL_03));
    String ownWorker = "sw-b-" + randomChars(6).toLowerCase();
    String otherWorker = "sw-a-" + randomChars(6).toLowerCase();
    registerWorker(ownWorker, second);
    registerWorker(otherWorker, first);
    String residentId = aKnownResident(HPL_02, STREET_HPL);

    String orderId = placeMenuOrder(residentId, HPL_02, "HOME_CARE");
    // the menu item asks for a volunteer companion: carried on the order for the volunteer system
    assertThat(order(orderId).get("volunteerWanted").get("skill").asText())
        .isEqualTo("ELDERLY_COMPANION");
    // equal stars, neither dispatched to before: the first by id; accepted by the system
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode o = order(orderId);
              assertThat(o.get("status").asText()).isEqualTo("ASSIGNED");
              assertThat(o.get("assignment").get("assignee").asText()).isEqualTo(first);
            });
    assertThat(notes(order(orderId))).anyMatch(n -> n.startsWith("ACCEPTED:按服务菜单自动受理"));
    // nobody at the first organisation accepts within 3 s: it goes to the second
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(order(orderId).get("assignment").get("assignee").asText())
                    .isEqualTo(second));
    assertThat(notes(order(orderId))).anyMatch(n -> n.contains("超时未接单，改派"));
    // the first may no longer accept it, nor see it
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(dispatch(orderId).get("organisationId").asText()).isEqualTo(second));
    assertThat(
            staffOf(first).post(base() + "/dispatches/" + orderId + "/accept", Map.of()).status())
        .isEqualTo(404);
    assertThat(staffOf(first).get(base() + "/orders/" + orderId).status()).isEqualTo(404);

    var accepted = staffOf(second).post(base() + "/dispatches/" + orderId + "/accept", Map.of());
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    assertThat(accepted.json().get("state").asText()).isEqualTo("ACCEPTED");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(notes(order(orderId)))
                    .anyMatch(n -> n.startsWith("NOTED:") && n.endsWith("已接单")));
    assertThat(
            staffOf(second).post(base() + "/dispatches/" + orderId + "/accept", Map.of()).status())
        .isEqualTo(409);

    // a worker of the other organisation: 422, nothing written
    long before = order(orderId).get("sequence").asLong();
    var wrong =
        staffOf(second)
            .post(base() + "/dispatches/" + orderId + "/worker", Map.of("workerId", otherWorker));
    assertThat(wrong.status()).as(wrong.text()).isEqualTo(422);
    assertThat(wrong.json().get("code").asText())
        .isEqualTo("sanshe.worker-of-another-organisation");
    var unknown =
        staffOf(second)
            .post(base() + "/dispatches/" + orderId + "/worker", Map.of("workerId", "nobody-1"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(order(orderId).get("sequence").asLong()).isEqualTo(before);

    var assigned =
        staffOf(second)
            .post(
                base() + "/dispatches/" + orderId + "/worker",
                Map.of("workerId", ownWorker, "note", "陈社工明早上门"));
    assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
    JsonNode withWorker = order(orderId);
    assertThat(withWorker.get("assignment").get("assigneeType").asText())
        .isEqualTo("SOCIAL_WORKER");
    assertThat(withWorker.get("assignment").get("organisationId").asText()).isEqualTo(second);

    // the worker, whatever community their token names, acts on what is assigned to them
    Http worker = as(TestTokens.worker("SOCIAL_WORKER", ownWorker, DZM_01, "S-DZM"));
    assertThat(worker.post(base() + "/orders/" + orderId + "/start", Map.of()).status())
        .isEqualTo(200);
    assertThat(
            worker
                .post(base() + "/orders/" + orderId + "/complete", Map.of("note", "已完成照护"))
                .status())
        .isEqualTo(200);
    // another social worker of that community: the order is not theirs
    assertThat(
            as(TestTokens.worker("SOCIAL_WORKER", "sw-x", DZM_01, "S-DZM"))
                .get(base() + "/orders/" + orderId)
                .status())
        .isEqualTo(404);
    // the organisation still sees the order its worker did
    assertThat(staffOf(second).get(base() + "/orders/" + orderId).status()).isEqualTo(200);
    var rated =
        as(TestTokens.resident(residentId, HPL_02, STREET_HPL))
            .post(base() + "/orders/" + orderId + "/rate", Map.of("level", "SATISFIED"));
    assertThat(rated.status()).as(rated.text()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode d = dispatch(orderId);
              assertThat(d.get("state").asText()).isEqualTo("COMPLETED");
              assertThat(d.get("history").findValuesAsString("outcome"))
                  .containsExactly("OFFERED", "TIMED_OUT", "OFFERED", "ACCEPTED");
            });
  }

  @Test
  void aDeclinedOfferGoesToTheNextAtOnceAndWithNobodyLeftTheCommunityDispatchesByHand()
      throws Exception {
    String first = register(Organisations.anAgency("ORG-TC" + randomChars(6), STREET_HPL));
    String second = register(Organisations.anAgency("ORG-TD" + randomChars(6), STREET_HPL));
    offer(first, "LEGAL_ADVICE", Organisations.anOffer(5, HPL_03));
    offer(second, "LEGAL_ADVICE", Organisations.anOffer(5, HPL_03));
    String residentId = aKnownResident(HPL_03, STREET_HPL);
    String orderId = placeMenuOrder(residentId, HPL_03, "LEGAL_ADVICE");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(dispatch(orderId).get("state").asText()).isEqualTo("OFFERED"));
    String offeredTo = dispatch(orderId).get("organisationId").asText();
    String other = offeredTo.equals(first) ? second : first;
    var declined =
        staffOf(offeredTo)
            .post(base() + "/dispatches/" + orderId + "/decline", Map.of("reason", "本周律师已排满"));
    assertThat(declined.status()).as(declined.text()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(order(orderId).get("assignment").get("assignee").asText())
                    .isEqualTo(other));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(dispatch(orderId).get("organisationId").asText()).isEqualTo(other));
    assertThat(
            staffOf(other).post(base() + "/dispatches/" + orderId + "/decline", Map.of()).status())
        .isEqualTo(400);
    assertThat(
            staffOf(other)
                .post(base() + "/dispatches/" + orderId + "/decline", Map.of("reason", "不在服务范围"))
                .status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(dispatch(orderId).get("state").asText()).isEqualTo("UNSERVED");
              assertThat(notes(order(orderId)))
                  .anyMatch(n -> n.contains("婉拒派单：本周律师已排满"))
                  .anyMatch(n -> n.contains("请社区人工派单"));
            });
    // the community worker dispatches it by hand, to anyone the registry knows
    Http hpl03 = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-03", HPL_03, STREET_HPL));
    var byHand =
        hpl03.post(
            base() + "/orders/" + orderId + "/assign",
            Map.of("assigneeType", "ORGANISATION", "assignee", "ORG-NOT-REGISTERED"));
    assertThat(byHand.status()).as(byHand.text()).isEqualTo(422);
    assertThat(byHand.json().get("code").asText()).isEqualTo("sanshe.organisation-unknown");
    assertThat(
            hpl03
                .post(
                    base() + "/orders/" + orderId + "/assign",
                    Map.of("assigneeType", "ORGANISATION", "assignee", first))
                .status())
        .isEqualTo(200);
    // the board: each organisation sees its own, another community's worker nothing of it
    assertThat(
            staffOf(first)
                .get(base() + "/dispatches")
                .json()
                .get("items")
                .findValuesAsString("orderId"))
        .contains(orderId);
    assertThat(
            as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", DZM_01, "S-DZM"))
                .get(base() + "/dispatches/" + orderId)
                .status())
        .isEqualTo(404);
  }

  @Test
  void refusesBadOrganisationsWithAClearProblemAndWritesNothing() {
    long before = database().getCollection("organisations").countDocuments();
    Map<String, Object> good = Organisations.anAgency(Organisations.anId(), STREET_HPL);
    String code = (String) good.get("creditCode");
    char wrong = code.charAt(17) == '0' ? '1' : '0';
    Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
    bad.put(
        "sanshe.credit-code-invalid",
        Organisations.with(good, "creditCode", code.substring(0, 17) + wrong));
    bad.put("sanshe.credit-code-kind-mismatch", Organisations.with(good, "kind", "FOUNDATION"));
    bad.put(
        "sanshe.unknown-category",
        Organisations.with(good, "serviceDomains", List.of("ASTROLOGY")));
    bad.put(
        "sanshe.self-kind-only-for-community",
        Organisations.with(good, "selfKind", "SELF_GOVERNING"));
    bad.put("request.invalid-enum", Organisations.with(good, "kind", "COMPANY"));
    bad.put("sanshe.unknown-street", Organisations.with(good, "homeStreetId", "S-NOWHERE"));
    bad.put(
        "sanshe.filing-number-required",
        Organisations.with(
            Organisations.with(
                Organisations.with(good, "kind", "COMMUNITY_ORGANISATION"),
                "selfKind",
                "VOLUNTEER"),
            "creditCode",
            null));
    bad.forEach(
        (expected, body) -> {
          var refused = admin().post(base() + "/organisations", body);
          assertThat(refused.status()).as(expected + ": " + refused.text()).isIn(400, 422);
          assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
          assertThat(refused.json().get("code").asText()).as(refused.text()).isEqualTo(expected);
        });
    var english =
        admin()
            .post(
                base() + "/organisations",
                bad.get("sanshe.credit-code-invalid"),
                "Accept-Language",
                "en");
    assertThat(english.json().get("detail").asText()).contains("check character");
    assertThat(english.json().get("field").asText()).isEqualTo("creditCode");
    // an operator where a name belongs
    var injected =
        admin()
            .post(base() + "/organisations", Organisations.with(good, "name", Map.of("$gt", "")));
    assertThat(injected.status()).isEqualTo(400);
    var badId =
        admin()
            .post(
                base() + "/organisations",
                Organisations.with(
                    good,
                    "legalRepresentative",
                    Map.of(
                        "name",
                        "孙丽",
                        "idNumber",
                        org.fourinone.testing.IdNumbers.withBadChecksum(),
                        "phone",
                        "13800138000")));
    assertThat(badId.json().get("field").asText()).isEqualTo("legalRepresentative.idNumber");
    assertThat(database().getCollection("organisations").countDocuments()).isEqualTo(before);

    String id = register(good);
    var again =
        admin()
            .post(
                base() + "/organisations",
                Organisations.with(good, "organisationId", Organisations.anId()));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("organisationId").asText()).isEqualTo(id);
    // offers: an unknown item, a negative price, no capacity
    Http staff = staffOf(id);
    String offers = base() + "/organisations/" + id + "/offers/";
    assertThat(
            staff
                .put(offers + "FORTUNE_TELLING", Organisations.anOffer(5, HPL_02))
                .json()
                .get("code")
                .asText())
        .isEqualTo("sanshe.unknown-item");
    assertThat(
            staff
                .put(
                    offers + "HOME_CARE",
                    Map.of("price", -1, "capacityPerWeek", 5, "communities", List.of(HPL_02)))
                .status())
        .isEqualTo(400);
    assertThat(staff.put(offers + "HOME_CARE", Organisations.anOffer(0, HPL_02)).status())
        .isEqualTo(400);
    assertThat(
            staff
                .put(offers + "HOME_CARE", Organisations.anOffer(5, "C-NOWHERE"))
                .json()
                .get("code")
                .asText())
        .isEqualTo("sanshe.unknown-community");
    assertThat(
            staffOf(Organisations.anId())
                .put(offers + "HOME_CARE", Organisations.anOffer(5, HPL_02))
                .status())
        .isEqualTo(404);
    assertThat(admin().get(base() + "/organisations/" + id).json().get("offers").size()).isZero();
  }

  @Test
  void keepsTheLegalRepresentativesNumbersEncryptedAndShowsEachCallerOnlyTheirScope() {
    Map<String, Object> body = Organisations.anAgency(Organisations.anId(), STREET_HPL);
    @SuppressWarnings("unchecked")
    String idNumber = ((Map<String, String>) body.get("legalRepresentative")).get("idNumber");
    String id = register(body);
    offer(id, "PSYCHOLOGICAL_COUNSELLING", Organisations.anOffer(5, HPL_02));
    String stored =
        database()
            .getCollection("organisations")
            .find(new org.bson.Document("_id", id))
            .first()
            .toJson();
    assertThat(stored).doesNotContain(idNumber);
    JsonNode shown = admin().get(base() + "/organisations/" + id).json();
    assertThat(shown.get("legalRepresentative").get("idNumberMasked").asText()).contains("*");
    assertThat(shown.toString()).doesNotContain(idNumber);
    var clear = staffOf(id).get(base() + "/organisations/" + id + "/legal-representative");
    assertThat(clear.json().get("idNumber").asText()).isEqualTo(idNumber);
    assertThat(clear.header("Cache-Control")).contains("no-store");
    assertThat(
            database()
                .getCollection("audit_log")
                .countDocuments(
                    new org.bson.Document("action", "ORGANISATION_PERSONAL_DATA_READ")
                        .append("targetId", id)))
        .isEqualTo(1);
    Http hpl02 = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-02", HPL_02, STREET_HPL));
    Http dzm01 = as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", DZM_01, "S-DZM"));
    assertThat(hpl02.get(base() + "/organisations/" + id).status()).isEqualTo(200);
    assertThat(hpl02.get(base() + "/organisations/" + id + "/legal-representative").status())
        .isEqualTo(403);
    assertThat(dzm01.get(base() + "/organisations/" + id).status()).isEqualTo(404);
    assertThat(
            dzm01
                .get(base() + "/organisations?size=100")
                .json()
                .get("items")
                .findValuesAsString("organisationId"))
        .doesNotContain(id);
    assertThat(
            as(TestTokens.of("STREET_OFFICER", "street-hpl").with("street_id", STREET_HPL))
                .get(base() + "/organisations/" + id)
                .status())
        .isEqualTo(200);
    assertThat(
            as(TestTokens.of("STREET_OFFICER", "street-dzm").with("street_id", "S-DZM"))
                .get(base() + "/organisations/" + id)
                .status())
        .isEqualTo(404);
    assertThat(staffOf(Organisations.anId()).get(base() + "/organisations/" + id).status())
        .isEqualTo(404);
    assertThat(as(TestTokens.of("VOLUNTEER", "v-1")).get(base() + "/organisations/" + id).status())
        .isEqualTo(403);
    // only the district registers, and the street files community organisations of its own street
    assertThat(
            hpl02
                .post(
                    base() + "/organisations",
                    Organisations.anAgency(Organisations.anId(), STREET_HPL))
                .status())
        .isEqualTo(403);
    assertThat(
            as(TestTokens.of("STREET_OFFICER", "street-hpl").with("street_id", STREET_HPL))
                .post(
                    base() + "/organisations",
                    Organisations.anAgency(Organisations.anId(), STREET_HPL))
                .status())
        .isEqualTo(403);
    // suspension by the district, with who and why; a suspended organisation gets no orders
    var suspended =
        admin()
            .post(
                base() + "/organisations/" + id + "/status",
                Map.of("status", "SUSPENDED", "reason", "年检未通过"));
    assertThat(suspended.json().get("statusHistory").get(1).get("by").asText()).isEqualTo("admin");
    assertThat(
            staffOf(id)
                .post(
                    base() + "/organisations/" + id + "/status",
                    Map.of("status", "ACTIVE", "reason", "x"))
                .status())
        .isEqualTo(403);
    assertThat(
            admin()
                .post(
                    base() + "/organisations/" + id + "/status",
                    Map.of("status", "INCUBATING", "reason", "x"))
                .status())
        .isEqualTo(409);
    // the menu a resident of that community sees no longer lists the suspended one
    JsonNode menu =
        as(TestTokens.resident("R-0000000009", HPL_02, STREET_HPL)).get(base() + "/menu").json();
    assertThat(menu.get("categories").asInt()).isEqualTo(12);
    assertThat(menu.get("items").asInt()).isEqualTo(120);
    assertThat(menu.toString()).doesNotContain(id);
  }

  @Test
  void keepsSocialWorkersFilesWithTheirLadderGradeQualificationAndHistory() {
    String id = register(Organisations.anAgency(Organisations.anId(), STREET_HPL));
    String workerId = "sw-" + randomChars(8).toLowerCase();
    Http staff = staffOf(id);
    var created =
        staff.post(
            base() + "/social-workers",
            Map.of(
                "workerId",
                workerId,
                "name",
                "陈静",
                "kind",
                "SOCIAL_WORKER",
                "employer",
                Map.of("type", "ORGANISATION", "id", id, "communityId", HPL_02),
                "post",
                Map.of("category", "STAFF", "grade", 3),
                "joinedOn",
                "2023-09-01"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("post").get("monthlyPay").decimalValue())
        .isEqualByComparingTo("3300.00");
    var qualified =
        staff.post(
            base() + "/social-workers/" + workerId + "/qualification",
            Map.of("level", "INTERMEDIATE", "certificateNumber", "SW2024110101", "year", 2024));
    assertThat(qualified.json().get("monthlyAllowance").decimalValue()).isEqualByComparingTo("200");
    staff.post(
        base() + "/social-workers/" + workerId + "/trainings",
        Map.of("title", "老年社会工作实务", "hours", 24, "date", "2025-04-10"));
    var trained =
        staff.post(
            base() + "/social-workers/" + workerId + "/trainings",
            Map.of("title", "危机干预", "hours", 12.5, "date", "2025-06-02"));
    assertThat(trained.json().get("trainingHours").decimalValue()).isEqualByComparingTo("36.5");
    var tooHigh =
        staff.post(
            base() + "/social-workers",
            Map.of(
                "workerId",
                "sw-" + randomChars(8).toLowerCase(),
                "name",
                "王",
                "kind",
                "SOCIAL_WORKER",
                "employer",
                Map.of("type", "ORGANISATION", "id", id),
                "post",
                Map.of("category", "STAFF", "grade", 14),
                "joinedOn",
                "2023-09-01"));
    assertThat(tooHigh.status()).isEqualTo(422);
    assertThat(tooHigh.json().get("code").asText()).isEqualTo("sanshe.grade-outside-post");
    assertThat(
            staff
                .post(
                    base() + "/social-workers/" + workerId + "/qualification",
                    Map.of("level", "MASTER", "certificateNumber", "SW2024110101", "year", 2024))
                .status())
        .isEqualTo(400);
    // another organisation neither sees nor keeps the file; the worker reads their own
    assertThat(staffOf(Organisations.anId()).get(base() + "/social-workers/" + workerId).status())
        .isEqualTo(404);
    assertThat(
            as(TestTokens.worker("SOCIAL_WORKER", workerId, DZM_01, "S-DZM"))
                .get(base() + "/social-workers/" + workerId)
                .status())
        .isEqualTo(200);
    assertThat(
            as(TestTokens.worker("SOCIAL_WORKER", workerId, DZM_01, "S-DZM"))
                .post(base() + "/social-workers/" + workerId + "/leave", Map.of("reason", "x"))
                .status())
        .isEqualTo(403);
    var left =
        staff.post(base() + "/social-workers/" + workerId + "/leave", Map.of("reason", "合同期满"));
    assertThat(left.json().get("history").findValuesAsString("change"))
        .containsExactly("JOINED", "QUALIFIED", "LEFT");
    assertThat(admin().get(base() + "/career-ladder").json().get("coefficients").size())
        .isEqualTo(18);
  }

  private void fulfil(
      String orderId, String organisationId, String workerId, String residentId, String level) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode d = dispatch(orderId);
              assertThat(d.get("state").asText()).isEqualTo("OFFERED");
              assertThat(d.get("organisationId").asText()).isEqualTo(organisationId);
            });
    var assigned =
        staffOf(organisationId)
            .post(base() + "/dispatches/" + orderId + "/worker", Map.of("workerId", workerId));
    assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
    Http worker = as(TestTokens.worker("SOCIAL_WORKER", workerId, HPL_02, STREET_HPL));
    assertThat(worker.post(base() + "/orders/" + orderId + "/start", Map.of()).status())
        .isEqualTo(200);
    assertThat(worker.post(base() + "/orders/" + orderId + "/complete", Map.of()).status())
        .isEqualTo(200);
    assertThat(
            as(TestTokens.resident(residentId, HPL_02, STREET_HPL))
                .post(base() + "/orders/" + orderId + "/rate", Map.of("level", level))
                .status())
        .isEqualTo(200);
  }

  private JsonNode entryOf(JsonNode round, String organisationId) {
    for (JsonNode entry : round.get("entries")) {
      if (entry.get("organisationId").asText().equals(organisationId)) {
        return entry;
      }
    }
    throw new AssertionError(organisationId + " not in " + round);
  }

  private JsonNode runRound(int year, List<String> organisations, Runnable beforeScoring) {
    String round = base() + "/evaluation-rounds/EVAL-" + year;
    assertThat(admin().post(base() + "/evaluation-rounds", Map.of("year", year)).status())
        .isEqualTo(201);
    assertThat(admin().post(base() + "/evaluation-rounds", Map.of("year", year)).status())
        .isEqualTo(409);
    Http community = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-02", HPL_02, STREET_HPL));
    Http street = as(TestTokens.of("STREET_OFFICER", "street-hpl").with("street_id", STREET_HPL));
    for (String organisation : organisations) {
      var recommended =
          community.post(
              round + "/recommendations",
              Map.of("organisationId", organisation, "influence", 80, "activitiesHeld", 6));
      assertThat(recommended.status()).as(recommended.text()).isEqualTo(200);
    }
    assertThat(
            community
                .post(
                    round + "/recommendations",
                    Map.of(
                        "organisationId",
                        organisations.get(0),
                        "influence",
                        80,
                        "activitiesHeld",
                        6))
                .status())
        .isEqualTo(409);
    // the street cannot review before the stage, nor another street ever
    assertThat(
            street
                .post(
                    round + "/entries/" + organisations.get(0) + "/street-review",
                    Map.of("approved", true))
                .status())
        .isEqualTo(409);
    assertThat(admin().post(round + "/stage", Map.of("stage", "STREET_REVIEW")).status())
        .isEqualTo(200);
    assertThat(
            as(TestTokens.of("STREET_OFFICER", "street-dzm").with("street_id", "S-DZM"))
                .post(
                    round + "/entries/" + organisations.get(0) + "/street-review",
                    Map.of("approved", true))
                .status())
        .isEqualTo(404);
    for (String organisation : organisations) {
      assertThat(
              street
                  .post(
                      round + "/entries/" + organisation + "/street-review",
                      Map.of("approved", true, "note", "材料齐全"))
                  .status())
          .isEqualTo(200);
    }
    beforeScoring.run();
    assertThat(admin().post(round + "/stage", Map.of("stage", "PUBLISHED")).status())
        .isEqualTo(409);
    assertThat(admin().post(round + "/stage", Map.of("stage", "DISTRICT_REVIEW")).status())
        .isEqualTo(200);
    for (String organisation : organisations) {
      assertThat(
              admin()
                  .post(
                      round + "/entries/" + organisation + "/district-review",
                      Map.of("approved", true))
                  .status())
          .isEqualTo(200);
    }
    assertThat(admin().post(round + "/stage", Map.of("stage", "PUBLIC_NOTICE")).status())
        .isEqualTo(200);
    var published = admin().post(round + "/stage", Map.of("stage", "PUBLISHED"));
    assertThat(published.status()).as(published.text()).isEqualTo(200);
    return published.json();
  }

  @Test
  void scoresTheYearsRoundFromTheResidentsRatingsAndProposesTheTwiceLowForElimination()
      throws Exception {
    int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
    String poor = register(Organisations.anAgency("ORG-TE1" + randomChars(6), STREET_HPL));
    String good = register(Organisations.anAgency("ORG-TE2" + randomChars(6), STREET_HPL));
    offer(poor, "DAY_CARE", Organisations.anOffer(10, HPL_02));
    offer(good, "DAY_CARE", Organisations.anOffer(10, HPL_02));
    String poorWorker = "sw-e1-" + randomChars(6).toLowerCase();
    String goodWorker = "sw-e2-" + randomChars(6).toLowerCase();
    registerWorker(poorWorker, poor);
    registerWorker(goodWorker, good);
    // last year's round: neither had orders then
    JsonNode lastYear = runRound(year - 1, List.of(poor, good), () -> {});
    assertThat(entryOf(lastYear, poor).get("score").get("total").asDouble()).isLessThan(60);

    String residentId = aKnownResident(HPL_02, STREET_HPL);
    fulfil(
        placeMenuOrder(residentId, HPL_02, "DAY_CARE"),
        poor,
        poorWorker,
        residentId,
        "VERY_DISSATISFIED");
    // the other is now the one dispatched to least recently
    fulfil(
        placeMenuOrder(residentId, HPL_02, "DAY_CARE"),
        good,
        goodWorker,
        residentId,
        "VERY_SATISFIED");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                database()
                        .getCollection("organisation_fulfilment")
                        .countDocuments(
                            new org.bson.Document(
                                    "_id", new org.bson.Document("$in", List.of(poor, good)))
                                .append("ratings", new org.bson.Document("$exists", true)))
                    == 2);
    // the party system reports the party check-up by event (三三三: with the annual inspection)
    partyCheckReported(good, year, 1, false, 3);
    partyCheckReported(good, year, 2, true, 12);
    partyCheckReported(good, year, 1, false, 3); // redelivered, older: changes nothing
    partyCheckReported("ORG-NOT-REGISTERED", year, 1, true, 1); // unknown here: changes nothing
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        admin()
                            .get(base() + "/organisations/" + good)
                            .json()
                            .get("inspections")
                            .get(String.valueOf(year))
                            .get("partyCheck")
                            .get("activities")
                            .asInt())
                    .isEqualTo(12));
    // by hand, where the district has no party system yet: party staff only
    assertThat(
            as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-02", HPL_02, STREET_HPL))
                .post(
                    base() + "/organisations/" + poor + "/party-checks",
                    Map.of("year", year, "hasBranch", true, "activities", 1))
                .status())
        .isEqualTo(403);
    assertThat(
            admin()
                .post(
                    base() + "/organisations/" + good + "/inspections",
                    Map.of("year", year, "result", "PASSED"))
                .status())
        .isEqualTo(200);

    JsonNode round = runRound(year, List.of(poor, good), () -> {});
    JsonNode poorEntry = entryOf(round, poor);
    JsonNode goodEntry = entryOf(round, good);
    // every score shows its parts; the residents' 好差评 is one of them
    Map<String, JsonNode> poorParts = new LinkedHashMap<>();
    poorEntry.get("score").get("parts").forEach(p -> poorParts.put(p.get("name").asText(), p));
    Map<String, JsonNode> goodParts = new LinkedHashMap<>();
    goodEntry.get("score").get("parts").forEach(p -> goodParts.put(p.get("name").asText(), p));
    assertThat(poorParts.keySet())
        .containsExactly("partyBuilding", "vitality", "influence", "satisfaction");
    assertThat(poorParts.get("satisfaction").get("value").asDouble()).isZero();
    assertThat(goodParts.get("satisfaction").get("value").asDouble()).isEqualTo(100);
    assertThat(poorParts.get("vitality").get("inputs").get("ordersCompleted").asInt()).isEqualTo(1);
    assertThat(goodParts.get("partyBuilding").get("value").asDouble()).isEqualTo(100);
    assertThat(goodEntry.get("score").get("total").asDouble())
        .isEqualTo(
            poorEntry.get("score").get("total").asDouble() + 25 + 20,
            org.assertj.core.data.Offset.offset(0.02));
    assertThat(admin().get(base() + "/organisations/" + good).json().get("stars").asInt())
        .isEqualTo(goodEntry.get("stars").asInt());
    // its events: registered, one offer published, then the rating of each of the two rounds
    List<EventEnvelope> published = eventsOf("sanshe.organisations.v1", good, 4);
    assertThat(published.subList(2, 4))
        .extracting(EventEnvelope::type)
        .containsOnly("org.fourinone.sanshe.organisation.rated.v1");
    // below 60 this year and last: proposed; the decision records who and why
    assertThat(poorEntry.get("eliminationProposed").asBoolean()).isTrue();
    assertThat(goodEntry.get("eliminationProposed").asBoolean()).isFalse();
    String roundPath = base() + "/evaluation-rounds/EVAL-" + year;
    assertThat(
            admin()
                .post(
                    roundPath + "/entries/" + good + "/elimination",
                    Map.of("eliminate", true, "reason", "x"))
                .status())
        .isEqualTo(409);
    assertThat(
            staffOf(poor)
                .post(
                    roundPath + "/entries/" + poor + "/elimination",
                    Map.of("eliminate", true, "reason", "x"))
                .status())
        .isEqualTo(403);
    var decided =
        admin()
            .post(
                roundPath + "/entries/" + poor + "/elimination",
                Map.of("eliminate", true, "reason", "连续两年评分低于60分，居民满意度低"));
    assertThat(decided.status()).as(decided.text()).isEqualTo(200);
    assertThat(decided.json().get("elimination").get("by").asText()).isEqualTo("admin");
    JsonNode eliminated = admin().get(base() + "/organisations/" + poor).json();
    assertThat(eliminated.get("status").asText()).isEqualTo("ELIMINATED");
    assertThat(
            eliminated
                .get("statusHistory")
                .get(eliminated.get("statusHistory").size() - 1)
                .get("reason")
                .asText())
        .contains("连续两年");
    // the community's figures: aggregated, with the residents' 好差评 per organisation
    Http hpl02 = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-02", HPL_02, STREET_HPL));
    JsonNode figures = hpl02.get(base() + "/statistics").json();
    assertThat(figures.get("scope").get("communityId").asText()).isEqualTo(HPL_02);
    Map<String, Double> averages = new LinkedHashMap<>();
    figures
        .get("satisfactionByOrganisation")
        .forEach(x -> averages.put(x.get("key").asText(), x.get("average").asDouble()));
    assertThat(averages).containsEntry(poor, 1.0).containsEntry(good, 5.0);
    assertThat(figures.get("timeToAccept").get("count").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(figures.get("timeToComplete").get("medianMinutes").isNumber()).isTrue();
    assertThat(figures.get("ordersBy").get("byItem").findValuesAsString("key")).contains("日间照料");
    assertThat(figures.get("socialWorkers").get("byKind").findValuesAsString("key"))
        .contains("SOCIAL_WORKER");
    assertThat(hpl02.get(base() + "/statistics?communityId=" + DZM_01).status()).isEqualTo(403);
    assertThat(as(TestTokens.of("VOLUNTEER", "v-1")).get(base() + "/statistics").status())
        .isEqualTo(403);
    var export =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:"
                                + port
                                + base()
                                + "/statistics/export?streetId="
                                + STREET_HPL))
                    .header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.of("DISTRICT_ADMIN", "admin")))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Disposition").orElse(""))
        .contains("sanshe-statistics-S-HPL-");
    try (var book =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(
            new java.io.ByteArrayInputStream(export.body()))) {
      assertThat(book.getSheet("满意度").getPhysicalNumberOfRows()).isGreaterThanOrEqualTo(3);
      assertThat(book.getSheetAt(0).getRow(1).getCell(1).getStringCellValue())
          .isEqualTo(STREET_HPL);
    }
    // an organisation sees only its own entry
    assertThat(
            staffOf(good).get(roundPath).json().get("entries").findValuesAsString("organisationId"))
        .containsExactly(good);
  }

  /**
   * The events of one aggregate on a topic, each checked against its JSON Schema in docs/events.
   */
  private static List<EventEnvelope> eventsOf(String topic, String key, int count) {
    try (var consumer = TestInfrastructure.consumer(topic)) {
      var records =
          TestInfrastructure.poll(
              consumer, r -> key.equals(r.key()), count, Duration.ofSeconds(30));
      assertThat(records).as("events of %s on %s", key, topic).hasSize(count);
      List<EventEnvelope> events = new ArrayList<>();
      for (var record : records) {
        EventEnvelope event = CloudEventCodec.fromRecord(record);
        assertThat(EventSchemas.violations(event.type(), event.data())).as(event.type()).isEmpty();
        assertThat(
                PersonalDataScanner.findings(
                    new String(event.data(), java.nio.charset.StandardCharsets.UTF_8)))
            .as(event.type())
            .isEmpty();
        assertThat(event.subject()).isEqualTo(key);
        events.add(event);
      }
      return events;
    }
  }

  @Test
  void publishesEveryChangeOfTheRegistryAndTheWorkersFilesAsEventsTheSchemasAccept() {
    Map<String, Object> filed =
        Organisations.with(
            Organisations.with(
                Organisations.with(
                    Organisations.with(
                        Organisations.anAgency(Organisations.anId(), STREET_HPL),
                        "kind",
                        "COMMUNITY_ORGANISATION"),
                    "selfKind",
                    "SELF_ENTERTAINING"),
                "creditCode",
                null),
            "filingNumber",
            "BA-S-HPL-2026-" + randomChars(4));
    filed.put("homeCommunityId", HPL_02);
    filed.put("status", "INCUBATING");
    // the street files the community organisations of its own street
    var byStreet =
        as(TestTokens.of("STREET_OFFICER", "street-hpl").with("street_id", STREET_HPL))
            .post(base() + "/organisations", filed);
    assertThat(byStreet.status()).as(byStreet.text()).isEqualTo(201);
    String id = byStreet.json().get("organisationId").asText();
    assertThat(
            admin()
                .post(
                    base() + "/organisations/" + id + "/status",
                    Map.of("status", "ACTIVE", "reason", "孵化期满"))
                .status())
        .isEqualTo(200);
    offer(id, "CHOIR_REHEARSAL", Organisations.anOffer(3, HPL_02));
    assertThat(
            staffOf(id)
                .delete(base() + "/organisations/" + id + "/offers/CHOIR_REHEARSAL")
                .status())
        .isEqualTo(200);
    assertThat(
            admin()
                .post(
                    base() + "/organisations/" + id + "/status",
                    Map.of("status", "ELIMINATED", "reason", "连续两年未年检"))
                .status())
        .isEqualTo(200);
    assertThat(eventsOf("sanshe.organisations.v1", id, 5).stream().map(EventEnvelope::type))
        .containsExactly(
            "org.fourinone.sanshe.organisation.registered.v1",
            "org.fourinone.sanshe.organisation.status-changed.v1",
            "org.fourinone.sanshe.offer.published.v1",
            "org.fourinone.sanshe.offer.withdrawn.v1",
            "org.fourinone.sanshe.organisation.eliminated.v1");

    String employer = register(Organisations.anAgency(Organisations.anId(), STREET_HPL));
    String workerId = "sw-" + randomChars(8).toLowerCase();
    registerWorker(workerId, employer);
    admin()
        .post(
            base() + "/social-workers/" + workerId + "/qualification",
            Map.of("level", "ASSISTANT", "certificateNumber", "SW20251234", "year", 2025));
    admin()
        .post(
            base() + "/social-workers/" + workerId + "/trainings",
            Map.of("title", "社区矫正实务", "hours", 8, "date", "2025-05-05"));
    var moved =
        admin()
            .post(
                base() + "/social-workers/" + workerId + "/transfer",
                Map.of(
                    "employer",
                    Map.of("type", "COMMUNITY", "id", HPL_02),
                    "post",
                    Map.of("category", "DEPUTY", "grade", 5),
                    "reason",
                    "调入社区"));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    assertThat(
            admin()
                .post(base() + "/social-workers/" + workerId + "/leave", Map.of("reason", "退休"))
                .status())
        .isEqualTo(200);
    // training is kept in the file, not published
    assertThat(eventsOf("sanshe.social-workers.v1", workerId, 4).stream().map(EventEnvelope::type))
        .containsExactly(
            "org.fourinone.sanshe.social-worker.registered.v1",
            "org.fourinone.sanshe.social-worker.qualified.v1",
            "org.fourinone.sanshe.social-worker.transferred.v1",
            "org.fourinone.sanshe.social-worker.left.v1");
  }

  @Test
  void keepsTheCommunitysFileAndAppraisesItsWorkersProposingAGradeChange() {
    int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
    Http hpl02 = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-02", HPL_02, STREET_HPL));
    String workerId = "cw-" + randomChars(8).toLowerCase();
    var created =
        hpl02.post(
            base() + "/social-workers",
            Map.of(
                "workerId",
                workerId,
                "name",
                "刘社区",
                "kind",
                "COMMUNITY_WORKER",
                "employer",
                Map.of("type", "COMMUNITY", "id", HPL_02),
                "post",
                Map.of("category", "STAFF", "grade", 5),
                "joinedOn",
                "2022-06-01"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    // another community's worker cannot keep this community's files
    assertThat(
            as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-03", HPL_03, STREET_HPL))
                .post(
                    base() + "/social-workers",
                    Map.of(
                        "workerId",
                        "cw-" + randomChars(8).toLowerCase(),
                        "name",
                        "王",
                        "kind",
                        "COMMUNITY_WORKER",
                        "employer",
                        Map.of("type", "COMMUNITY", "id", HPL_02),
                        "joinedOn",
                        "2022-06-01"))
                .status())
        .isEqualTo(403);

    Http street = as(TestTokens.of("STREET_OFFICER", "street-hpl").with("street_id", STREET_HPL));
    var set =
        street.put(
            base() + "/communities/" + HPL_02 + "/posts",
            Map.of("principal", 1, "deputy", 2, "staff", 6));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    JsonNode file = hpl02.get(base() + "/communities/" + HPL_02 + "/staffing").json();
    assertThat(file.get("posts").get("STAFF").asInt()).isEqualTo(6);
    assertThat(file.get("people").findValuesAsString("workerId")).contains(workerId);
    assertThat(file.get("vacancies").get("STAFF").asInt())
        .isEqualTo(6 - file.get("filled").get("STAFF").asInt());
    assertThat(file.get("changes").findValuesAsString("workerId")).contains(workerId);
    assertThat(
            as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", DZM_01, "S-DZM"))
                .get(base() + "/communities/" + HPL_02 + "/staffing")
                .status())
        .isEqualTo(404);
    assertThat(
            hpl02
                .put(
                    base() + "/communities/" + HPL_02 + "/posts",
                    Map.of("principal", 1, "deputy", 2, "staff", 6))
                .status())
        .isEqualTo(403);

    // 目标考评: the worker reports, the community assesses, the result is noticed and concluded
    String appraisal = base() + "/social-workers/" + workerId + "/appraisals/" + year;
    Http self = as(TestTokens.worker("COMMUNITY_WORKER", workerId, HPL_02, STREET_HPL));
    assertThat(hpl02.post(appraisal + "/self-report", Map.of("summary", "x", "score", 90)).status())
        .isEqualTo(403);
    assertThat(hpl02.post(appraisal + "/notice", Map.of()).status()).isEqualTo(409);
    assertThat(
            self.post(appraisal + "/self-report", Map.of("summary", "全年走访 300 户", "score", 30))
                .status())
        .isEqualTo(200);
    assertThat(self.post(appraisal + "/assessment", Map.of("score", 100)).status()).isEqualTo(403);
    assertThat(
            hpl02
                .post(appraisal + "/assessment", Map.of("score", 30, "comment", "多项任务未完成"))
                .status())
        .isEqualTo(200);
    var noticed = hpl02.post(appraisal + "/notice", Map.of());
    assertThat(noticed.status()).as(noticed.text()).isEqualTo(200);
    JsonNode outcome = noticed.json().get("outcome");
    // 0.2 × 30 + 0.3 × 60 (no rating yet counts as 基本满意) + 0.5 × 30
    assertThat(outcome.get("total").asDouble()).isEqualTo(39.0);
    assertThat(outcome.get("result").asText()).isEqualTo("UNQUALIFIED");
    assertThat(outcome.get("proposedGrade").asInt()).isEqualTo(4);
    assertThat(
            self.post(appraisal + "/self-report", Map.of("summary", "改一下", "score", 99)).status())
        .isEqualTo(409);
    var concluded = hpl02.post(appraisal + "/conclusion", Map.of("confirmGradeChange", true));
    assertThat(concluded.status()).as(concluded.text()).isEqualTo(200);
    JsonNode worker = hpl02.get(base() + "/social-workers/" + workerId).json();
    assertThat(worker.get("post").get("grade").asInt()).isEqualTo(4);
    assertThat(worker.get("history").findValuesAsString("change"))
        .containsExactly("JOINED", "GRADE_CHANGED");

    // a transfer out shows in the file's changes and empties the post
    var moved =
        street.post(
            base() + "/social-workers/" + workerId + "/transfer",
            Map.of("employer", Map.of("type", "COMMUNITY", "id", HPL_03), "reason", "调往和平里三社区"));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    JsonNode after = hpl02.get(base() + "/communities/" + HPL_02 + "/staffing").json();
    assertThat(after.get("people").findValuesAsString("workerId")).doesNotContain(workerId);
    assertThat(after.get("changes").findValuesAsString("change")).contains("TRANSFERRED");
  }

  /** A 党建体检 as the party system publishes it on party.organisation-checks.v1. */
  private static void partyCheckReported(
      String organisationId, int year, long sequence, boolean hasBranch, int activities)
      throws Exception {
    String type = "org.fourinone.party.organisation-check.reported.v1";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("checkId", organisationId + ":" + year);
    data.put("organisationId", organisationId);
    data.put("year", year);
    data.put("sequence", sequence);
    data.put("hasBranch", hasBranch);
    data.put("branchName", hasBranch ? "联合党支部" : null);
    data.put("activities", activities);
    data.put("note", null);
    data.put("reportedBy", "party-hpl-01");
    data.put("reportedAt", java.time.Instant.now().toString());
    publish("party.organisation-checks.v1", type, organisationId + ":" + year, data);
  }

  // ---- the figures of ended days from the dispatches' buckets ----

  @Test
  void countsTheDispatchesOfEndedDaysFromTheBucketsAndAChangeToOneOfThemAtOnce() throws Exception {
    // every write of a dispatch says when it changed, so that the refresher finds it
    long before = System.currentTimeMillis();
    String ownOrder = placeOwnOrder(aKnownResident());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Document placed =
                  database().getCollection(Dispatches.COLLECTION).find(eq("_id", ownOrder)).first();
              assertThat(placed).isNotNull();
              assertThat(placed.get(Dispatches.CHANGED_AT, Number.class).longValue())
                  .isGreaterThanOrEqualTo(before);
            });

    // a community of its own, so that the counts are this test's alone; dispatches as the service
    // writes them, placed forty days ago (an ended month), three days ago, yesterday and today
    String community = "C-ST" + randomChars(6);
    String street = "S-ST" + randomChars(6);
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    LocalDate today = LocalDate.now(zone);
    MongoCollection<Document> dispatches = database().getCollection(Dispatches.COLLECTION);
    String home = "居家照护";
    String dayCare = "日间照料";
    dispatches.insertMany(
        List.of(
            aDispatch(community, street, today.minusDays(40), home, "COMPLETED")
                .append("organisationId", "ORG-ST-A")
                .append("acceptedOrganisationId", "ORG-ST-A")
                .append("acceptMillis", 6 * 60_000L)
                .append("completeMillis", 120 * 60_000L)
                .append("rating", "VERY_SATISFIED"),
            aDispatch(community, street, today.minusDays(3), home, "COMPLETED")
                .append("organisationId", "ORG-ST-A")
                .append("acceptedOrganisationId", "ORG-ST-A")
                .append("acceptMillis", 12 * 60_000L + 20_000) // 12.3 minutes
                .append("completeMillis", 60 * 60_000L)
                .append("rating", "DISSATISFIED"),
            aDispatch(community, street, today.minusDays(3), dayCare, "ACCEPTED")
                .append("organisationId", "ORG-ST-B")
                .append("acceptedOrganisationId", "ORG-ST-B")
                .append("acceptMillis", 3 * 60_000L),
            aDispatch(community, street, today.minusDays(1), dayCare, "CLOSED"),
            aDispatch(community, street, null, home, "MANUAL")));
    // the periodic pass counts the ended days into the buckets: three days, two months
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              MongoCollection<Document> buckets =
                  database().getCollection(DispatchStatistics.COLLECTION);
              assertThat(
                      buckets
                          .find(new Document(DayBuckets.SCOPE, community).append("kind", "day"))
                          .map(b -> b.getString(DayBuckets.PERIOD))
                          .into(new ArrayList<>()))
                  .as("the ended days are in the buckets, today is not")
                  .containsExactlyInAnyOrder(
                      today.minusDays(40).toString(),
                      today.minusDays(3).toString(),
                      today.minusDays(1).toString());
              assertThat(
                      buckets.countDocuments(
                          new Document(DayBuckets.SCOPE, community).append("kind", "month")))
                  .isGreaterThanOrEqualTo(2);
            });

    Http ofCommunity = as(TestTokens.worker("COMMUNITY_WORKER", "cw-st", community, street));
    JsonNode figures = ofCommunity.get(base() + "/statistics").json();
    assertThat(figures.get("orders").asLong()).isEqualTo(5);
    assertThat(keyCounts(figures.get("ordersBy").get("byState")))
        .containsExactly(
            Map.entry("COMPLETED", 2L),
            Map.entry("ACCEPTED", 1L),
            Map.entry("CLOSED", 1L),
            Map.entry("MANUAL", 1L));
    assertThat(keyCounts(figures.get("ordersBy").get("byItem")))
        .containsExactly(Map.entry(home, 3L), Map.entry(dayCare, 2L));
    assertThat(keyCounts(figures.get("ordersBy").get("byCategory")))
        .containsExactly(Map.entry("养老", 5L));
    // those no organisation accepted are NONE, first among equal counts (as a null key sorts)
    assertThat(keyCounts(figures.get("ordersBy").get("byOrganisation")))
        .containsExactly(
            Map.entry("NONE", 2L), Map.entry("ORG-ST-A", 2L), Map.entry("ORG-ST-B", 1L));
    // 3, 6 and 12.3 minutes; 60 and 120: the lower median
    assertThat(figures.get("timeToAccept").get("count").asLong()).isEqualTo(3);
    assertThat(figures.get("timeToAccept").get("medianMinutes").asDouble()).isEqualTo(6.0);
    assertThat(figures.get("timeToComplete").get("count").asLong()).isEqualTo(2);
    assertThat(figures.get("timeToComplete").get("medianMinutes").asDouble()).isEqualTo(60.0);
    JsonNode byOrganisation = figures.get("satisfactionByOrganisation");
    assertThat(byOrganisation).hasSize(1);
    assertThat(byOrganisation.get(0).get("key").asText()).isEqualTo("ORG-ST-A");
    assertThat(byOrganisation.get(0).get("rated").asLong()).isEqualTo(2);
    assertThat(byOrganisation.get(0).get("average").asDouble()).isEqualTo(3.5);
    assertThat(byOrganisation.get(0).get("goodRate").asDouble()).isEqualTo(0.5);
    assertThat(byOrganisation.get(0).get("levels").get("VERY_SATISFIED").asLong()).isEqualTo(1);
    assertThat(byOrganisation.get(0).get("levels").get("DISSATISFIED").asLong()).isEqualTo(1);
    assertThat(figures.get("satisfactionByItem").findValuesAsString("key")).containsExactly(home);
    // the street's figures sum the same buckets (and today's dispatches of the street)
    JsonNode ofStreet =
        as(TestTokens.of("STREET_OFFICER", "so-st").with("street_id", street))
            .get(base() + "/statistics")
            .json();
    assertThat(ofStreet.get("orders").asLong()).isEqualTo(5);
    assertThat(ofStreet.get("ordersBy")).isEqualTo(figures.get("ordersBy"));
    assertThat(ofStreet.get("timeToAccept")).isEqualTo(figures.get("timeToAccept"));

    // completed and rated today, placed yesterday: in the figures after the next refresher pass
    String yesterday = community + "-" + today.minusDays(1);
    dispatches.updateOne(
        eq("_id", yesterday + "-" + dayCare + "-CLOSED"),
        new Document(
            "$set",
            new Document("state", "COMPLETED")
                .append("organisationId", "ORG-ST-B")
                .append("completeMillis", 200 * 60_000L)
                .append("rating", "SATISFIED")
                .append(Dispatches.CHANGED_AT, System.currentTimeMillis())));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode after = ofCommunity.get(base() + "/statistics").json();
              assertThat(after.get("orders").asLong()).isEqualTo(5);
              assertThat(keyCounts(after.get("ordersBy").get("byState")))
                  .containsExactly(
                      Map.entry("COMPLETED", 3L),
                      Map.entry("ACCEPTED", 1L),
                      Map.entry("MANUAL", 1L));
              assertThat(after.get("timeToComplete").get("count").asLong()).isEqualTo(3);
              assertThat(after.get("timeToComplete").get("medianMinutes").asDouble())
                  .isEqualTo(120.0);
              assertThat(after.get("satisfactionByOrganisation").findValuesAsString("key"))
                  .containsExactly("ORG-ST-A", "ORG-ST-B");
              assertThat(after.get("satisfactionByItem").findValuesAsString("key"))
                  .containsExactly(home, dayCare);
            });
  }

  /**
   * A dispatch document as the service writes it, placed at ten in the morning of a day (null:
   * now), changed now; its id names its community, day, item and state.
   */
  private static Document aDispatch(
      String community, String street, LocalDate day, String item, String state) {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    Instant placed =
        day == null ? Instant.now() : day.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
    String id = community + "-" + (day == null ? "today" : day) + "-" + item + "-" + state;
    return new Document("_id", id)
        .append("tried", new ArrayList<String>())
        .append("history", new ArrayList<Document>())
        .append("claimedUntil", 0L)
        .append("itemCode", item.equals("居家照护") ? "HOME_CARE" : "DAY_CARE")
        .append("itemName", item)
        .append("communityId", community)
        .append("streetId", street)
        .append("residentId", "R-ST")
        .append("categoryName", "养老")
        .append("placedAt", placed.toString())
        .append(Dispatches.PLACED_AT, placed.toEpochMilli())
        .append("state", state)
        .append("orderSequence", 5L)
        .append(Dispatches.CHANGED_AT, System.currentTimeMillis());
  }

  private static List<Map.Entry<String, Long>> keyCounts(JsonNode counts) {
    List<Map.Entry<String, Long>> all = new ArrayList<>();
    counts.forEach(c -> all.add(Map.entry(c.get("key").asText(), c.get("count").asLong())));
    return all;
  }

  SansheServiceIT() {
    super(OriginSystem.SANSHE, "HOME_CARE");
  }

  private Http admin() {
    return as(TestTokens.of("DISTRICT_ADMIN", "admin"));
  }
}
