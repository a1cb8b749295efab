package org.fourinone.kit.rollup;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoServerException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link DayBuckets} up to date: each pass counts the days that ended since the last one and
 * recounts those of the records changed since it (the records' own change time, set in the same
 * write that changes them — no write of its own on their path), and only then records how far it
 * got. Today stays with the records ({@link DayBuckets#count} reads it from them), so the busiest
 * day is not recounted pass after pass while it fills. A pass stopped half-way ({@code kill -9}, a
 * failed write) leaves that record where it was, so the next pass recounts the same days again;
 * recounts replace, so nothing is counted twice. The change time is read back with an overlap that
 * covers the clocks of several replicas writing the records and a write's own delay.
 *
 * <p>One replica at a time refreshes: a pass first takes (or, once half of it has run, extends) a
 * lease in the bucket collection; a replica that does not hold it skips the pass. The first pass
 * over existing records (the first start of a district that already has them) counts every ended
 * scope-day once, logging its progress. Records are never deleted by the services that use this; a
 * deleted record's day is mended when a record of the same day changes.
 */
public final class BucketRefresher {

  private static final Logger log = LoggerFactory.getLogger(BucketRefresher.class);
  private static final String KIND = DayBuckets.KIND;
  private static final int DUPLICATE_KEY = 11000;

  /** The longest a running refresher leaves its mark unwritten. */
  private static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private final DayBuckets buckets;
  private final String changedField;
  private final String holder;
  private final Duration overlap;
  private final Duration leaseFor;
  private final Clock clock;

  /** Until when this replica's lease runs, as it last wrote it (0: not held). */
  private long heldUntil;

  private final ReentrantLock lock = new ReentrantLock();

  public BucketRefresher(
      DayBuckets buckets,
      String changedField,
      String holder,
      Duration overlap,
      Duration leaseFor,
      Clock clock) {
    this.buckets = Objects.requireNonNull(buckets);
    this.changedField = Objects.requireNonNull(changedField);
    this.holder = Objects.requireNonNull(holder);
    this.overlap = Objects.requireNonNull(overlap);
    this.leaseFor = Objects.requireNonNull(leaseFor);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The records' index that finds what changed since a watermark. */
  public void createIndex() {
    buckets
        .records()
        .createIndex(Indexes.ascending(changedField), new IndexOptions().name(changedField));
  }

  /**
   * One pass: the number of scope-days recounted, or -1 when another replica holds the lease. The
   * days before today (in the buckets' zone) are counted: those that ended since the last pass (all
   * of them on the first pass) and those of the records changed since it; today stays with the
   * records ({@link DayBuckets#count}).
   */
  public int refresh() {
    lock.lock();
    try {
      return pass();
    } finally {
      lock.unlock();
    }
  }

  private int pass() {
    long now = clock.millis();
    Document counted = buckets.counted();
    if (!lease(now)) {
      return -1;
    }
    LocalDate today = buckets.dayOf(now);
    Map<String, Set<LocalDate>> touched = new LinkedHashMap<>();
    int seen;
    boolean dayEnded;
    if (counted == null) {
      // the first pass over records written before the buckets existed: every ended day
      seen = collect(lt(buckets.timeField(), buckets.startOf(today)), today, touched);
      dayEnded = true;
    } else {
      LocalDate through = LocalDate.parse(counted.getString("through"));
      dayEnded = through.plusDays(1).isBefore(today);
      seen = 0;
      if (dayEnded) {
        // days that ended since the last pass (midnight, or a replica that was down)
        seen +=
            collect(
                and(
                    gte(buckets.timeField(), buckets.startOf(through.plusDays(1))),
                    lt(buckets.timeField(), buckets.startOf(today))),
                today,
                touched);
      }
      long since = markMillis(counted) - overlap.toMillis();
      seen += collect(gt(changedField, since), today, touched);
    }
    int recounted = recount(touched, counted == null);
    if (dayEnded || seen > 0 || now - markMillis(counted) >= HEARTBEAT.toMillis()) {
      // nothing read and no day ended: the mark stays (a pass that finds nothing writes nothing),
      // and the next pass reads from it again — but at least every HEARTBEAT it shows passes run
      buckets.markCounted(today.minusDays(1), now);
    }
    return recounted;
  }

  private static long markMillis(Document counted) {
    return counted == null ? 0 : counted.get("millis", Number.class).longValue();
  }

  private int recount(Map<String, Set<LocalDate>> touched, boolean first) {
    int recounted = 0;
    for (var scope : touched.entrySet()) {
      buckets.recount(scope.getKey(), scope.getValue());
      recounted += scope.getValue().size();
      if (first) {
        log.info(
            "{}: first count, {} scope-days of {} scopes so far",
            holder,
            recounted,
            touched.size());
      }
    }
    return recounted;
  }

  /** The scope-days before {@code today} of the records a filter selects; how many it read. */
  private int collect(Bson which, LocalDate today, Map<String, Set<LocalDate>> touched) {
    int read = 0;
    for (Document r :
        buckets
            .records()
            .find(which)
            .projection(Projections.include(buckets.scopeField(), buckets.timeField()))) {
      Object scope = r.get(buckets.scopeField());
      if (scope != null && r.get(buckets.timeField()) instanceof Number millis) {
        LocalDate day = buckets.dayOf(millis.longValue());
        if (day.isBefore(today)) {
          touched.computeIfAbsent(scope.toString(), s -> new TreeSet<>()).add(day);
        }
      }
      read++;
    }
    return read;
  }

  /**
   * Takes the lease when it is free or expired, or extends it when this replica holds it — a write
   * only once half of it has run, not every pass.
   */
  private boolean lease(long now) {
    if (now < heldUntil - leaseFor.toMillis() / 2) {
      return true;
    }
    try {
      buckets
          .buckets()
          .findOneAndUpdate(
              and(eq("_id", "lease"), or(eq("holder", holder), lt("until", now))),
              Updates.combine(
                  Updates.set(KIND, "lease"),
                  Updates.set("holder", holder),
                  Updates.set("until", now + leaseFor.toMillis())),
              new FindOneAndUpdateOptions().upsert(true));
      heldUntil = now + leaseFor.toMillis();
      return true;
    } catch (MongoServerException e) {
      heldUntil = 0;
      if (e.getCode() == DUPLICATE_KEY) {
        // the lease exists, held by another replica and not expired: the upsert's insert collided
        return false;
      }
      throw e;
    }
  }
}
