package org.fourinone.sanshe.statistics;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.rollup.Counts;
import org.fourinone.kit.rollup.DayBuckets;
import org.fourinone.kit.rollup.Rollup;
import org.fourinone.sanshe.dispatch.Dispatches;

/**
 * The figures' counts of the {@code dispatches} collection kept per community and day ({@code
 * dispatch_stats}, docs/architecture.md "Statistics at district scale"): a district's or a street's
 * orders by item, category, organisation and state, their times to accept and to complete and their
 * 好差评 are a few month and day documents plus today's dispatches, not every dispatch of the scope.
 * Kept by a {@link Rollup}'s refresher that finds changed dispatches by {@link
 * Dispatches#CHANGED_AT}, which every write of a dispatch that a figure reads sets in the same
 * write.
 *
 * <p>The durations are histograms of tenths of a minute, rounded as the figures show them: the
 * median of the rounded values is the rounded median (rounding keeps the order).
 */
public final class DispatchStatistics {

  public static final String COLLECTION = "dispatch_stats";

  /** The buckets' dimensions: what the figures count by. */
  static final String BY_ITEM = "byItem";

  static final String BY_CATEGORY = "byCategory";
  static final String BY_ORGANISATION = "byOrganisation";
  static final String BY_STATE = "byState";
  static final String ACCEPT_TENTHS = "acceptTenths";
  static final String COMPLETE_TENTHS = "completeTenths";
  static final String RATING_BY_ORGANISATION = "ratingByOrganisation";
  static final String RATING_BY_ITEM = "ratingByItem";

  /** Between the key and the level of a rating dimension's keys: {@code ORG-1|SATISFIED}. */
  static final char LEVEL_SEPARATOR = '|';

  private static final List<Counts.Dimension> DIMENSIONS =
      List.of(
          new Counts.Dimension(BY_ITEM, d -> d.get("itemName")),
          new Counts.Dimension(BY_CATEGORY, d -> d.get("categoryName")),
          new Counts.Dimension(BY_ORGANISATION, d -> d.get("acceptedOrganisationId")),
          new Counts.Dimension(BY_STATE, d -> d.get("state")),
          new Counts.Dimension(ACCEPT_TENTHS, d -> tenths(d, "acceptMillis")),
          new Counts.Dimension(COMPLETE_TENTHS, d -> tenths(d, "completeMillis")),
          new Counts.Dimension(RATING_BY_ORGANISATION, d -> rating(d, "organisationId")),
          new Counts.Dimension(RATING_BY_ITEM, d -> rating(d, "itemName")));

  private final Rollup rollup;

  public DispatchStatistics(
      MongoDatabase database, ZoneId zone, Duration overlap, Duration leaseFor, Clock clock) {
    // the dispatches' {communityId, placedAtMillis}, {streetId, placedAtMillis} and
    // {placedAtMillis} indexes, which a day's recount and today's part read through, are the
    // collection's own (Dispatches)
    this.rollup =
        new Rollup(
            database.getCollection(Dispatches.COLLECTION),
            database.getCollection(COLLECTION),
            "communityId",
            Dispatches.PLACED_AT,
            Dispatches.CHANGED_AT,
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
   * The counts of every dispatch of a scope: the ended days from the buckets (a change to a
   * dispatch of an ended day — completed today, placed yesterday — after the next refresher pass),
   * today from the dispatches.
   */
  Counts count(String communityId, String streetId, Bson dispatchScope) {
    return rollup.count(bucketScope(communityId, streetId), dispatchScope, 0, Long.MAX_VALUE);
  }

  /** The buckets of a community, of a street's communities, or (both null) all. */
  private static Bson bucketScope(String communityId, String streetId) {
    Document which = new Document();
    if (communityId != null) {
      which.append(DayBuckets.SCOPE, communityId); // Rollup.scope's field
    }
    if (streetId != null) {
      which.append("streetId", streetId);
    }
    return which;
  }

  /**
   * A duration in tenths of a minute, computed as the figures round it ({@code Math.round(minutes *
   * 10)}); none (no key at all, not {@link Counts#NONE}) when the dispatch has no such duration.
   */
  private static Object tenths(Document dispatch, String field) {
    return dispatch.get(field) instanceof Number millis
        ? Math.round(millis.longValue() / 60_000.0 * 10)
        : List.of();
  }

  /** {@code key|level} of a rated dispatch; none (no key at all) when it is not rated. */
  private static Object rating(Document dispatch, String keyField) {
    Object level = dispatch.get("rating");
    if (level == null) {
      return List.of();
    }
    Object key = dispatch.get(keyField);
    return (key == null ? Counts.NONE : key.toString()) + LEVEL_SEPARATOR + level;
  }
}
