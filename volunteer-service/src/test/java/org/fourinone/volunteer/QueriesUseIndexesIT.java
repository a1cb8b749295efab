package org.fourinone.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.rollup.DayBuckets;
import org.fourinone.testing.Http;
import org.fourinone.testing.IndexUse;
import org.fourinone.testing.IndexUse.Verdict;
import org.fourinone.testing.MongoCommandLog;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.fourinone.volunteer.activities.Activities;
import org.fourinone.volunteer.matching.Needs;
import org.fourinone.volunteer.records.ServiceRecords;
import org.fourinone.volunteer.statistics.NeedStatistics;
import org.fourinone.volunteer.statistics.RecordStatistics;
import org.fourinone.volunteer.teams.Teams;
import org.fourinone.volunteer.volunteers.Volunteers;
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

/**
 * 志愿服务统计 of a community and of a street count volunteers, service records, needs, teams and
 * activities through an index on the scope's field, judged from the commands the service's MongoDB
 * client sends while the figures are asked for through the API ({@link IndexUse}). Every count runs
 * whatever the store holds, so no documents are needed: what is judged is each query's shape. The
 * service records' and needs' figures come from their day buckets ({@code service_record_stats},
 * {@code need_stats}) through the scope's index of the buckets, today's part through the scope's
 * index of the records, and the read's refresher pass finds what changed through the change time's
 * index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueriesUseIndexesIT {

  static final String DATABASE = "volunteer-queries-" + UUID.randomUUID();
  static final String COMMUNITY = "C-HPL-01";
  static final String STREET = "S-HPL";
  static final String[] READ = {
    Volunteers.COLLECTION,
    ServiceRecords.COLLECTION,
    Needs.COLLECTION,
    Teams.COLLECTION,
    Activities.COLLECTION,
    RecordStatistics.COLLECTION,
    NeedStatistics.COLLECTION
  };
  static final String[] BUCKETS = {RecordStatistics.COLLECTION, NeedStatistics.COLLECTION};
  static final MongoCommandLog COMMANDS = MongoCommandLog.ofRequests();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, DATABASE);
    // the statistics' first count within a second of the start
    registry.add("fourinone.volunteer.statistics.refresh-interval", () -> "1s");
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
  void open() {
    anonymous = new Http("http://localhost:" + port);
    client = MongoClients.create(TestInfrastructure.mongoUri());
    database = client.getDatabase(DATABASE);
    // the statistics' first counts (of a district with no ended day yet) have run: the reads below
    // are a dashboard's, through the buckets, not the reads of the records before a first count
    for (String buckets : BUCKETS) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  database
                          .getCollection(buckets)
                          .countDocuments(new Document(DayBuckets.KIND, "counted"))
                      > 0);
    }
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
  void countsACommunitysFiguresThroughTheCommunityIndexes() {
    Http organiser = as(TestTokens.worker("COMMUNITY_WORKER", "cw-hpl-01", COMMUNITY, STREET));

    var figures = organiser.get("/api/volunteer/statistics?year=2026");

    assertThat(figures.status()).as(figures.text()).isEqualTo(200);
    assertThat(figures.json().get("scope").get("communityId").asText()).isEqualTo(COMMUNITY);
    List<Verdict> reads = COMMANDS.assertServed(database, READ);
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .extracting(v -> v.query().collection())
        .contains(READ);
    assertScopedReadsUseTheirIndex(reads, "communityId", "communityIds");
    assertBucketsReadThroughIndexOn(reads, DayBuckets.SCOPE);
  }

  @Test
  void countsAStreetsFiguresThroughTheStreetIndexes() {
    Http street = as(TestTokens.worker("STREET_OFFICER", "so-hpl", COMMUNITY, STREET));

    var figures = street.get("/api/volunteer/statistics?year=2026");

    assertThat(figures.status()).as(figures.text()).isEqualTo(200);
    assertThat(figures.json().get("scope").get("streetId").asText()).isEqualTo(STREET);
    List<Verdict> reads = COMMANDS.assertServed(database, READ);
    assertScopedReadsUseTheirIndex(reads, "streetId", "streetIds");
    assertBucketsReadThroughIndexOn(reads, "streetId");
  }

  /**
   * The counted days come from the scope's buckets through the buckets' index on the scope's field;
   * a read of the change time (the refresher's, should one run in the request) through its index.
   */
  private static void assertBucketsReadThroughIndexOn(List<Verdict> reads, String bucketField) {
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> List.of(BUCKETS).contains(v.query().collection()))
        .filteredOn(v -> v.query().tests(DayBuckets.PERIOD))
        .isNotEmpty()
        .allMatch(v -> v.throughIndexOn(bucketField))
        .extracting(v -> v.query().collection())
        .contains(BUCKETS);
    assertThat(reads)
        .as(() -> IndexUse.report(reads))
        .filteredOn(v -> v.query().tests(ServiceRecords.CHANGED_AT))
        .allMatch(v -> v.throughIndexOn(ServiceRecords.CHANGED_AT));
  }

  /**
   * Every read that narrows to the scope does so through an index on the scope's field (the
   * district's teams, counted for every scope, name none).
   */
  private static void assertScopedReadsUseTheirIndex(List<Verdict> reads, String... fields) {
    List<Verdict> scoped =
        reads.stream().filter(v -> List.of(fields).stream().anyMatch(v.query()::tests)).toList();
    assertThat(scoped)
        .as(() -> IndexUse.report(reads))
        .isNotEmpty()
        .allMatch(v -> List.of(fields).stream().anyMatch(v::throughIndexOn));
  }

  private Http as(TestTokens.Subject subject) {
    return anonymous.as(TestTokens.bearer(subject));
  }
}
