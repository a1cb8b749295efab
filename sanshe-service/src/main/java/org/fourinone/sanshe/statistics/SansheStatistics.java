package org.fourinone.sanshe.statistics;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;

/**
 * The figures of 三社联动 for a community, a street or the district, each an aggregation on the server
 * (one {@code $facet} per collection, two index-served look-ups per median), never a list of
 * records: organisations by kind, settlement level, stars and status; menu orders by item,
 * category, organisation and state; the median time to accept and to complete; 好差评 per organisation
 * and item; social workers by qualification, kind and status.
 */
public class SansheStatistics {

  private final MongoCollection<Document> organisations;
  private final MongoCollection<Document> dispatches;
  private final MongoCollection<Document> workers;

  public SansheStatistics(
      MongoCollection<Document> organisations,
      MongoCollection<Document> dispatches,
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
    Bson orderScope = scopeFilter(scope, "communityId", "streetId");
    Document orderFacets =
        dispatches
            .aggregate(
                List.of(
                    Aggregates.match(orderScope),
                    Aggregates.facet(
                        count("byItem", "$itemName"),
                        count("byCategory", "$categoryName"),
                        count("byOrganisation", "$acceptedOrganisationId"),
                        count("byState", "$state"),
                        new Facet(
                            "ratingsByOrganisation",
                            Aggregates.match(exists("rating")),
                            Aggregates.group(
                                new Document("key", "$organisationId").append("level", "$rating"),
                                com.mongodb.client.model.Accumulators.sum("count", 1))),
                        new Facet(
                            "ratingsByItem",
                            Aggregates.match(exists("rating")),
                            Aggregates.group(
                                new Document("key", "$itemName").append("level", "$rating"),
                                com.mongodb.client.model.Accumulators.sum("count", 1))))))
            .first();
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
    Map<String, List<KeyCount>> orders =
        counts(orderFacets, "byItem", "byCategory", "byOrganisation", "byState");
    long total = orders.get("byState").stream().mapToLong(KeyCount::count).sum();
    return new Figures(
        scope,
        orgs,
        total,
        orders,
        median(orderScope, "acceptMillis"),
        median(orderScope, "completeMillis"),
        satisfaction(orderFacets, "ratingsByOrganisation"),
        satisfaction(orderFacets, "ratingsByItem"),
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

  /** The middle value of the sorted durations: a count and one document, both from an index. */
  private MedianTime median(Bson scope, String field) {
    Bson filter = and(scope, exists(field));
    long count = dispatches.countDocuments(filter);
    if (count == 0) {
      return new MedianTime(0, null);
    }
    Document middle =
        dispatches
            .find(filter)
            .projection(new Document(field, 1))
            .sort(Sorts.ascending(field))
            .skip((int) ((count - 1) / 2))
            .limit(1)
            .first();
    double minutes = middle.get(field, Number.class).longValue() / 60_000.0;
    return new MedianTime(count, Math.round(minutes * 10) / 10.0);
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

  private static List<RatingSummary> satisfaction(Document facets, String name) {
    Map<String, Map<String, Long>> byKey = new LinkedHashMap<>();
    if (facets != null) {
      for (Document d : facets.getList(name, Document.class, List.of())) {
        Document id = d.get("_id", Document.class);
        String key = id.get("key") == null ? "NONE" : String.valueOf(id.get("key"));
        byKey
            .computeIfAbsent(key, k -> new LinkedHashMap<>())
            .merge(id.getString("level"), d.get("count", Number.class).longValue(), Long::sum);
      }
    }
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
    all.sort((a, b) -> Long.compare(b.rated(), a.rated()));
    return all;
  }
}
