package org.fourinone.order.application;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.rollup.Counts;
import org.fourinone.kit.rollup.Rollup;

/**
 * The dashboard's counts of the {@code orders} collection kept per community and day ({@code
 * order_stats}, docs/architecture.md "Statistics at district scale"): a district's or a street's
 * figures are a few month and day documents plus today's orders, not every order of the territory.
 * Kept by a {@link Rollup}'s refresher that finds changed orders by {@link Orders#CHANGED_AT},
 * which every write of an order sets in the same write (the commands, the insert, the projections).
 */
public final class OrderStatistics {

  public static final String COLLECTION = "order_stats";

  /** The buckets' dimensions: what the dashboard counts by. */
  static final String BY_ORIGIN = "originSystem";

  static final String BY_CHANNEL = "channel";
  static final String BY_STATUS = "status";
  static final String BY_TYPE = "type";
  static final String BY_COMMUNITY = "community";
  static final String BY_RATING = "rating";

  private static final List<Counts.Dimension> DIMENSIONS =
      List.of(
          new Counts.Dimension(BY_ORIGIN, o -> o.get("originSystem")),
          new Counts.Dimension(BY_CHANNEL, o -> o.get("channel")),
          new Counts.Dimension(BY_STATUS, o -> o.get("status")),
          new Counts.Dimension(BY_TYPE, o -> field(o, "orderType", "code")),
          new Counts.Dimension(BY_COMMUNITY, o -> o.get("communityId")),
          new Counts.Dimension(BY_RATING, o -> field(o, "rating", "level")));

  private final Rollup rollup;

  public OrderStatistics(
      MongoDatabase database, ZoneId zone, Duration overlap, Duration leaseFor, Clock clock) {
    this.rollup =
        new Rollup(
            database.getCollection(Orders.COLLECTION),
            database.getCollection(COLLECTION),
            "communityId",
            Orders.SORT_KEY,
            Orders.CHANGED_AT,
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
   * The counts of the orders created in {@code [fromMillis, toMillis)} of a territory, given as a
   * filter on the buckets ({@link #community}, {@link #street}, or empty for all) and the same
   * territory as a filter on the orders.
   */
  Counts count(Bson bucketTerritory, Bson orderTerritory, long fromMillis, long toMillis) {
    return rollup.count(bucketTerritory, orderTerritory, fromMillis, toMillis);
  }

  /** The buckets of one community. */
  static Bson community(String communityId) {
    return Rollup.scope(communityId);
  }

  /** The buckets of a street's communities. */
  static Bson street(String streetId) {
    return new Document("streetId", streetId);
  }

  private static Object field(Document order, String outer, String inner) {
    return order.get(outer) instanceof Document d ? d.get(inner) : null;
  }
}
