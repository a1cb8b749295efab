package org.fourinone.kit.rollup;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresher over the wire: what changed is found, a failed pass is mended, one holder. */
class BucketRefresherTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final long START = Instant.parse("2026-12-02T04:00:00Z").toEpochMilli();
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final AtomicLong now = new AtomicLong(START);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now.get());
        }
      };
  private MongoCollection<Document> records;
  private MongoCollection<Document> bucketDocs;

  @BeforeEach
  void collections() {
    MongoDatabase db = WireServer.emptyDatabase("refresher");
    records = db.getCollection("records");
    records.createIndex(Indexes.ascending("unit", "at"));
    bucketDocs = db.getCollection("buckets");
  }

  @Test
  void theFirstPassCountsEveryDayThenOnlyWhatChanged() {
    for (int i = 0; i < 40; i++) {
      // records written before the refresher existed carry no change time
      records.insertOne(record("r" + i, "U-" + (i % 4), START - (i % 10) * DAY, "OPEN"));
    }
    BucketRefresher refresher = refresher(buckets(), "a");

    // (i mod 4, i mod 10) takes 20 distinct pairs: every scope-day once but today's two (U-0 and
    // U-2 on day 0), which stay with the records
    assertThat(refresher.refresh()).isEqualTo(18);
    assertThat(all().get("byState", "OPEN")).isEqualTo(40);
    assertThat(bucketed().get("byState", "OPEN"))
        .as("today's 4 are not in the buckets")
        .isEqualTo(36);

    now.addAndGet(60_000);
    assertThat(refresher.refresh()).as("nothing changed beyond the overlap").isZero();

    now.addAndGet(60_000);
    records.updateOne(eq("_id", "r7"), change("DONE"));
    records.insertOne(record("r40", "U-0", START, "OPEN").append("changedAt", now.get()));
    assertThat(refresher.refresh()).as("the day of r7; r40's is today").isEqualTo(1);
    assertThat(all().counts("byState")).containsEntry("OPEN", 40L).containsEntry("DONE", 1L);
  }

  @Test
  void atMidnightTheDayThatEndedIsCountedIntoTheBuckets() {
    for (int i = 0; i < 12; i++) {
      records.insertOne(record("r" + i, "U-" + (i % 3), START - (i % 2) * DAY, "OPEN"));
    }
    BucketRefresher refresher = refresher(buckets(), "a");
    assertThat(refresher.refresh()).as("yesterday's three scopes").isEqualTo(3);
    records.updateOne(eq("_id", "r0"), change("DONE"));
    assertThat(all().counts("byState")).containsEntry("OPEN", 11L).containsEntry("DONE", 1L);

    now.addAndGet(DAY);
    assertThat(refresher.refresh()).as("the day that ended: its three scopes").isEqualTo(3);
    assertThat(bucketed().counts("byState")).containsEntry("OPEN", 11L).containsEntry("DONE", 1L);
    assertThat(all()).isEqualTo(bucketed());

    now.addAndGet(3 * DAY);
    assertThat(refresher.refresh()).as("days without records add nothing").isZero();
    assertThat(buckets().countedThrough()).contains(buckets().dayOf(now.get()).minusDays(1));
    assertThat(all().total("byState")).isEqualTo(12);
  }

  @Test
  void aPassStoppedHalfWayLeavesTheWatermarkAndTheNextPassIsExact() {
    for (int i = 0; i < 30; i++) {
      records.insertOne(record("r" + i, "U-" + (i % 3), START - (i % 5) * DAY, "OPEN"));
    }
    refresher(buckets(), "a").refresh();
    now.addAndGet(60_000);
    for (int i = 0; i < 30; i += 2) {
      records.updateOne(eq("_id", "r" + i), change("DONE"));
    }
    records.updateOne(eq("_id", "r1"), new Document("$set", new Document("boom", true)));
    records.updateOne(eq("_id", "r1"), change("OPEN"));
    // a dimension that fails on r1 stands for the process dying in the middle of the pass
    DayBuckets failing =
        new DayBuckets(
            records,
            bucketDocs,
            "unit",
            "at",
            List.of(),
            List.of(
                new Counts.Dimension(
                    "byState",
                    r -> {
                      if (r.getBoolean("boom", false)) {
                        throw new IllegalStateException("killed");
                      }
                      return r.get("state");
                    })),
            ZONE);
    assertThatThrownBy(() -> refresher(failing, "a").refresh()).hasMessage("killed");

    now.addAndGet(60_000);
    records.updateOne(eq("_id", "r1"), new Document("$unset", new Document("boom", "")));
    refresher(buckets(), "a").refresh();

    assertThat(all().counts("byState")).containsEntry("OPEN", 15L).containsEntry("DONE", 15L);
    assertThat(all().total("byState")).isEqualTo(30);
  }

  @Test
  void oneHolderAtATimeUntilItsLeaseRunsOut() {
    records.insertOne(record("r1", "U-1", START, "OPEN"));
    BucketRefresher a = refresher(buckets(), "a");
    BucketRefresher b = refresher(buckets(), "b");

    records.insertOne(record("r0", "U-1", START - DAY, "OPEN"));
    assertThat(a.refresh()).isEqualTo(1);
    assertThat(b.refresh()).isEqualTo(-1);
    now.addAndGet(5_000);
    assertThat(a.refresh()).as("the holder extends its lease").isZero();
    now.addAndGet(Duration.ofSeconds(31).toMillis());
    assertThat(b.refresh()).as("an expired lease is taken over").isGreaterThanOrEqualTo(0);
    assertThat(a.refresh()).isEqualTo(-1);
  }

  private DayBuckets buckets() {
    return new DayBuckets(
        records,
        bucketDocs,
        "unit",
        "at",
        List.of(),
        List.of(new Counts.Dimension("byState", r -> r.get("state"))),
        ZONE);
  }

  private BucketRefresher refresher(DayBuckets buckets, String holder) {
    BucketRefresher refresher =
        new BucketRefresher(
            buckets, "changedAt", holder, Duration.ofSeconds(10), Duration.ofSeconds(30), clock);
    refresher.createIndex();
    return refresher;
  }

  /** Every record's counts: the buckets' days and today's records. */
  private Counts all() {
    return buckets().count(new Document(), new Document(), 0, Long.MAX_VALUE);
  }

  /** What the buckets alone hold. */
  private Counts bucketed() {
    return buckets().months(new Document(), YearMonth.of(2020, 1), YearMonth.of(2030, 1));
  }

  private Document change(String state) {
    return new Document("$set", new Document("state", state).append("changedAt", now.get()));
  }

  private static Document record(String id, String unit, long at, String state) {
    return new Document("_id", id).append("unit", unit).append("at", at).append("state", state);
  }
}
