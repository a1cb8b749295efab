package org.fourinone.kit.rollup;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The buckets over the MongoDB wire protocol (the embedded server), recounted and summed. */
class DayBucketsTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final List<Counts.Dimension> DIMENSIONS =
      List.of(
          new Counts.Dimension("byState", r -> r.get("state")),
          new Counts.Dimension("waited", r -> r.get("waited")));

  private MongoCollection<Document> records;
  private MongoCollection<Document> buckets;
  private DayBuckets rollup;

  @BeforeEach
  void collections() {
    MongoDatabase db = WireServer.emptyDatabase("rollup");
    records = db.getCollection("records");
    records.createIndex(Indexes.ascending("unit", "at"));
    buckets = db.getCollection("records_buckets");
    rollup = new DayBuckets(records, buckets, "unit", "at", List.of("area"), DIMENSIONS, ZONE);
    rollup.createIndexes();
  }

  @Test
  void theMonthsOfAnAreaSumToTheTallyOfItsRecordsAndARepeatedPassChangesNothing() {
    List<Document> all = seed(new Random(14), 600);
    recountEveryTouchedDay(all);
    List<Document> once = buckets.find().into(new ArrayList<>());

    recountEveryTouchedDay(all);

    assertThat(buckets.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(once);
    for (String area : List.of("S-1", "S-2")) {
      Counts expected =
          Counts.tally(all.stream().filter(r -> r.get("area").equals(area)).toList(), DIMENSIONS);
      Counts months = rollup.months(eq("area", area), YearMonth.of(2026, 1), YearMonth.of(2027, 1));
      assertThat(months.toDocument()).isEqualTo(expected.toDocument());
    }
    Counts oneUnit =
        Counts.tally(all.stream().filter(r -> r.get("unit").equals("U-3")).toList(), DIMENSIONS);
    assertThat(
            rollup.months(
                eq(DayBuckets.SCOPE, "U-3"), YearMonth.of(2026, 1), YearMonth.of(2027, 1)))
        .isEqualTo(oneUnit);
    assertThat(
            rollup
                .months(eq(DayBuckets.SCOPE, "U-3"), YearMonth.of(2026, 1), YearMonth.of(2027, 1))
                .valueAt("waited", (oneUnit.values("waited") - 1) / 2))
        .isEqualTo(oneUnit.valueAt("waited", (oneUnit.values("waited") - 1) / 2));
  }

  @Test
  void
      aCountOverAnyTimeRangeEqualsTheTallyOfItsRecords_bucketsForTheCountedDaysRecordsForTheRest() {
    List<Document> all = seed(new Random(1214), 600);
    LocalDate through = LocalDate.of(2026, 9, 14);
    Set<String> done = new HashSet<>();
    for (Document r : all) {
      LocalDate day = rollup.dayOf(r.getLong("at"));
      if (!day.isAfter(through) && done.add(r.getString("unit") + day)) {
        rollup.recount(r.getString("unit"), day);
      }
    }
    assertThat(rollup.count(new Document(), new Document(), 0, Long.MAX_VALUE).total("byState"))
        .as("before the first count everything is read from the records")
        .isEqualTo(600);
    rollup.markCounted(through, 0);
    // a record of a counted day that changed after its recount would be the refresher's to mend;
    // here the buckets hold exactly the records of the days through the 14th of September
    List<long[]> ranges = new ArrayList<>();
    ranges.add(new long[] {0, Long.MAX_VALUE});
    ranges.add(
        new long[] {
          at(LocalDateTime.of(2026, 2, 1, 0, 0)), at(LocalDateTime.of(2026, 5, 1, 0, 0))
        });
    ranges.add(
        new long[] {
          at(LocalDateTime.of(2026, 3, 5, 13, 0)), at(LocalDateTime.of(2026, 10, 2, 0, 0))
        });
    ranges.add(
        new long[] {
          at(LocalDateTime.of(2026, 9, 10, 7, 0)), at(LocalDateTime.of(2026, 9, 12, 0, 0))
        });
    ranges.add(
        new long[] {
          at(LocalDateTime.of(2026, 9, 14, 7, 0)), at(LocalDateTime.of(2026, 9, 16, 3, 0))
        });
    ranges.add(
        new long[] {
          at(LocalDateTime.of(2026, 4, 3, 7, 0)), at(LocalDateTime.of(2026, 4, 3, 9, 0))
        });
    ranges.add(new long[] {0, at(LocalDateTime.of(2026, 6, 30, 18, 0))});
    Random random = new Random(5);
    long year = at(LocalDateTime.of(2026, 1, 1, 0, 0));
    for (int i = 0; i < 20; i++) {
      long a = year + (long) (random.nextDouble() * 365 * 86_400_000L);
      long b = year + (long) (random.nextDouble() * 365 * 86_400_000L);
      ranges.add(new long[] {Math.min(a, b), Math.max(a, b)});
    }
    for (long[] range : ranges) {
      for (String area : List.of("S-1", "S-2")) {
        Counts expected =
            Counts.tally(
                all.stream()
                    .filter(r -> r.get("area").equals(area))
                    .filter(r -> r.getLong("at") >= range[0] && r.getLong("at") < range[1])
                    .toList(),
                DIMENSIONS);
        assertThat(
                rollup.count(eq("area", area), eq("area", area), range[0], range[1]).toDocument())
            .as("%s in [%d, %d)", area, range[0], range[1])
            .isEqualTo(expected.toDocument());
      }
    }
    // whole counted days come from the buckets alone: the same figures with no record left
    long february = at(LocalDateTime.of(2026, 2, 1, 0, 0));
    long may = at(LocalDateTime.of(2026, 5, 1, 0, 0));
    Counts spring = rollup.count(new Document(), new Document(), february, may);
    records.deleteMany(new Document());
    assertThat(rollup.count(new Document(), new Document(), february, may)).isEqualTo(spring);
    assertThat(spring.total("byState"))
        .isEqualTo(
            all.stream().filter(r -> r.getLong("at") >= february && r.getLong("at") < may).count());
  }

  @Test
  void aChangedRecordMovesBetweenKeysAtTheNextRecountAndAnEmptiedDayIsGone() {
    long noonOnDecember2 = at(LocalDateTime.of(2026, 12, 2, 12, 0));
    records.insertOne(record("r1", "U-1", "S-1", noonOnDecember2, "OPEN", 5));
    records.insertOne(record("r2", "U-1", "S-1", noonOnDecember2 + 1, "OPEN", 9));
    LocalDate day = rollup.dayOf(noonOnDecember2);
    rollup.recount("U-1", day);
    assertThat(month("U-1").get("byState", "OPEN")).isEqualTo(2);

    records.updateOne(eq("_id", "r1"), new Document("$set", new Document("state", "DONE")));
    rollup.recount("U-1", day);
    assertThat(month("U-1").counts("byState")).containsEntry("OPEN", 1L).containsEntry("DONE", 1L);
    assertThat(rollup.days(eq(DayBuckets.SCOPE, "U-1"), day, day.plusDays(1)).total("byState"))
        .isEqualTo(2);

    records.deleteMany(eq("unit", "U-1"));
    rollup.recount("U-1", day);
    assertThat(buckets.countDocuments()).isZero();
  }

  @Test
  void aRecordJustAfterMidnightInTheZoneIsOnTheNextDayAndMonth() {
    long lastMinuteOfNovember = at(LocalDateTime.of(2026, 11, 30, 23, 59));
    long firstMinuteOfDecember = at(LocalDateTime.of(2026, 12, 1, 0, 0));
    records.insertOne(record("r1", "U-1", "S-1", lastMinuteOfNovember, "OPEN", 1));
    records.insertOne(record("r2", "U-1", "S-1", firstMinuteOfDecember, "OPEN", 1));
    rollup.recount("U-1", rollup.dayOf(lastMinuteOfNovember));
    rollup.recount("U-1", rollup.dayOf(firstMinuteOfDecember));

    assertThat(buckets.find(eq("_id", "U-1|2026-11")).first()).isNotNull();
    assertThat(buckets.find(eq("_id", "U-1|2026-12-01")).first()).isNotNull();
    assertThat(
            rollup
                .months(eq("area", "S-1"), YearMonth.of(2026, 12), YearMonth.of(2027, 1))
                .total("byState"))
        .isEqualTo(1);
    assertThat(buckets.find(eq("_id", "U-1|2026-12")).first().getString("area")).isEqualTo("S-1");
  }

  @Test
  void theDayOfATimeIsThatOfTheZoneNotOfUtc() {
    long justAfterMidnightInShanghai =
        java.time.Instant.parse("2026-11-30T16:30:00Z").toEpochMilli();

    assertThat(rollup.dayOf(justAfterMidnightInShanghai)).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(
            new DayBuckets(records, buckets, "unit", "at", List.of(), DIMENSIONS, ZoneId.of("UTC"))
                .dayOf(justAfterMidnightInShanghai))
        .isEqualTo(LocalDate.of(2026, 11, 30));
  }

  private Counts month(String unit) {
    return rollup.months(eq(DayBuckets.SCOPE, unit), YearMonth.of(2026, 1), YearMonth.of(2027, 1));
  }

  private void recountEveryTouchedDay(List<Document> all) {
    Set<String> done = new HashSet<>();
    for (Document r : all) {
      LocalDate day = rollup.dayOf(r.getLong("at"));
      if (done.add(r.getString("unit") + day)) {
        rollup.recount(r.getString("unit"), day);
      }
    }
  }

  private List<Document> seed(Random random, int n) {
    String[] states = {"OPEN", "DONE", "CANCELLED"};
    List<Document> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int unit = random.nextInt(6);
      long time =
          at(LocalDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28), 0, 0))
              + random.nextInt(86_400_000);
      all.add(
          record(
              "r" + i,
              "U-" + unit,
              unit < 3 ? "S-1" : "S-2",
              time,
              states[random.nextInt(states.length)],
              random.nextInt(4) == 0 ? null : random.nextInt(300)));
    }
    records.insertMany(all);
    return all;
  }

  private static Document record(
      String id, String unit, String area, long at, String state, Integer waited) {
    Document r =
        new Document("_id", id)
            .append("unit", unit)
            .append("area", area)
            .append("at", at)
            .append("state", state);
    return waited == null ? r : r.append("waited", waited);
  }

  private static long at(LocalDateTime local) {
    return local.atZone(ZONE).toInstant().toEpochMilli();
  }
}
