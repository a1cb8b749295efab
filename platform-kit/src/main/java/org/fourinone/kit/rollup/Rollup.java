package org.fourinone.kit.rollup;

import com.mongodb.client.MongoCollection;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A collection's counts per scope and day kept up to date: the {@link DayBuckets} of its records
 * and the {@link BucketRefresher} that recounts them, as a service wires them for one figure — its
 * records' scope, time and change-time fields, the fields its buckets carry and its dimensions. A
 * periodic task calls {@link #refresh()}; a read calls {@link #count} — which writes nothing — as
 * often as it needs. This replica's holder name is its JVM's ({@code pid@host}).
 */
public final class Rollup {

  private final DayBuckets buckets;
  private final BucketRefresher refresher;

  /**
   * Creates the buckets' indexes and the records' change-time index; the records' own {scope, time}
   * (and {carried, time}, {time}) indexes, which a day's recount and today's part read through, are
   * the records' collection's to create.
   */
  public Rollup(
      MongoCollection<Document> records,
      MongoCollection<Document> buckets,
      String scopeField,
      String timeField,
      String changedField,
      List<String> carried,
      List<Counts.Dimension> dimensions,
      ZoneId zone,
      Duration overlap,
      Duration leaseFor,
      Clock clock) {
    this.buckets =
        new DayBuckets(records, buckets, scopeField, timeField, carried, dimensions, zone);
    this.refresher =
        new BucketRefresher(
            this.buckets,
            changedField,
            ManagementFactory.getRuntimeMXBean().getName(),
            overlap,
            leaseFor,
            clock);
    this.buckets.createIndexes();
    refresher.createIndex();
  }

  /** One refresher pass: the scope-days recounted, -1 if another replica holds the lease. */
  public int refresh() {
    return refresher.refresh();
  }

  /** {@link DayBuckets#count}: the records of a scope in a time range, exactly. */
  public Counts count(Bson bucketScope, Bson recordScope, long fromMillis, long toMillis) {
    return buckets.count(bucketScope, recordScope, fromMillis, toMillis);
  }

  /** The buckets of one scope (a community). */
  public static Bson scope(String value) {
    return new Document(DayBuckets.SCOPE, value);
  }
}
