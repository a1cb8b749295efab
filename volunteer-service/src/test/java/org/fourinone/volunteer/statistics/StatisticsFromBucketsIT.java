package org.fourinone.volunteer.statistics;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.bson.Document;
import org.fourinone.kit.rollup.DayBuckets;
import org.fourinone.testing.Http;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.fourinone.volunteer.matching.Needs;
import org.fourinone.volunteer.records.ServiceRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * 志愿服务统计 from the day buckets: service records and needs of ended days — written into the service's
 * database with the fields the service writes (its end or creation in epoch milliseconds, its
 * change time) — are counted into {@code service_record_stats} and {@code need_stats} by a
 * refresher pass, and the figures of a community, a street and the district for a year are the
 * sums, counts and median of those records; a record left changed without a change time stays as
 * the buckets counted it (the ended days are read from the buckets, not from the records), and one
 * changed with a change time is in the figures after the next refresher pass.
 *
 * <p>The periodic passes are an hour apart here: the passes are this test's, so that nothing but
 * the read's own pass can bring a change into the figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsFromBucketsIT {

  static final String DATABASE = "volunteer-buckets-" + UUID.randomUUID();
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String STREET = "S-BKT";
  static final String HOME = "C-BKT-01";
  static final String NEAR = "C-BKT-02";
  static final String OTHER_STREET = "S-OTH";
  static final String FAR = "C-OTH-01";

  /** How far back a pass reads change times here. */
  static final Duration OVERLAP = Duration.ofMillis(500);

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, DATABASE);
    registry.add("fourinone.volunteer.statistics.refresh-interval", () -> "1h");
    registry.add("fourinone.volunteer.statistics.overlap", () -> OVERLAP.toMillis() + "ms");
  }

  @LocalServerPort int port;
  @Autowired RecordStatistics recordStatistics;
  @Autowired NeedStatistics needStatistics;
  MongoClient client;
  MongoDatabase database;
  Http admin;

  final int year = LocalDate.now(ZONE).getYear() - 1;
  final List<Document> records = new ArrayList<>();
  final List<Document> needs = new ArrayList<>();
  int sequence;

  @BeforeAll
  void open() {
    client = MongoClients.create(TestInfrastructure.mongoUri());
    database = client.getDatabase(DATABASE);
    admin =
        new Http("http://localhost:" + port)
            .as(TestTokens.bearer(TestTokens.of("DISTRICT_ADMIN", "admin")));
  }

  @AfterAll
  void close() {
    client.close();
  }

  @Test
  void countsTheEndedDaysIntoTheBucketsAndShowsAChangeOfOneAtTheNextRead() throws Exception {
    // last year's: both ends of the year, two on one day, a month of its own; the years beside
    Instant yearStart = at(year, 1, 1, 0, 0);
    record(HOME, "APPROVED", yearStart, 45);
    record(HOME, "APPROVED", at(year, 2, 14, 10, 0), 90);
    record(HOME, "APPROVED", at(year, 2, 14, 18, 30), 30);
    record(HOME, "PENDING", at(year, 2, 14, 20, 0), 60);
    record(HOME, "DENIED", at(year, 3, 3, 9, 0), 120);
    record(HOME, "APPROVED", at(year, 7, 1, 9, 0), 200);
    record(HOME, "APPROVED", at(year, 12, 31, 23, 59).plusSeconds(30), 15);
    record(HOME, "APPROVED", yearStart.minusSeconds(60), 600);
    record(HOME, "APPROVED", at(year + 1, 1, 1, 0, 0), 25);
    record(NEAR, "APPROVED", at(year, 2, 14, 11, 0), 50);
    record(NEAR, "PENDING", at(year, 5, 20, 16, 0), 40);
    record(FAR, "APPROVED", at(year, 2, 14, 12, 0), 70);
    // this year's: yesterday (a bucket) and today (the records)
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    record(HOME, "APPROVED", now.minus(Duration.ofDays(1)), 35);
    record(HOME, "APPROVED", now.minus(Duration.ofMinutes(1)), 20);
    // a record of an order completed without a start: pending, no end, in no bucket
    record(HOME, "PENDING", null, 0);

    need(HOME, "MATCHED", yearStart, Duration.ofMinutes(10));
    need(HOME, "MATCHED", at(year, 2, 14, 9, 0), Duration.ofMinutes(120));
    need(HOME, "MATCHED", at(year, 2, 14, 9, 30), Duration.ofMinutes(30));
    need(HOME, "MATCHED", at(year, 4, 2, 8, 0), Duration.ofMinutes(45).plusSeconds(50));
    need(HOME, "UNMATCHED", at(year, 4, 2, 9, 0), null);
    need(HOME, "OPEN", at(year, 6, 6, 6, 0), null);
    need(HOME, "CLOSED", at(year, 8, 8, 8, 0), null);
    need(HOME, "MATCHED", yearStart.minusSeconds(1), Duration.ofMinutes(3));
    need(NEAR, "MATCHED", at(year, 2, 14, 10, 0), Duration.ofMinutes(5));
    need(NEAR, "UNMATCHED", at(year, 11, 30, 23, 0), null);
    need(FAR, "MATCHED", at(year, 4, 2, 10, 0), Duration.ofMinutes(1));
    need(HOME, "MATCHED", now.minus(Duration.ofDays(1)), Duration.ofMinutes(7));
    need(HOME, "MATCHED", now.minus(Duration.ofMinutes(2)), Duration.ofMinutes(1));
    database.getCollection(ServiceRecords.COLLECTION).insertMany(records);
    database.getCollection(Needs.COLLECTION).insertMany(needs);
    Thread.sleep(OVERLAP.toMillis() + 100); // their writes before the window of the passes below

    assertThat(recordStatistics.refresh()).as("the first count's record-days").isPositive();
    assertThat(needStatistics.refresh()).as("the first count's need-days").isPositive();

    // the ended days are in the buckets, today is not
    assertThat(days(RecordStatistics.COLLECTION, HOME))
        .contains(
            day(yearStart),
            year + "-02-14",
            year + "-03-03",
            year + "-07-01",
            year + "-12-31",
            day(now.minus(Duration.ofDays(1))))
        .doesNotContain(day(now));
    assertThat(days(RecordStatistics.COLLECTION, FAR)).containsExactly(year + "-02-14");
    assertThat(days(NeedStatistics.COLLECTION, HOME))
        .contains(day(yearStart), year + "-02-14", year + "-04-02", year + "-08-08")
        .doesNotContain(day(now));
    assertThat(
            database
                .getCollection(RecordStatistics.COLLECTION)
                .countDocuments(
                    new Document(DayBuckets.KIND, DayBuckets.MONTH)
                        .append(DayBuckets.SCOPE, HOME)
                        .append(DayBuckets.PERIOD, year + "-02")))
        .isEqualTo(1);

    assertFiguresOfEveryScope();

    // changed without a change time: the ended day stays as the buckets counted it
    database
        .getCollection(ServiceRecords.COLLECTION)
        .updateOne(
            eq("_id", recordAt(HOME, at(year, 7, 1, 9, 0))),
            new Document("$set", new Document("minutes", 999L)));
    database
        .getCollection(Needs.COLLECTION)
        .updateOne(
            eq("_id", needAt(HOME, at(year, 8, 8, 8, 0))),
            new Document("$set", new Document("state", "MATCHED")));
    assertFiguresOfEveryScope();

    // changed as the service changes them (approved, matched), with the change time: in the
    // figures after the next refresher pass
    Instant approvedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String pending = recordAt(HOME, at(year, 2, 14, 20, 0));
    database
        .getCollection(ServiceRecords.COLLECTION)
        .updateOne(
            eq("_id", pending),
            new Document(
                "$set",
                new Document("status", "APPROVED")
                    .append("decidedBy", "cw-bkt-01")
                    .append("decidedAt", approvedAt.toString())
                    .append(ServiceRecords.CHANGED_AT, approvedAt.toEpochMilli())));
    model(records, pending).put("status", "APPROVED");
    String open = needAt(HOME, at(year, 6, 6, 6, 0));
    Instant matchedAt = at(year, 6, 6, 6, 0).plus(Duration.ofMinutes(5));
    database
        .getCollection(Needs.COLLECTION)
        .updateOne(
            eq("_id", open),
            new Document(
                "$set",
                new Document("state", "MATCHED")
                    .append("volunteerId", "V-BKT-1")
                    .append("matchedAt", matchedAt.toString())
                    .append("matchedBy", "invitation")
                    .append("announced", true)
                    .append(Needs.CHANGED_AT, approvedAt.toEpochMilli())));
    model(needs, open).append("state", "MATCHED").append("matchedAt", matchedAt.toString());

    assertThat(recordStatistics.refresh()).as("the approved record's day").isPositive();
    assertThat(needStatistics.refresh()).as("the matched need's day").isPositive();
    JsonNode home = figures("?communityId=" + HOME + "&year=" + year);
    assertThat(home.get("approvedRecords").asLong())
        .as("the approval of a record of an ended day, after the next pass")
        .isEqualTo(expectedRecords(HOME, year).approved);
    assertThat(home.get("needsMatched").asLong())
        .as("the match of a need of an ended day, after the next pass")
        .isEqualTo(expectedNeeds(HOME, year).matched);
    assertFiguresOfEveryScope();
  }

  /** Every scope's figures of last year and of this year, as the records and needs give them. */
  private void assertFiguresOfEveryScope() {
    for (int y : List.of(year, year + 1)) {
      assertFigures("?communityId=" + HOME + "&year=" + y, HOME, y);
      assertFigures("?communityId=" + FAR + "&year=" + y, FAR, y);
      assertFigures("?streetId=" + STREET + "&year=" + y, STREET, y);
      assertFigures("?year=" + y, null, y);
    }
  }

  private void assertFigures(String query, String scope, int y) {
    JsonNode f = figures(query);
    Expected r = expectedRecords(scope, y);
    Expected n = expectedNeeds(scope, y);
    java.util.function.Supplier<String> what = () -> query + ", the buckets:\n" + buckets();
    assertThat(f.get("approvedRecords").asLong()).as(what).isEqualTo(r.approved);
    assertThat(f.get("approvedHours").decimalValue())
        .as(what)
        .isEqualByComparingTo(
            BigDecimal.valueOf(r.minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN));
    assertThat(f.get("pendingRecords").asLong()).as(what).isEqualTo(r.pending);
    assertThat(f.get("needs").asLong()).as(what).isEqualTo(n.all);
    assertThat(f.get("needsMatched").asLong()).as(what).isEqualTo(n.matched);
    assertThat(f.get("needsUnmatched").asLong()).as(what).isEqualTo(n.unmatched);
    if (n.median == null) {
      JsonNode median = f.get("medianMinutesToMatch");
      assertThat(median == null || median.isNull()).as(what).isTrue();
    } else {
      assertThat(f.get("medianMinutesToMatch").asLong()).as(what).isEqualTo(n.median);
    }
  }

  private JsonNode figures(String query) {
    var response = admin.get("/api/volunteer/statistics" + query);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  // ------------------------------------------------------------------ the model of the figures

  /** The figures as the records and needs give them (the computation before the buckets). */
  record Expected(
      long approved,
      long minutes,
      long pending,
      long all,
      long matched,
      long unmatched,
      Long median) {}

  private Expected expectedRecords(String scope, int y) {
    long approved = 0;
    long minutes = 0;
    long pending = 0;
    for (Document r : records) {
      if (!in(scope).test(r)) {
        continue;
      }
      if ("PENDING".equals(r.getString("status"))) {
        pending++;
      }
      if ("APPROVED".equals(r.getString("status"))
          && r.getString("end") != null
          && inYear(Instant.parse(r.getString("end")), y)) {
        approved++;
        minutes += r.getLong("minutes");
      }
    }
    return new Expected(approved, minutes, pending, 0, 0, 0, null);
  }

  private Expected expectedNeeds(String scope, int y) {
    long all = 0;
    long matched = 0;
    long unmatched = 0;
    List<Long> toMatch = new ArrayList<>();
    for (Document n : needs) {
      if (!in(scope).test(n) || !inYear(Instant.parse(n.getString("createdAt")), y)) {
        continue;
      }
      all++;
      if ("MATCHED".equals(n.getString("state"))) {
        matched++;
        toMatch.add(
            Duration.between(
                    Instant.parse(n.getString("createdAt")),
                    Instant.parse(n.getString("matchedAt")))
                .toMinutes());
      }
      if ("UNMATCHED".equals(n.getString("state"))) {
        unmatched++;
      }
    }
    toMatch.sort(Long::compare);
    Long median = toMatch.isEmpty() ? null : toMatch.get(toMatch.size() / 2);
    return new Expected(0, 0, 0, all, matched, unmatched, median);
  }

  private static Predicate<Document> in(String scope) {
    return d ->
        scope == null
            || scope.equals(d.getString("communityId"))
            || scope.equals(d.getString("streetId"));
  }

  private static boolean inYear(Instant at, int y) {
    return at.atZone(ZONE).getYear() == y;
  }

  // ------------------------------------------------------------------ the documents

  /**
   * A service record as ServiceRecords.fromOrder (and approve) writes it, ending at {@code end}.
   */
  private void record(String community, String status, Instant end, long minutes) {
    String id = "SR-ORD-" + (++sequence) + "-V-BKT-1";
    long changedAt = Instant.now().toEpochMilli();
    Document doc =
        new Document("volunteerId", "V-BKT-1")
            .append("accountId", "vol-bkt-1")
            .append("volunteerName", "测试志愿者")
            .append("residentId", "R-BKT-1")
            .append("source", "ORDER")
            .append("status", status)
            .append("communityId", community)
            .append("streetId", streetOf(community))
            .append("serviceKind", "GENERAL")
            .append("creditState", "APPROVED".equals(status) ? "DONE" : "NONE")
            .append("createdAt", Instant.ofEpochMilli(changedAt).toString())
            .append(ServiceRecords.CHANGED_AT, changedAt)
            .append("_id", id)
            .append("description", "助老服务")
            .append("orderId", "ORD-" + sequence)
            .append("originSystem", "PUBLIC")
            .append("role", "ASSIGNEE")
            .append("start", end == null ? null : end.minus(Duration.ofMinutes(minutes)).toString())
            .append("end", end == null ? null : end.toString())
            .append(ServiceRecords.END_MILLIS, end == null ? null : end.toEpochMilli())
            .append("minutes", minutes)
            .append("flags", end == null ? List.of("HOURS_TO_SET") : List.of());
    if ("APPROVED".equals(status) || "DENIED".equals(status)) {
      doc.append("decidedBy", "cw-bkt-01")
          .append("decidedAt", Instant.ofEpochMilli(changedAt).toString());
    }
    records.add(doc);
  }

  /** A need as NeedReactions writes it and the matcher moves it on, created at {@code created}. */
  private void need(String community, String state, Instant created, Duration toMatch) {
    String orderId = "PUBLIC-BKT-" + (++sequence);
    long changedAt = Instant.now().toEpochMilli();
    Document doc =
        new Document("_id", Needs.idOf(orderId))
            .append("source", "ORDER")
            .append("orderId", orderId)
            .append("originSystem", "PUBLIC")
            .append("orderType", "ELDERLY_CARE")
            .append("title", "助老服务")
            .append("skill", "ELDERLY_COMPANION")
            .append("note", null)
            .append("communityId", community)
            .append("streetId", streetOf(community))
            .append("residentId", "R-BKT-1")
            .append("state", state)
            .append("asked", List.of())
            .append("history", List.of())
            // far ahead: the matcher leaves the open and unmatched ones alone
            .append("dueAt", "2999-01-01T00:00:00Z")
            .append("createdAt", created.toString())
            .append(Needs.CREATED_AT_MILLIS, created.toEpochMilli())
            .append("announced", true)
            .append("sequence", 2L)
            .append(Needs.CHANGED_AT, changedAt);
    if (toMatch != null) {
      doc.append("volunteerId", "V-BKT-1")
          .append("matchedAt", created.plus(toMatch).toString())
          .append("matchedBy", "invitation");
    }
    needs.add(doc);
  }

  private static String streetOf(String community) {
    return community.equals(FAR) ? OTHER_STREET : STREET;
  }

  private String recordAt(String community, Instant end) {
    return records.stream()
        .filter(r -> community.equals(r.getString("communityId")))
        .filter(r -> end.toString().equals(r.getString("end")))
        .findFirst()
        .orElseThrow()
        .getString("_id");
  }

  private String needAt(String community, Instant created) {
    return needs.stream()
        .filter(n -> community.equals(n.getString("communityId")))
        .filter(n -> created.toString().equals(n.getString("createdAt")))
        .findFirst()
        .orElseThrow()
        .getString("_id");
  }

  private static Document model(List<Document> docs, String id) {
    return docs.stream().filter(d -> id.equals(d.getString("_id"))).findFirst().orElseThrow();
  }

  private Set<String> days(String collection, String community) {
    Set<String> days = new TreeSet<>();
    for (Document d :
        database
            .getCollection(collection)
            .find(
                new Document(DayBuckets.KIND, DayBuckets.DAY)
                    .append(DayBuckets.SCOPE, community))) {
      days.add(d.getString(DayBuckets.PERIOD));
    }
    return days;
  }

  private String buckets() {
    List<String> all = new ArrayList<>();
    for (String c : List.of(RecordStatistics.COLLECTION, NeedStatistics.COLLECTION)) {
      for (Document d : database.getCollection(c).find()) {
        all.add(c + " " + d.toJson());
      }
    }
    return String.join("\n", all);
  }

  private static Instant at(int y, int month, int day, int hour, int minute) {
    return LocalDateTime.of(y, month, day, hour, minute).atZone(ZONE).toInstant();
  }

  private static String day(Instant at) {
    return at.atZone(ZONE).toLocalDate().toString();
  }
}
