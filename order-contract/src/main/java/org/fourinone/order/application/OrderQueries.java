package org.fourinone.order.application;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.rollup.Counts;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.Order;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;

/**
 * The read side a front-end needs beyond one order: a worker's queue of the orders of their
 * territory from all four systems, and the aggregate figures of a dashboard, computed by the store
 * (one aggregation, never every order to the caller). Both are bounded by the caller's territory
 * (docs/security.md): a filter can narrow it, never widen it.
 */
public final class OrderQueries {

  /** Statuses in which an order still waits for someone. */
  public static final Set<OrderStatus> OPEN =
      EnumSet.of(
          OrderStatus.SUBMITTED,
          OrderStatus.ACCEPTED,
          OrderStatus.ASSIGNED,
          OrderStatus.IN_PROGRESS);

  /** 非常满意 5 … 非常不满意 1: the score of each level in the mean. */
  private static final Map<String, Integer> SCORE =
      Map.of(
          SatisfactionLevel.VERY_SATISFIED.name(), 5,
          SatisfactionLevel.SATISFIED.name(), 4,
          SatisfactionLevel.BASICALLY_SATISFIED.name(), 3,
          SatisfactionLevel.DISSATISFIED.name(), 2,
          SatisfactionLevel.VERY_DISSATISFIED.name(), 1);

  /** Who may see the dashboard: people who run a territory, and the partner systems. */
  static boolean readsStatistics(Actor caller) {
    return caller.has(Role.PARTNER_SYSTEM) || AccessPolicy.runsATerritory(caller);
  }

  /** A queue's filters; every member may be null. */
  public record Query(
      String originSystem,
      String status,
      String channel,
      String type,
      String communityId,
      Integer olderThanHours,
      boolean oldestFirst) {}

  /** A count under one key (a system, a channel, a status, a type, a community, a level). */
  public record Count(String key, long count) {}

  /**
   * How residents rated the orders: how many were rated, the mean score (5 best) and the spread.
   */
  public record Satisfaction(long rated, Double average, List<Count> levels) {}

  public record Statistics(
      long total,
      long overdue,
      long overdueAfterHours,
      List<Count> byOriginSystem,
      List<Count> byChannel,
      List<Count> byStatus,
      List<Count> byType,
      List<Count> byCommunity,
      Satisfaction satisfaction) {}

  private final Orders orders;
  private final OrderStatistics statistics;
  private final Duration overdueAfter;
  private final Clock clock;

  public OrderQueries(
      Orders orders, OrderStatistics statistics, Duration overdueAfter, Clock clock) {
    this.orders = orders;
    this.statistics = statistics;
    this.overdueAfter = overdueAfter;
    this.clock = clock;
  }

  /** The caller's queue, newest (or oldest) first. */
  public PageOf<Order> queue(Query query, int page, int size) {
    Actor caller = Actor.current();
    AccessPolicy.requireBusinessRole(caller);
    Bson filter = both(territory(caller), filters(query));
    Bson sort =
        query.oldestFirst()
            ? ascending(Orders.SORT_KEY, "_id")
            : descending(Orders.SORT_KEY, "_id");
    return orders.page(filter, sort, page, size);
  }

  /**
   * The dashboard's figures for the caller's territory (narrowed to one community if asked): totals
   * by system, channel, status, type and community, the open orders older than {@code
   * overdueAfterHours} (the configured age when null), and the residents' 好差评.
   */
  public Statistics statistics(String communityId, Integer overdueAfterHours) {
    Actor caller = Actor.current();
    if (!readsStatistics(caller)) {
      throw Problem.forbidden();
    }
    long hours = overdueAfterHours == null ? overdueAfter.toHours() : overdueAfterHours;
    long cutoff = clock.millis() - Duration.ofHours(hours).toMillis();
    Bson scope =
        and(
            territory(caller),
            communityId == null ? new Document() : eq("communityId", communityId));
    Bson buckets = bucketTerritory(caller);
    if (buckets != null) {
      if (communityId != null) {
        buckets = both(buckets, OrderStatistics.community(communityId));
      }
      return fromBuckets(buckets, scope, hours, cutoff);
    }
    Document result =
        orders
            .aggregate(
                List.of(
                    Aggregates.match(scope),
                    Aggregates.facet(
                        countBy("byOriginSystem", "$originSystem"),
                        countBy("byChannel", "$channel"),
                        countBy("byStatus", "$status"),
                        countBy("byType", "$orderType.code"),
                        countBy("byCommunity", "$communityId"),
                        new Facet(
                            "overdue",
                            Aggregates.match(
                                and(in("status", names(OPEN)), lt(Orders.SORT_KEY, cutoff))),
                            Aggregates.count("n")),
                        new Facet(
                            "satisfaction",
                            Aggregates.match(ne("rating", null)),
                            Aggregates.group("$rating.level", Accumulators.sum("n", 1))))))
            .orElseGet(Document::new);
    List<Count> levels = counts(result, "satisfaction");
    long rated = levels.stream().mapToLong(Count::count).sum();
    List<Count> byStatus = counts(result, "byStatus");
    return new Statistics(
        byStatus.stream().mapToLong(Count::count).sum(),
        single(result, "overdue"),
        hours,
        counts(result, "byOriginSystem"),
        counts(result, "byChannel"),
        byStatus,
        counts(result, "byType"),
        counts(result, "byCommunity"),
        new Satisfaction(rated, average(levels, rated), levels));
  }

  /**
   * The figures from the statistics' buckets ({@link OrderStatistics}): every order of the
   * territory, and those older than the cutoff for the open ones among them.
   */
  private Statistics fromBuckets(Bson buckets, Bson scope, long hours, long cutoff) {
    // the orders before the cutoff, then the rest: each bucket read once
    Counts old = statistics.count(buckets, scope, 0, cutoff);
    Counts all = statistics.count(buckets, scope, cutoff, Long.MAX_VALUE).plus(old);
    long overdue = 0;
    for (OrderStatus status : OPEN) {
      overdue += old.get(OrderStatistics.BY_STATUS, status.name());
    }
    List<Count> levels = counts(all, OrderStatistics.BY_RATING);
    long rated = levels.stream().mapToLong(Count::count).sum();
    List<Count> byStatus = counts(all, OrderStatistics.BY_STATUS);
    return new Statistics(
        byStatus.stream().mapToLong(Count::count).sum(),
        overdue,
        hours,
        counts(all, OrderStatistics.BY_ORIGIN),
        counts(all, OrderStatistics.BY_CHANNEL),
        byStatus,
        counts(all, OrderStatistics.BY_TYPE),
        counts(all, OrderStatistics.BY_COMMUNITY),
        new Satisfaction(rated, average(levels, rated), levels));
  }

  /** A dimension's counts, largest first, without the orders that have no key under it. */
  private static List<Count> counts(Counts counts, String dimension) {
    List<Count> list = new ArrayList<>();
    counts
        .counts(dimension)
        .forEach(
            (key, n) -> {
              if (!Counts.NONE.equals(key)) {
                list.add(new Count(key, n));
              }
            });
    return list;
  }

  /**
   * The caller's territory as a filter on the statistics' buckets, which are kept per community
   * (and carry its street): the district's all, a community's or a street's buckets, several of
   * them for several roles (a bucket belongs to one community, so an {@code $or} counts it once).
   * Null where a role of the caller sees orders by another key — a resident's own, an assignee's —
   * which the buckets do not count by; their figures come from their orders.
   */
  static Bson bucketTerritory(Actor caller) {
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      return new Document();
    }
    if (caller.has(Role.RESIDENT) || !Orders.assignedToCaller(caller).isEmpty()) {
      return null;
    }
    List<Bson> any = new ArrayList<>();
    if (caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
        && caller.communityId() != null) {
      any.add(OrderStatistics.community(caller.communityId()));
    }
    if (caller.has(Role.STREET_OFFICER) && caller.streetId() != null) {
      any.add(OrderStatistics.street(caller.streetId()));
    }
    if (any.isEmpty()) {
      return null;
    }
    return any.size() == 1 ? any.get(0) : or(any);
  }

  /**
   * What the caller may see of the orders, as a filter: their community, street, own orders or the
   * orders assigned to them; the district (and partner systems) everything. Several roles see the
   * union.
   */
  static Bson territory(Actor caller) {
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      return new Document();
    }
    List<Bson> any = new ArrayList<>();
    if (caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
        && caller.communityId() != null) {
      any.add(eq("communityId", caller.communityId()));
    }
    if (caller.has(Role.STREET_OFFICER) && caller.streetId() != null) {
      any.add(eq("streetId", caller.streetId()));
    }
    if (caller.has(Role.RESIDENT) && caller.residentId() != null) {
      any.add(eq("residentId", caller.residentId()));
    }
    any.addAll(Orders.assignedToCaller(caller));
    if (any.isEmpty()) {
      throw Problem.forbidden();
    }
    return any.size() == 1 ? any.get(0) : or(any);
  }

  /**
   * Both conditions, an empty one (everything) left out: the district's unfiltered queue stays an
   * empty filter, which {@link Orders#page} counts from the collection's metadata.
   */
  private static Bson both(Bson first, Bson second) {
    if (first.toBsonDocument().isEmpty()) {
      return second;
    }
    return second.toBsonDocument().isEmpty() ? first : and(first, second);
  }

  private Bson filters(Query q) {
    List<Bson> all = new ArrayList<>();
    if (q.originSystem() != null) {
      all.add(eq("originSystem", q.originSystem()));
    }
    if (q.status() != null) {
      all.add(eq("status", q.status()));
    }
    if (q.channel() != null) {
      all.add(eq("channel", q.channel()));
    }
    if (q.type() != null) {
      all.add(eq("orderType.code", q.type()));
    }
    if (q.communityId() != null) {
      all.add(eq("communityId", q.communityId()));
    }
    if (q.olderThanHours() != null) {
      all.add(
          Filters.lte(
              Orders.SORT_KEY, clock.millis() - Duration.ofHours(q.olderThanHours()).toMillis()));
    }
    return all.isEmpty() ? new Document() : and(all);
  }

  private static Facet countBy(String name, String field) {
    return new Facet(
        name, Aggregates.group(field, Accumulators.sum("n", 1)), Aggregates.sort(descending("n")));
  }

  private static List<Count> counts(Document result, String facet) {
    List<Count> counts = new ArrayList<>();
    for (Document d : result.getList(facet, Document.class, List.of())) {
      Object key = d.get("_id");
      if (key != null) {
        counts.add(new Count(key.toString(), ((Number) d.get("n")).longValue()));
      }
    }
    return counts;
  }

  private static long single(Document result, String facet) {
    List<Document> docs = result.getList(facet, Document.class, List.of());
    return docs.isEmpty() ? 0 : ((Number) docs.get(0).get("n")).longValue();
  }

  private static Double average(List<Count> levels, long rated) {
    if (rated == 0) {
      return null;
    }
    double sum = 0;
    for (Count c : levels) {
      sum += SCORE.getOrDefault(c.key(), 0) * (double) c.count();
    }
    return Math.round(sum / rated * 100) / 100.0;
  }

  private static List<String> names(Set<OrderStatus> statuses) {
    return statuses.stream().map(Enum::name).toList();
  }
}
