package org.fourinone.volunteer.statistics;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.rollup.Counts;
import org.fourinone.kit.rollup.Rollup;
import org.fourinone.volunteer.records.ServiceRecords;

/**
 * The figures' counts of the {@code service_records} collection kept per community and day of the
 * service's end ({@code service_record_stats}, docs/architecture.md "Statistics at district
 * scale"): a street's or the district's approved records and hours of a year are a few month and
 * day documents plus today's records, not every record of the scope's year. Kept by a {@link
 * Rollup} that finds changed records by {@link ServiceRecords#CHANGED_AT}, which every write of a
 * record sets in the same write; a record is on the day of {@link ServiceRecords#END_MILLIS}, so
 * one without an end (a pending record of an order that never started) and one written before these
 * fields existed are in no bucket.
 *
 * <p>The approved minutes are a histogram: their sum is Σ minutes × count over its keys.
 */
public final class RecordStatistics {

  public static final String COLLECTION = "service_record_stats";

  /** The buckets' dimensions: a record's status, and its minutes when approved. */
  static final String BY_STATUS = "status";

  static final String APPROVED_MINUTES = "approvedMinutes";

  private static final List<Counts.Dimension> DIMENSIONS =
      List.of(
          new Counts.Dimension(BY_STATUS, r -> r.get("status")),
          new Counts.Dimension(APPROVED_MINUTES, RecordStatistics::approvedMinutes));

  private final Rollup rollup;

  public RecordStatistics(
      MongoDatabase database, ZoneId zone, Duration overlap, Duration leaseFor, Clock clock) {
    // the records' {communityId, endMillis}, {streetId, endMillis} and {endMillis} indexes, which
    // a day's recount and today's part read through, are the collection's own (ServiceRecords)
    this.rollup =
        new Rollup(
            database.getCollection(ServiceRecords.COLLECTION),
            database.getCollection(COLLECTION),
            "communityId",
            ServiceRecords.END_MILLIS,
            ServiceRecords.CHANGED_AT,
            List.of("streetId"),
            DIMENSIONS,
            zone,
            overlap,
            leaseFor,
            clock);
  }

  /** One refresher pass (a periodic task runs it): the community-days recounted, -1 if not ours. */
  public int refresh() {
    return rollup.refresh();
  }

  /**
   * The counts of the records of a scope — {@code bucketScope} on the buckets, {@code recordScope}
   * the same on the records — whose service ended in {@code [fromMillis, toMillis)}.
   */
  Counts count(Bson bucketScope, Bson recordScope, long fromMillis, long toMillis) {
    return rollup.count(bucketScope, recordScope, fromMillis, toMillis);
  }

  /** The sum of the approved minutes counted: Σ minutes × records over the histogram. */
  static long approvedMinutes(Counts counts) {
    long sum = 0;
    for (var e : counts.counts(APPROVED_MINUTES).entrySet()) {
      if (!Counts.NONE.equals(e.getKey())) {
        sum += Long.parseLong(e.getKey()) * e.getValue();
      }
    }
    return sum;
  }

  private static Object approvedMinutes(Document record) {
    return ServiceRecords.Status.APPROVED.name().equals(record.get("status"))
            && record.get("minutes") instanceof Number minutes
        ? minutes.longValue()
        : null;
  }
}
