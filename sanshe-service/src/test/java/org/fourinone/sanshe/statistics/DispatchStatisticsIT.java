package org.fourinone.sanshe.statistics;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.sanshe.dispatch.Dispatches;
import org.fourinone.sanshe.statistics.SansheStatistics.Figures;
import org.fourinone.sanshe.statistics.SansheStatistics.KeyCount;
import org.fourinone.sanshe.statistics.SansheStatistics.MedianTime;
import org.fourinone.sanshe.statistics.SansheStatistics.RatingSummary;
import org.fourinone.sanshe.statistics.SansheStatistics.Scope;
import org.fourinone.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatch figures from the buckets ({@link DispatchStatistics}) are those the aggregation over
 * every dispatch of the scope gave before them (its {@code $facet}, its two median look-ups, here
 * as {@link #aggregated}), on the wire-protocol MongoDB: for the district, each street, each
 * community and a street's community, over dispatches on many past days and today, some without an
 * organisation, an item, a duration or a rating, durations on the roundings' edges — and again
 * after dispatches of ended days change.
 */
class DispatchStatisticsIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final List<String> ITEMS = List.of("居家照护", "日间照料", "助餐", "心理疏导");
  static final List<String> STATES =
      List.of("WAITING", "OFFERED", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "MANUAL");
  static final List<String> LEVELS =
      List.of("VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
  static final List<String> ORGANISATIONS = List.of("ORG-1", "ORG-2", "ORG-3");

  final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
  final MongoDatabase database = client.getDatabase("sanshe-figures-" + UUID.randomUUID());
  final MongoCollection<Document> dispatches = database.getCollection(Dispatches.COLLECTION);
  final Random random = new Random(20261202);

  @AfterEach
  void close() {
    database.drop();
    client.close();
  }

  @Test
  void givesTheFiguresTheAggregationOverEveryDispatchGave() {
    long now = System.currentTimeMillis();
    List<Document> all = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      all.add(aDispatch("D-" + i, now));
    }
    dispatches.insertMany(all);
    DispatchStatistics buckets =
        new DispatchStatistics(
            database, ZONE, Duration.ofSeconds(10), Duration.ofSeconds(30), Clock.systemUTC());
    SansheStatistics statistics =
        new SansheStatistics(
            database.getCollection("organisations"),
            buckets,
            database.getCollection("social_workers"));
    assertThat(buckets.refresh()).as("the first count: every ended community-day").isPositive();
    assertThat(database.getCollection(DispatchStatistics.COLLECTION).countDocuments())
        .isGreaterThan(100);

    assertSameFigures(statistics);

    // dispatches of ended days change (accepted, completed, rated, moved on), each with its time
    for (int i = 0; i < 600; i += 7) {
      dispatches.updateOne(
          eq("_id", "D-" + i),
          new Document(
              "$set",
              new Document("state", STATES.get(random.nextInt(STATES.size())))
                  .append("acceptedOrganisationId", ORGANISATIONS.get(i % ORGANISATIONS.size()))
                  .append("completeMillis", aDuration(600))
                  .append("rating", LEVELS.get(random.nextInt(LEVELS.size())))
                  .append(Dispatches.CHANGED_AT, System.currentTimeMillis())));
    }
    // the next refresher pass recounts the changed days (a read writes nothing)
    assertThat(buckets.refresh()).as("the changed dispatches' community-days").isPositive();
    assertSameFigures(statistics);
  }

  private void assertSameFigures(SansheStatistics statistics) {
    List<Scope> scopes = new ArrayList<>();
    scopes.add(new Scope(null, null));
    for (int s = 0; s < 2; s++) {
      scopes.add(new Scope(null, "S-" + s));
      for (int c = 0; c < 3; c++) {
        scopes.add(new Scope("C-" + s + "-" + c, null));
      }
    }
    scopes.add(new Scope("C-1-2", "S-1"));
    scopes.add(new Scope("C-1-2", "S-0"));
    for (Scope scope : scopes) {
      Figures fromBuckets = statistics.figures(scope);
      Figures aggregated = aggregated(scope);
      assertThat(fromBuckets.orders()).as("%s: orders", scope).isEqualTo(aggregated.orders());
      assertThat(fromBuckets.ordersBy()).as("%s: ordersBy", scope).isEqualTo(aggregated.ordersBy());
      assertThat(fromBuckets.timeToAccept())
          .as("%s: timeToAccept", scope)
          .isEqualTo(aggregated.timeToAccept());
      assertThat(fromBuckets.timeToComplete())
          .as("%s: timeToComplete", scope)
          .isEqualTo(aggregated.timeToComplete());
      // the aggregation left ties among the most rated in its groups' order: compare by key
      assertThat(fromBuckets.satisfactionByOrganisation())
          .as("%s: satisfactionByOrganisation", scope)
          .isEqualTo(byRatedThenKey(aggregated.satisfactionByOrganisation()));
      assertThat(fromBuckets.satisfactionByItem())
          .as("%s: satisfactionByItem", scope)
          .isEqualTo(byRatedThenKey(aggregated.satisfactionByItem()));
    }
    assertThat(aggregated(new Scope(null, null)).orders()).isEqualTo(600);
  }

  /**
   * A dispatch of one of six communities in two streets, placed on one of the last seventy days
   * (today among them, more often than any other), in the shape the service writes.
   */
  private Document aDispatch(String id, long now) {
    int street = random.nextInt(2);
    int day = random.nextInt(4) == 0 ? 0 : random.nextInt(70);
    long placed = now - day * 86_400_000L - random.nextInt(86_400_000) / (day == 0 ? 100 : 1);
    Document d =
        new Document("_id", id)
            .append("communityId", "C-" + street + "-" + random.nextInt(3))
            .append("streetId", "S-" + street)
            .append("categoryName", random.nextInt(10) == 0 ? null : "类" + random.nextInt(3))
            .append("placedAt", Instant.ofEpochMilli(placed).toString())
            .append(Dispatches.PLACED_AT, placed)
            .append("state", STATES.get(random.nextInt(STATES.size())))
            .append("claimedUntil", 0L);
    if (random.nextInt(12) != 0) {
      d.append("itemName", ITEMS.get(random.nextInt(ITEMS.size())));
    }
    if (random.nextInt(3) != 0) {
      d.append("organisationId", ORGANISATIONS.get(random.nextInt(ORGANISATIONS.size())));
    }
    if (random.nextInt(2) == 0) {
      d.append("acceptedOrganisationId", ORGANISATIONS.get(random.nextInt(ORGANISATIONS.size())));
      d.append("acceptMillis", aDuration(90));
    }
    if (random.nextInt(3) == 0) {
      d.append("completeMillis", aDuration(600));
    }
    if (random.nextInt(3) == 0) {
      d.append("rating", LEVELS.get(random.nextInt(LEVELS.size())));
    }
    return d;
  }

  /** Up to {@code minutes}, often on a rounding's edge (a multiple of 3 s: x.x5 minutes). */
  private long aDuration(int minutes) {
    return random.nextBoolean()
        ? 3_000L * random.nextInt(minutes * 20)
        : random.nextLong(minutes * 60_000L);
  }

  private static List<RatingSummary> byRatedThenKey(List<RatingSummary> all) {
    List<RatingSummary> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparingLong(RatingSummary::rated)
            .reversed()
            .thenComparing(RatingSummary::key));
    return sorted;
  }

  // ---- the figures as the aggregation over every dispatch gave them, before the buckets ----

  private Figures aggregated(Scope scope) {
    Bson orderScope = scopeFilter(scope);
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
                                Accumulators.sum("count", 1))),
                        new Facet(
                            "ratingsByItem",
                            Aggregates.match(exists("rating")),
                            Aggregates.group(
                                new Document("key", "$itemName").append("level", "$rating"),
                                Accumulators.sum("count", 1))))))
            .first();
    Map<String, List<KeyCount>> orders = new LinkedHashMap<>();
    for (String name : List.of("byItem", "byCategory", "byOrganisation", "byState")) {
      List<KeyCount> counts = new ArrayList<>();
      for (Document d : orderFacets.getList(name, Document.class, List.of())) {
        Object key = d.get("_id");
        counts.add(
            new KeyCount(
                key == null ? "NONE" : String.valueOf(key),
                d.get("count", Number.class).longValue()));
      }
      orders.put(name, counts);
    }
    long total = orders.get("byState").stream().mapToLong(KeyCount::count).sum();
    return new Figures(
        scope,
        Map.of(),
        total,
        orders,
        median(orderScope, "acceptMillis"),
        median(orderScope, "completeMillis"),
        satisfaction(orderFacets, "ratingsByOrganisation"),
        satisfaction(orderFacets, "ratingsByItem"),
        Map.of());
  }

  private static Facet count(String name, String field) {
    return new Facet(
        name,
        Aggregates.group(field, Accumulators.sum("count", 1)),
        Aggregates.sort(Sorts.orderBy(Sorts.descending("count"), Sorts.ascending("_id"))));
  }

  private static Bson scopeFilter(Scope scope) {
    List<Bson> all = new ArrayList<>();
    if (scope.communityId() != null) {
      all.add(eq("communityId", scope.communityId()));
    }
    if (scope.streetId() != null) {
      all.add(eq("streetId", scope.streetId()));
    }
    return all.isEmpty() ? new Document() : and(all);
  }

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

  private static List<RatingSummary> satisfaction(Document facets, String name) {
    Map<String, Map<String, Long>> byKey = new LinkedHashMap<>();
    for (Document d : facets.getList(name, Document.class, List.of())) {
      Document id = d.get("_id", Document.class);
      String key = id.get("key") == null ? "NONE" : String.valueOf(id.get("key"));
      byKey
          .computeIfAbsent(key, k -> new LinkedHashMap<>())
          .merge(id.getString("level"), d.get("count", Number.class).longValue(), Long::sum);
    }
    List<RatingSummary> all = new ArrayList<>();
    byKey.forEach(
        (key, levels) -> {
          long rated = levels.values().stream().mapToLong(Long::longValue).sum();
          double points = 0;
          long good = 0;
          for (var e : levels.entrySet()) {
            int ordinal = LEVELS.indexOf(e.getKey());
            points += (5 - ordinal) * e.getValue();
            if (ordinal <= 1) {
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
