package org.fourinone.sanshe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.rollup.DayBuckets;
import org.fourinone.sanshe.dispatch.Dispatches;
import org.fourinone.sanshe.statistics.DispatchStatistics;
import org.fourinone.sanshe.workers.SocialWorkers;
import org.fourinone.testing.Http;
import org.fourinone.testing.IndexUse;
import org.fourinone.testing.IndexUse.Verdict;
import org.fourinone.testing.MongoCommandLog;
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
 * 三社联动's figures of a community and of a street read organisations, dispatches (today's) and social
 * workers through an index on the scope's field (many documents, but only the scope's), and the
 * dispatches' counted days ({@code dispatch_stats}) through the buckets' index on the scope, judged
 * from the commands the service's MongoDB client sends while they are asked for through the API
 * ({@link IndexUse}). A few documents in the shape the service writes are enough: what is judged is
 * each query's shape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueriesUseIndexesIT {

  static final String DATABASE = "sanshe-queries-" + UUID.randomUUID();
  static final String COMMUNITY = "C-HPL-01";
  static final String STREET = "S-HPL";
  static final List<String> READ =
      List.of(
          org.fourinone.sanshe.organisations.Organisations.COLLECTION,
          Dispatches.COLLECTION,
          SocialWorkers.COLLECTION);
  static final MongoCommandLog COMMANDS = MongoCommandLog.ofRequests();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, DATABASE);
    // the dispatch statistics' first count within a second of the start
    registry.add("fourinone.sanshe.statistics.refresh-interval", () -> "1s");
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
  MongoClient client;
  MongoDatabase database;

  @BeforeAll
  void records() {
    anonymous = new Http("http://localhost:" + port);
    client = MongoClients.create(TestInfrastructure.mongoUri());
    database = client.getDatabase(DATABASE);
    database
        .getCollection(org.fourinone.sanshe.organisations.Organisations.COLLECTION)
        .insertOne(
            new Document("_id", "ORG-Q-1")
                .append("kind", "SOCIAL_SERVICE_AGENCY")
                .append("communityIds", List.of(COMMUNITY))
                .append("streetIds", List.of(STREET))
                .append("settlement", new Document("level", "COMMUNITY"))
                .append("stars", 3)
                .append("status", "ACTIVE"));
    Instant placed = Instant.now().minusSeconds(60);
    for (int i = 0; i < 3; i++) {
      database
          .getCollection(Dispatches.COLLECTION)
          .insertOne(
              new Document("_id", "SANSHE-Q-" + i)
                  .append("communityId", i < 2 ? COMMUNITY : "C-DZM-01")
                  .append("streetId", i < 2 ? STREET : "S-DZM")
                  .append("itemCode", "HOME_CARE")
                  .append("itemName", "居家照护")
                  .append("categoryName", "养老")
                  .append("placedAt", placed.toString())
                  .append(Dispatches.PLACED_AT, placed.toEpochMilli())
                  .append(Dispatches.CHANGED_AT, System.currentTimeMillis())
                  .append("state", "COMPLETED")
                  .append("organisationId", "ORG-Q-1")
                  .append("acceptedOrganisationId", "ORG-Q-1")
                  .append("acceptMillis", 60_000L * (i + 1))
                  .append("completeMillis", 3_600_000L * (i + 1))
                  .append("rating", "SATISFIED"));
    }
    database
        .getCollection(SocialWorkers.COLLECTION)
        .insertOne(
            new Document("_id", "SW-Q-1")
                .append("communityId", COMMUNITY)
                .append("streetId", STREET)
                .append("kind", "SOCIAL_WORKER")
                .append("status", "ACTIVE")
                .append("qualification", new Document("level", "ASSISTANT")));
    // the dispatch statistics' first count has run: the reads below are a dashboard's (the ended
    // days from the buckets), not that pass's
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                database
                        .getCollection(DispatchStatistics.COLLECTION)
                        .countDocuments(new Document(DayBuckets.KIND, "counted"))
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
  void readsACommunitysFiguresThroughTheCommunityIndexes() {
    Http worker = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-01", COMMUNITY, STREET));

    JsonNode figures = ok(worker.get("/api/sanshe/statistics"));

    assertThat(figures.get("orders").asLong()).isEqualTo(2);
    assertThat(figures.get("timeToAccept").get("count").asLong()).isEqualTo(2);
    List<Verdict> reads = COMMANDS.assertServed(database, READ.toArray(String[]::new));
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .extracting(v -> v.query().collection())
        .containsAll(READ);
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> !v.query().tests(Dispatches.CHANGED_AT))
        .allMatch(v -> v.throughIndexOn("communityId") || v.throughIndexOn("communityIds"));
    assertDispatchStatisticsServedThroughIndexOn(DayBuckets.SCOPE);
  }

  @Test
  void readsAStreetsFiguresThroughTheStreetIndexes() {
    Http street = as(TestTokens.worker("STREET_OFFICER", "so-hpl", COMMUNITY, STREET));

    JsonNode figures = ok(street.get("/api/sanshe/statistics"));

    assertThat(figures.get("orders").asLong()).isEqualTo(2);
    assertThat(figures.get("timeToComplete").get("medianMinutes").asDouble()).isEqualTo(60.0);
    List<Verdict> reads = COMMANDS.assertServed(database, READ.toArray(String[]::new));
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> !v.query().tests(Dispatches.CHANGED_AT))
        .allMatch(v -> v.throughIndexOn("streetId") || v.throughIndexOn("streetIds"));
    assertDispatchStatisticsServedThroughIndexOn("streetId");

    COMMANDS.clear();
    ok(street.get("/api/sanshe/statistics?communityId=" + COMMUNITY));
    ok(as(TestTokens.of("DISTRICT_ADMIN", "admin")).get("/api/sanshe/statistics"));
    COMMANDS.assertServed(database, Dispatches.COLLECTION, DispatchStatistics.COLLECTION);
  }

  /**
   * The dispatches' counted days through the scope's index of the buckets, and the refresher's look
   * for what changed (a read's own pass) through the change time's index.
   */
  private void assertDispatchStatisticsServedThroughIndexOn(String bucketField) {
    List<Verdict> reads =
        COMMANDS.assertServed(database, Dispatches.COLLECTION, DispatchStatistics.COLLECTION);
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().collection().equals(Dispatches.COLLECTION))
        .filteredOn(v -> v.query().tests(Dispatches.CHANGED_AT))
        .allMatch(v -> v.throughIndexOn(Dispatches.CHANGED_AT));
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().collection().equals(DispatchStatistics.COLLECTION))
        .filteredOn(v -> v.query().tests(DayBuckets.PERIOD))
        .isNotEmpty()
        .allMatch(v -> v.throughIndexOn(bucketField));
  }

  private Http as(TestTokens.Subject subject) {
    return anonymous.as(TestTokens.bearer(subject));
  }

  private static JsonNode ok(Http.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }
}
