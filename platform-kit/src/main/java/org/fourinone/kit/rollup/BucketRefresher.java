package org.fourinone.kit.rollup;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoServerException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link DayBuckets} up to date: each pass finds the records changed since its watermark (the
 * records' own change time, set in the same write that changes them — no write of its own on their
 * path), recounts each touched scope-day and only then moves the watermark. A pass stopped half-way
 * ({@code kill -9}, a failed write) leaves the watermark where it was, so the next pass recounts
 * the same days again; recounts replace, so nothing is counted twice. The watermark lags the clock
 * by an overlap that covers the clocks of several replicas writing the records.
 *
 * <p>One replica at a time refreshes: a pass first takes (or extends) a lease in the bucket
 * collection; a replica that does not hold it skips the pass. Without a watermark (the first start
 * over existing records) a pass recounts every scope-day of the collection once. Records are never
 * deleted by the services that use this; a deleted record's day is mended when a record of the same
 * day changes.
 */
public final class BucketRefresher {

  private static final Logger log = LoggerFactory.getLogger(BucketRefresher.class);
  private static final String KIND = DayBuckets.KIND;
  private static final int DUPLICATE_KEY = 11000;

  private final DayBuckets buckets;
  private final String changedField;
  private final String holder;
  private final Duration overlap;
  private final Duration leaseFor;
  private final Clock clock;

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

  /** One pass: the number of scope-days recounted, or -1 when another replica holds the lease. */
  public int refresh() {
    long now = clock.millis();
    if (!lease(now)) {
      return -1;
    }
    Document mark = buckets.buckets().find(eq("_id", watermarkId())).first();
    Bson changed =
        mark == null
            ? new Document()
            : gt(changedField, mark.get("millis", Number.class).longValue() - overlap.toMillis());
    Map<String, Set<LocalDate>> touched = new LinkedHashMap<>();
    for (Document r :
        buckets
            .records()
            .find(changed)
            .projection(Projections.include(buckets.scopeField(), buckets.timeField()))) {
      Object scope = r.get(buckets.scopeField());
      if (scope != null && r.get(buckets.timeField()) instanceof Number millis) {
        touched
            .computeIfAbsent(scope.toString(), s -> new TreeSet<>())
            .add(buckets.dayOf(millis.longValue()));
      }
    }
    int recounted = 0;
    for (var scope : touched.entrySet()) {
      buckets.recount(scope.getKey(), scope.getValue());
      recounted += scope.getValue().size();
      if (mark == null) {
        log.info(
            "{}: first count, {} scope-days of {} scopes so far",
            holder,
            recounted,
            touched.size());
      }
    }
    buckets
        .buckets()
        .replaceOne(
            eq("_id", watermarkId()),
            new Document(KIND, "watermark").append("millis", now),
            new ReplaceOptions().upsert(true));
    return recounted;
  }

  private String watermarkId() {
    return "watermark:" + changedField;
  }

  /** Takes the lease when it is free or expired, or extends it when this replica holds it. */
  private boolean lease(long now) {
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
      return true;
    } catch (MongoServerException e) {
      if (e.getCode() == DUPLICATE_KEY) {
        // the lease exists, held by another replica and not expired: the upsert's insert collided
        return false;
      }
      throw e;
    }
  }
}
