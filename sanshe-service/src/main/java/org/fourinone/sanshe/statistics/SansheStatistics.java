package org.fourinone.sanshe.statistics;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.rollup.Counts;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;

/**
 * The figures of 三社联动 for a community, a street or the district, never a list of records:
 * organisations by kind, settlement level, stars and status, and social workers by qualification,
 * kind and status (one {@code $facet} each: small collections); menu orders by item, category,
 * organisation and state, the median time to accept and to complete and 好差评 per organisation and
 * item from the dispatches' counts per community and day ({@link DispatchStatistics}: the ended
 * days' buckets and today's dispatches), not from every dispatch of the scope.
 */
public class SansheStatistics {

  private final MongoCollection<Document> organisations;
  private final DispatchStatistics dispatches;
  private final MongoCollection<Document> workers;

  public SansheStatistics(
      MongoCollection<Document> organisations,
      DispatchStatistics dispatches,
      MongoCollection<Document> workers) {
    this.organisations = organisations;
    this.dispatches = dispatches;
    this.workers = workers;
  }

  /** Where the figures are for: a community, a street, or the district (both null). */
  public record Scope(String communityId, String streetId) {}

  public record KeyCount(String key, long count) {}

  public record MedianTime(long count, Double medianMinutes) {}

  /** 好差评 of one organisation or item: ratings, average on 1–5, and 好评率 (satisfied or better). */
  public record RatingSummary(
      String key, long rated, double average, double goodRate, Map<String, Long> levels) {}

  public record Figures(
      Scope scope,
      Map<String, List<KeyCount>> organisations,
      long orders,
      Map<String, List<KeyCount>> ordersBy,
      MedianTime timeToAccept,
      MedianTime timeToComplete,
      List<RatingSummary> satisfactionByOrganisation,
      List<RatingSummary> satisfactionByItem,
      Map<String, List<KeyCount>> socialWorkers) {}

  /** The scope the caller asks for, within what they may see (403 for roles without one). */
  public Scope scopeOf(Actor caller, String communityId, String streetId) {
    AccessPolicy.requireBusinessRole(caller);
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      return new Scope(communityId, communityId == null ? streetId : null);
    }
    if (caller.has(Role.STREET_OFFICER) && caller.streetId() != null) {
      if (streetId != null && !streetId.equals(caller.streetId())) {
        throw Problem.forbidden();
      }
      return new Scope(communityId, caller.streetId());
    }
    if (caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
        && caller.communityId() != null) {
      if (communityId != null && !communityId.equals(caller.communityId())) {
        throw Problem.forbidden();
      }
      return new Scope(caller.communityId(), null);
    }
    throw Problem.forbidden();
  }

  public Figures figures(Scope scope) {
    Bson orgScope = scopeFilter(scope, "communityIds", "streetIds");
    Document orgFacets =
        organisations
            .aggregate(
                List.of(
                    Aggregates.match(orgScope),
                    Aggregates.facet(
                        count("byKind", "$kind"),
                        count("bySettlementLevel", "$settlement.level"),
                        count("byStars", "$stars"),
                        count("byStatus", "$status"))))
            .first();
    Counts dispatched =
        dispatches.count(
            scope.communityId(), scope.streetId(), scopeFilter(scope, "communityId", "streetId"));
    Document workerFacets =
        workers
            .aggregate(
                List.of(
                    Aggregates.match(scopeFilter(scope, "communityId", "streetId")),
                    Aggregates.facet(
                        count("byQualification", "$qualification.level"),
                        count("byKind", "$kind"),
                        count("byStatus", "$status"))))
            .first();
    Map<String, List<KeyCount>> orgs =
        counts(orgFacets, "byKind", "bySettlementLevel", "byStars", "byStatus");
    Map<String, List<KeyCount>> orders = new LinkedHashMap<>();
    for (String by :
        List.of(
            DispatchStatistics.BY_ITEM,
            DispatchStatistics.BY_CATEGORY,
            DispatchStatistics.BY_ORGANISATION,
            DispatchStatistics.BY_STATE)) {
      orders.put(by, counts(dispatched, by));
    }
    long total = orders.get(DispatchStatistics.BY_STATE).stream().mapToLong(KeyCount::count).sum();
    return new Figures(
        scope,
        orgs,
        total,
        orders,
        median(dispatched, DispatchStatistics.ACCEPT_TENTHS),
        median(dispatched, DispatchStatistics.COMPLETE_TENTHS),
        satisfaction(levels(dispatched, DispatchStatistics.RATING_BY_ORGANISATION)),
        satisfaction(levels(dispatched, DispatchStatistics.RATING_BY_ITEM)),
        counts(workerFacets, "byQualification", "byKind", "byStatus"));
  }

  private static Facet count(String name, String field) {
    return new Facet(
        name,
        Aggregates.group(field, com.mongodb.client.model.Accumulators.sum("count", 1)),
        Aggregates.sort(Sorts.orderBy(Sorts.descending("count"), Sorts.ascending("_id"))));
  }

  private static Bson scopeFilter(Scope scope, String communityField, String streetField) {
    List<Bson> all = new ArrayList<>();
    if (scope.communityId() != null) {
      all.add(eq(communityField, scope.communityId()));
    }
    if (scope.streetId() != null) {
      all.add(eq(streetField, scope.streetId()));
    }
    return all.isEmpty() ? new Document() : and(all);
  }

  /**
   * The lower median of a duration histogram (tenths of a minute, {@link DispatchStatistics}): the
   * value at rank {@code (count - 1) / 2} of the sorted durations, in minutes.
   */
  private static MedianTime median(Counts counts, String tenths) {
    long count = counts.values(tenths);
    if (count == 0) {
      return new MedianTime(0, null);
    }
    return new MedianTime(count, counts.valueAt(tenths, (count - 1) / 2).getAsLong() / 10.0);
  }

  /**
   * A dimension's counts as a list, the largest first and ties by key, the dispatches without one
   * ({@link Counts#NONE}) first among their ties — the order of {@code $sort} on the count
   * descending and the key ascending, where a missing key (null) comes before every string.
   */
  private static List<KeyCount> counts(Counts counts, String dimension) {
    List<KeyCount> list = new ArrayList<>();
    counts.counts(dimension).forEach((key, n) -> list.add(new KeyCount(key, n)));
    list.sort(
        Comparator.comparingLong(KeyCount::count)
            .reversed()
            .thenComparing(k -> !Counts.NONE.equals(k.key()))
            .thenComparing(KeyCount::key));
    return list;
  }

  /**
   * The levels of each key of a rating dimension, whose keys are {@code key|LEVEL} (split at the
   * last separator: a key may hold one, a level never does).
   */
  private static Map<String, Map<String, Long>> levels(Counts counts, String dimension) {
    Map<String, Map<String, Long>> byKey = new LinkedHashMap<>();
    counts
        .counts(dimension)
        .forEach(
            (keyAndLevel, n) -> {
              int at = keyAndLevel.lastIndexOf(DispatchStatistics.LEVEL_SEPARATOR);
              if (at < 0) {
                return; // not a rating's key
              }
              byKey
                  .computeIfAbsent(keyAndLevel.substring(0, at), k -> new LinkedHashMap<>())
                  .merge(keyAndLevel.substring(at + 1), n, Long::sum);
            });
    return byKey;
  }

  private static Map<String, List<KeyCount>> counts(Document facets, String... names) {
    Map<String, List<KeyCount>> all = new LinkedHashMap<>();
    for (String name : names) {
      List<KeyCount> counts = new ArrayList<>();
      if (facets != null) {
        for (Document d : facets.getList(name, Document.class, List.of())) {
          Object key = d.get("_id");
          counts.add(
              new KeyCount(
                  key == null ? "NONE" : String.valueOf(key),
                  d.get("count", Number.class).longValue()));
        }
      }
      all.put(name, counts);
    }
    return all;
  }

  /** 好差评 per key from each key's counts by level; the most rated first (ties by key). */
  private static List<RatingSummary> satisfaction(Map<String, Map<String, Long>> byKey) {
    List<RatingSummary> all = new ArrayList<>();
    byKey.forEach(
        (key, levels) -> {
          long rated = levels.values().stream().mapToLong(Long::longValue).sum();
          double points = 0;
          long good = 0;
          for (var e : levels.entrySet()) {
            SatisfactionLevel level = SatisfactionLevel.valueOf(e.getKey());
            points += (5 - level.ordinal()) * e.getValue();
            if (level.ordinal() <= SatisfactionLevel.SATISFIED.ordinal()) {
              good += e.getValue();
            }
          }
          all.add(
              new RatingSummary(
                  key,
                  rated,
                  Math.round(points / rated * 100) / 100.0,
                  Math.round((double) good / rated * 1000) / 1000.0,
                  levels));
        });
    all.sort(
        Comparator.comparingLong(RatingSummary::rated)
            .reversed()
            .thenComparing(RatingSummary::key));
    return all;
  }
}
