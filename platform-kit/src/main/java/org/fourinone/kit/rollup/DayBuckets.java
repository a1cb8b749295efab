package org.fourinone.kit.rollup;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@link Counts} of a collection's records kept per scope and day, and per scope and month, in
 * a bucket collection: a dashboard sums a few month documents instead of reading every record.
 *
 * <p>Every bucket is recounted from the records, never incremented ({@link #recount}): the day from
 * its records (the scope's equality and a range of the time field, which the records' compound
 * index {scope, time} serves), then the month from its days. A pass that is repeated, or stopped
 * between the two writes (a crash, {@code kill -9}), is mended by the next recount of the same day;
 * nothing is ever counted twice. A bucket carries the records' fields named as carried (a coarser
 * scope, such as the one above), so that it can be selected by them; an empty day or month is
 * deleted.
 *
 * <p>The buckets hold the days up to the one {@link #countedThrough()} names (the refresher's
 * closed days, {@link BucketRefresher}); the days after it — today, where most records change — are
 * counted from the records when asked ({@link #count}), so a busy day is not recounted over and
 * over while it fills, and a figure read right after a write already holds it.
 */
public final class DayBuckets {

  /** The bucket documents' fields. */
  public static final String SCOPE = "scope";

  public static final String PERIOD = "period";
  public static final String KIND = "kind";
  public static final String COUNTS = "counts";
  public static final String DAY = "day";
  public static final String MONTH = "month";

  private final MongoCollection<Document> records;
  private final MongoCollection<Document> buckets;
  private final String scopeField;
  private final String timeField;
  private final List<String> carried;
  private final List<Counts.Dimension> dimensions;
  private final ZoneId zone;

  /**
   * @param scopeField the records' field a bucket belongs to (one value per bucket)
   * @param timeField the records' time in epoch milliseconds, which puts a record on its day
   * @param carried the records' fields copied onto their buckets (the same for all of a scope)
   */
  public DayBuckets(
      MongoCollection<Document> records,
      MongoCollection<Document> buckets,
      String scopeField,
      String timeField,
      List<String> carried,
      List<Counts.Dimension> dimensions,
      ZoneId zone) {
    this.records = Objects.requireNonNull(records);
    this.buckets = Objects.requireNonNull(buckets);
    this.scopeField = Objects.requireNonNull(scopeField);
    this.timeField = Objects.requireNonNull(timeField);
    this.carried = List.copyOf(carried);
    this.dimensions = List.copyOf(dimensions);
    this.zone = Objects.requireNonNull(zone);
  }

  /** The buckets' indexes: a scope's months in order, and each carried field's months. */
  public void createIndexes() {
    buckets.createIndex(
        Indexes.ascending(KIND, SCOPE, PERIOD), new IndexOptions().name("kind_scope_period"));
    for (String field : carried) {
      buckets.createIndex(
          Indexes.ascending(KIND, field, PERIOD), new IndexOptions().name("kind_" + field));
    }
  }

  MongoCollection<Document> records() {
    return records;
  }

  MongoCollection<Document> buckets() {
    return buckets;
  }

  String scopeField() {
    return scopeField;
  }

  String timeField() {
    return timeField;
  }

  /** The document that names the last day the buckets hold. */
  static final String COUNTED = "counted";

  /** The last day whose records are all in the buckets; empty before the first count. */
  public Optional<LocalDate> countedThrough() {
    Document counted = counted();
    return counted == null || counted.getString("through") == null
        ? Optional.empty()
        : Optional.of(LocalDate.parse(counted.getString("through")));
  }

  /** The refresher's state: the last day the buckets hold and the time of the pass. */
  Document counted() {
    return buckets.find(eq("_id", COUNTED)).first();
  }

  void markCounted(LocalDate through, long passMillis) {
    buckets.replaceOne(
        eq("_id", COUNTED),
        new Document(KIND, COUNTED)
            .append("through", through.toString())
            .append("millis", passMillis),
        new ReplaceOptions().upsert(true));
  }

  /** The first instant of a day in the buckets' zone, in epoch milliseconds. */
  public long startOf(LocalDate day) {
    return day.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** The day of an epoch-millisecond time in the buckets' zone. */
  public LocalDate dayOf(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
  }

  /** Recounts a scope's day from its records and then its month from its days. */
  public void recount(String scope, LocalDate day) {
    recount(scope, List.of(day));
  }

  /**
   * Recounts a scope's days from their records, then each of their months once from its days (a
   * pass over a month's thirty days recounts the month once, not thirty times).
   */
  public void recount(String scope, Collection<LocalDate> days) {
    Set<YearMonth> months = new TreeSet<>();
    for (LocalDate day : days) {
      recountDay(scope, day);
      months.add(YearMonth.from(day));
    }
    for (YearMonth month : months) {
      recountMonth(scope, month);
    }
  }

  private void recountDay(String scope, LocalDate day) {
    List<Document> ofDay =
        records
            .find(
                and(
                    eq(scopeField, scope),
                    gte(timeField, startOf(day)),
                    lt(timeField, startOf(day.plusDays(1)))))
            .into(new ArrayList<>());
    if (ofDay.isEmpty()) {
      buckets.deleteOne(eq("_id", id(scope, day.toString())));
    } else {
      replace(bucket(DAY, scope, day.toString(), ofDay.get(0), Counts.tally(ofDay, dimensions)));
    }
  }

  private void recountMonth(String scope, YearMonth month) {
    List<Document> days =
        buckets
            .find(
                and(
                    eq(KIND, DAY),
                    eq(SCOPE, scope),
                    gte(PERIOD, month.atDay(1).toString()),
                    lt(PERIOD, month.plusMonths(1).atDay(1).toString())))
            .into(new ArrayList<>());
    if (days.isEmpty()) {
      buckets.deleteOne(eq("_id", id(scope, month.toString())));
      return;
    }
    Counts sum = new Counts();
    for (Document d : days) {
      sum.plus(d.get(COUNTS, Document.class));
    }
    replace(bucket(MONTH, scope, month.toString(), days.get(0), sum));
  }

  private void replace(Document bucket) {
    buckets.replaceOne(eq("_id", bucket.get("_id")), bucket, new ReplaceOptions().upsert(true));
  }

  /** A bucket's id: {@code scope|2026-12-02} for a day, {@code scope|2026-12} for a month. */
  private static String id(String scope, String period) {
    return scope + "|" + period;
  }

  private Document bucket(String kind, String scope, String period, Document from, Counts counts) {
    Document bucket =
        new Document("_id", id(scope, period))
            .append(KIND, kind)
            .append(SCOPE, scope)
            .append(PERIOD, period);
    for (String field : carried) {
      bucket.append(field, from.get(field));
    }
    return bucket.append(COUNTS, counts.toDocument());
  }

  /**
   * The sum of the months {@code [from, to)} of the buckets selected by a filter on their scope or
   * carried fields (an empty filter: all), e.g. {@code eq("scope", id)} or a carried field's
   * equality.
   */
  public Counts months(Bson which, YearMonth from, YearMonth to) {
    return sum(MONTH, which, from.toString(), to.toString());
  }

  /**
   * The counts of the records whose time is in {@code [fromMillis, toMillis)} and that {@code
   * records} selects — {@code buckets} being the same selection written for the buckets (their
   * scope or carried fields): the whole days the buckets hold from their month and day documents,
   * the rest (the partial days at either end, the days after {@link #countedThrough()}) from the
   * records. Exact whatever the bounds, e.g. {@code [0, cutoff)} for what is older than a cutoff.
   */
  public Counts count(Bson buckets, Bson records, long fromMillis, long toMillis) {
    Counts sum = Counts.tally(List.of(), dimensions); // every dimension, even with no records
    if (fromMillis >= toMillis) {
      return sum;
    }
    LocalDate firstDay = dayOf(fromMillis);
    LocalDate wholeFrom = startOf(firstDay) == fromMillis ? firstDay : firstDay.plusDays(1);
    LocalDate wholeTo = dayOf(toMillis); // exclusive: a partial last day is read from the records
    Optional<LocalDate> through = countedThrough();
    if (through.isEmpty() || through.get().plusDays(1).isBefore(wholeTo)) {
      wholeTo = through.map(d -> d.plusDays(1)).orElse(wholeFrom);
    }
    if (!wholeFrom.isBefore(wholeTo)) {
      return sum.plus(tally(records, fromMillis, toMillis));
    }
    sum.plus(tally(records, fromMillis, startOf(wholeFrom)));
    YearMonth firstMonth = YearMonth.from(wholeFrom.minusDays(1)).plusMonths(1);
    YearMonth endMonth = YearMonth.from(wholeTo);
    if (firstMonth.isBefore(endMonth)) {
      sum.plus(days(buckets, wholeFrom, firstMonth.atDay(1)));
      sum.plus(months(buckets, firstMonth, endMonth));
      sum.plus(days(buckets, endMonth.atDay(1), wholeTo));
    } else {
      sum.plus(days(buckets, wholeFrom, wholeTo));
    }
    return sum.plus(tally(records, startOf(wholeTo), toMillis));
  }

  /** The counts of the records a filter selects with time in {@code [fromMillis, toMillis)}. */
  public Counts tally(Bson which, long fromMillis, long toMillis) {
    if (fromMillis >= toMillis) {
      return Counts.tally(List.of(), dimensions);
    }
    return Counts.tally(
        records.find(and(which, gte(timeField, fromMillis), lt(timeField, toMillis))), dimensions);
  }

  /** The sum of the days {@code [from, to)} of the buckets selected by a filter. */
  public Counts days(Bson which, LocalDate from, LocalDate to) {
    return sum(DAY, which, from.toString(), to.toString());
  }

  private Counts sum(String kind, Bson which, String from, String to) {
    Counts sum = new Counts();
    if (from.compareTo(to) >= 0) {
      return sum;
    }
    for (Document b :
        buckets
            .find(and(eq(KIND, kind), which, gte(PERIOD, from), lt(PERIOD, to)))
            .projection(new Document(COUNTS, 1))) {
      sum.plus(b.get(COUNTS, Document.class));
    }
    return sum;
  }
}
