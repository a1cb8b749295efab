package org.fourinone.volunteer.statistics;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.rollup.Counts;
import org.fourinone.kit.rollup.Rollup;
import org.fourinone.volunteer.matching.Needs;

/**
 * The figures' counts of the {@code needs} collection kept per community and day of a need's
 * creation ({@code need_stats}, docs/architecture.md "Statistics at district scale"): a street's or
 * the district's needs of a year, matched and unmatched, and the median time to a match are a few
 * month and day documents plus today's needs, not every need of the scope's year. Kept by a {@link
 * Rollup} that finds changed needs by {@link Needs#CHANGED_AT}, which every write of a need but its
 * lease sets in the same write; a need is on the day of {@link Needs#CREATED_AT_MILLIS}, so one
 * written before these fields existed is in no bucket.
 *
 * <p>The minutes to a match are a histogram of whole minutes: its median is that of the minutes.
 */
public final class NeedStatistics {

  public static final String COLLECTION = "need_stats";

  /** The buckets' dimensions: a need's state, and its minutes to the match when matched. */
  static final String BY_STATE = "state";

  static final String MINUTES_TO_MATCH = "minutesToMatch";

  private static final List<Counts.Dimension> DIMENSIONS =
      List.of(
          new Counts.Dimension(BY_STATE, n -> n.get("state")),
          new Counts.Dimension(MINUTES_TO_MATCH, NeedStatistics::minutesToMatch));

  private final Rollup rollup;

  public NeedStatistics(
      MongoDatabase database, ZoneId zone, Duration overlap, Duration leaseFor, Clock clock) {
    // the needs' {communityId, createdAtMillis}, {streetId, createdAtMillis} and {createdAtMillis}
    // indexes, which a day's recount and today's part read through, are the collection's own
    // (Needs)
    this.rollup =
        new Rollup(
            database.getCollection(Needs.COLLECTION),
            database.getCollection(COLLECTION),
            "communityId",
            Needs.CREATED_AT_MILLIS,
            Needs.CHANGED_AT,
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
   * The counts of the needs of a scope — {@code bucketScope} on the buckets, {@code needScope} the
   * same on the needs — created in {@code [fromMillis, toMillis)}.
   */
  Counts count(Bson bucketScope, Bson needScope, long fromMillis, long toMillis) {
    return rollup.count(bucketScope, needScope, fromMillis, toMillis);
  }

  /** The upper median of the minutes to a match counted ({@code sorted.get(n / 2)}), or null. */
  static Long medianMinutesToMatch(Counts counts) {
    long n = counts.values(MINUTES_TO_MATCH);
    if (n == 0) {
      return null;
    }
    return counts.valueAt(MINUTES_TO_MATCH, n / 2).getAsLong();
  }

  /** Whole minutes from creation to the match of a matched need (none without a match time). */
  private static Object minutesToMatch(Document need) {
    if (!Needs.State.MATCHED.name().equals(need.get("state"))
        || !(need.get("matchedAt") instanceof String matchedAt)
        || !(need.get("createdAt") instanceof String createdAt)) {
      return null;
    }
    return Duration.between(Instant.parse(createdAt), Instant.parse(matchedAt)).toMinutes();
  }
}
