package org.fourinone.publicservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.rollup.DayBuckets;
import org.fourinone.order.application.OrderStatistics;
import org.fourinone.order.application.Orders;
import org.fourinone.testing.Http;
import org.fourinone.testing.IndexUse;
import org.fourinone.testing.IndexUse.Sort;
import org.fourinone.testing.IndexUse.Verdict;
import org.fourinone.testing.MongoCommandLog;
import org.fourinone.testing.Residents;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The order contract's lists — a resident's orders, the queues of a community, a street, an
 * assignee and the district, the statistics — are each served by an index of the {@code orders}
 * collection, judged from the commands the service's MongoDB client sends while they are asked for
 * through the API (the wire-protocol server has no {@code explain}: {@link IndexUse}). The same
 * contract code runs in all four systems; public-service holds its residents itself, which makes it
 * the quickest place to place orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueriesUseIndexesIT {

  static final String DATABASE = "public-queries-" + UUID.randomUUID();
  static final String COMMUNITY = "C-DZM-01";
  static final String STREET = "S-DZM";
  static final String ORGANISATION = "ORG-QUERIES-1";
  static final MongoCommandLog COMMANDS = MongoCommandLog.ofRequests();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, DATABASE);
    registry.add("fourinone.outbox.sweep-interval", () -> "500ms");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class LogCommands {
    @Bean
    MongoClientSettingsBuilderCustomizer logMongoCommands() {
      return settings -> settings.addCommandListener(COMMANDS);
    }
  }

  @LocalServerPort int port;
  Http anonymous;
  Http worker;
  MongoClient client;
  MongoDatabase database;
  String residentId;

  @BeforeAll
  void orders() {
    client = MongoClients.create(TestInfrastructure.mongoUri());
    database = client.getDatabase(DATABASE);
    anonymous = new Http("http://localhost:" + port);
    worker = as(TestTokens.worker("COMMUNITY_WORKER", "cw-dzm-01", COMMUNITY, STREET));
    var registered = worker.post("/api/public/residents", Residents.aResident(COMMUNITY));
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    residentId = registered.json().get("residentId").asText();
    Http resident = as(TestTokens.resident(residentId, COMMUNITY, STREET));
    for (int i = 0; i < 3; i++) {
      var placed = resident.post("/api/public/orders", seniorCard(residentId));
      assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    }
    var appeal = worker.post("/api/public/orders", appeal(residentId));
    assertThat(appeal.status()).as(appeal.text()).isEqualTo(201);
    String appealId = appeal.json().get("orderId").asText();
    assertThat(worker.post("/api/public/orders/" + appealId + "/accept", Map.of()).status())
        .isEqualTo(200);
    var assigned =
        worker.post(
            "/api/public/orders/" + appealId + "/assign",
            Map.of("assigneeType", "ORGANISATION", "assignee", ORGANISATION));
    assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
    // the statistics' first count (of a district with no ended day yet) has run: the reads below
    // are a dashboard's, not that pass's
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                database
                        .getCollection(OrderStatistics.COLLECTION)
                        .countDocuments(new Document("kind", "counted"))
                    > 0);
  }

  @AfterAll
  void close() {
    client.close();
  }

  @BeforeEach
  void forgetCommands() {
    COMMANDS.clear();
  }

  @Test
  void servesAResidentsOrderListAndItsSecondPageFromTheResidentsIndex() {
    Http resident = as(TestTokens.resident(residentId, COMMUNITY, STREET));

    JsonNode first = ok(resident.get("/api/public/orders?size=2"));
    JsonNode second = ok(resident.get("/api/public/orders?size=2&page=1"));
    JsonNode ofResident =
        ok(resident.get("/api/public/residents/" + residentId + "/orders?size=2&page=1"));

    assertThat(first.get("totalItems").asLong()).isEqualTo(4);
    assertThat(first.get("items")).hasSize(2);
    assertThat(second.get("items")).hasSize(2);
    assertThat(ofResident.get("items")).hasSize(2);
    List<Verdict> reads = COMMANDS.assertServed(database, Orders.COLLECTION);
    assertPagesSortedByTheIndex(reads);
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().command().equals("find"))
        .hasSize(3)
        .allMatch(v -> v.throughIndexOn("residentId"));
  }

  @Test
  void servesACommunityWorkersQueueWithEveryFilterItOffersFromTheCommunitysIndex() {
    for (String query :
        List.of(
            "",
            "?page=1&size=2",
            "?status=SUBMITTED",
            "?status=ASSIGNED&sort=oldest",
            "?channel=WEB",
            "?type=SENIOR_CARD",
            "?originSystem=PUBLIC",
            "?communityId=" + COMMUNITY,
            "?olderThanHours=0&sort=oldest&page=1&size=1")) {
      ok(worker.get("/api/public/orders" + query));
    }

    assertThat(ok(worker.get("/api/public/orders?status=SUBMITTED")).get("totalItems").asLong())
        .isEqualTo(3);
    List<Verdict> reads = COMMANDS.assertServed(database, Orders.COLLECTION);
    assertPagesSortedByTheIndex(reads);
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .allMatch(v -> v.throughIndexOn("communityId"));
  }

  @Test
  void servesTheStreetsTheAssigneesAndTheDistrictsQueuesFromIndexes() {
    Http street = as(TestTokens.worker("STREET_OFFICER", "so-dzm", COMMUNITY, STREET));
    ok(street.get("/api/public/orders?size=2&page=1"));
    ok(street.get("/api/public/orders?status=SUBMITTED&sort=oldest"));
    Http organisation =
        as(
            TestTokens.of("ORGANISATION_STAFF", "org-staff-1")
                .with("organisation_id", ORGANISATION));
    JsonNode assigned = ok(organisation.get("/api/public/orders?status=ASSIGNED"));
    assertThat(assigned.get("totalItems").asLong()).isEqualTo(1);
    ok(as(TestTokens.of("VOLUNTEER", "vol-1")).get("/api/public/orders?page=1"));
    ok(
        as(TestTokens.worker("SOCIAL_WORKER", "sw-dzm-01", COMMUNITY, STREET))
            .get("/api/public/orders?sort=oldest"));
    Http district = as(TestTokens.of("DISTRICT_ADMIN", "admin"));
    ok(district.get("/api/public/orders?size=2"));
    ok(district.get("/api/public/orders?size=2&page=1&sort=oldest"));

    List<Verdict> reads = COMMANDS.assertServed(database, Orders.COLLECTION);
    assertPagesSortedByTheIndex(reads);
  }

  @Test
  void readsTheStatisticsOfACommunityAndAStreetThroughTheirScopesIndexes() {
    JsonNode community = ok(worker.get("/api/public/orders/statistics"));
    assertThat(community.get("total").asLong()).isEqualTo(4);
    assertStatisticsServedThroughIndexOn("communityId", DayBuckets.SCOPE);

    COMMANDS.clear();
    Http street = as(TestTokens.worker("STREET_OFFICER", "so-dzm", COMMUNITY, STREET));
    ok(street.get("/api/public/orders/statistics?overdueAfterHours=1"));
    assertStatisticsServedThroughIndexOn("streetId", "streetId");

    COMMANDS.clear();
    ok(street.get("/api/public/orders/statistics?communityId=" + COMMUNITY));
    ok(
        as(TestTokens.worker("SOCIAL_WORKER", "sw-dzm-01", COMMUNITY, STREET))
            .get("/api/public/orders/statistics"));
    ok(as(TestTokens.of("DISTRICT_ADMIN", "admin")).get("/api/public/orders/statistics"));
    COMMANDS.assertServed(database, Orders.COLLECTION, OrderStatistics.COLLECTION);
  }

  /**
   * A scope's figures: today's orders (and a day's edges) through the scope's index of the orders,
   * the counted days through the scope's index of the buckets, and the refresher's look for what
   * changed through the change time's index.
   */
  private void assertStatisticsServedThroughIndexOn(String orderField, String bucketField) {
    List<Verdict> reads =
        COMMANDS.assertServed(database, Orders.COLLECTION, OrderStatistics.COLLECTION);
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().collection().equals(Orders.COLLECTION))
        .filteredOn(v -> !v.query().tests(Orders.CHANGED_AT))
        .isNotEmpty()
        .allMatch(v -> v.throughIndexOn(orderField));
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().collection().equals(Orders.COLLECTION))
        .filteredOn(v -> v.query().tests(Orders.CHANGED_AT))
        .allMatch(v -> v.throughIndexOn(Orders.CHANGED_AT));
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().collection().equals(OrderStatistics.COLLECTION))
        .filteredOn(v -> v.query().tests(DayBuckets.PERIOD))
        .isNotEmpty()
        .allMatch(v -> v.throughIndexOn(bucketField));
  }

  /** A page's order comes from the index: no query sorts the territory's orders in memory. */
  private static void assertPagesSortedByTheIndex(List<Verdict> reads) {
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().command().equals("find"))
        .isNotEmpty()
        .allMatch(v -> v.sort() == Sort.FROM_INDEX);
  }

  private Http as(TestTokens.Subject subject) {
    return anonymous.as(TestTokens.bearer(subject));
  }

  private static JsonNode ok(Http.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  private static Map<String, Object> seniorCard(String residentId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("residentId", residentId);
    body.put("type", "SENIOR_CARD");
    body.put("channel", "WEB");
    body.put("title", "办理老年证");
    body.put("description", "本人年满60周岁，申请办理老年证");
    return body;
  }

  private static Map<String, Object> appeal(String residentId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("residentId", residentId);
    body.put("type", "APPEAL");
    body.put("channel", "CALL_CENTER");
    body.put("title", "楼道照明损坏");
    body.put("description", "三号楼二单元楼道灯不亮，请尽快维修");
    body.put("consent", Map.of("given", true, "how", "PHONE_RECORDING"));
    return body;
  }
}
