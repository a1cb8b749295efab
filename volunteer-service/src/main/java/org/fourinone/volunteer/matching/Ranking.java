package org.fourinone.volunteer.matching;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.fourinone.kit.geo.Distances;

/**
 * How candidates for a need are ranked (需求对接的排序规则), each part between 0 and 1, weighted by the
 * district's configuration: the skill asked for; distance from the need's community (the nearest
 * community the volunteer serves, by the communities' coordinates); availability at the time (the
 * weekly slots they gave); recent load (matches in the last 30 days); and the residents' ratings of
 * the orders they helped with. Volunteers not fit for service, or already asked for this need, are
 * not candidates. Ties go to the lower id, so that the order is reproducible.
 */
public class Ranking {

  /** The weights of the parts; they need not sum to 1. */
  public record Weights(
      double skill, double distance, double availability, double load, double rating) {}

  /** A candidate's score and its parts, as the need's page shows them. */
  public record Score(
      String volunteerId,
      String name,
      double total,
      double skill,
      double distance,
      double availability,
      double load,
      double rating,
      Long distanceMetres) {}

  /** Where a need is: its community's coordinates (null if unknown). */
  public record Where(String communityId, Double lat, Double lng) {}

  private static final Duration RECENT = Duration.ofDays(30);

  private final Weights weights;
  private final double maxDistanceMetres;
  private final ZoneId zone;

  public Ranking(Weights weights, double maxDistanceMetres, ZoneId zone) {
    this.weights = weights;
    this.maxDistanceMetres = maxDistanceMetres;
    this.zone = zone;
  }

  public double maxDistanceMetres() {
    return maxDistanceMetres;
  }

  /**
   * The candidates best first.
   *
   * @param locations community id → its coordinates {@code [lat, lng]}
   */
  public List<Score> rank(
      String skill,
      Where where,
      Instant at,
      List<Document> candidates,
      Set<String> excluded,
      Map<String, double[]> locations) {
    List<Score> scores = new ArrayList<>();
    for (Document c : candidates) {
      String id = c.getString("_id");
      if (excluded.contains(id)) {
        continue;
      }
      Document health = c.get("health", Document.class);
      if (health != null && !health.getBoolean("fit", true)) {
        continue;
      }
      double skillPart =
          skill == null || c.getList("skills", String.class, List.of()).contains(skill) ? 1 : 0;
      Long metres = nearest(c, where, locations);
      double distancePart;
      if (metres == null) {
        distancePart =
            c.getList("communityIds", String.class, List.of()).contains(where.communityId())
                ? 1
                : 0.3;
      } else {
        distancePart = Math.max(0, 1 - metres / maxDistanceMetres);
      }
      double availabilityPart = availability(c, at);
      double loadPart = 1.0 / (1 + recentMatches(c, at));
      double ratingPart = rating(c);
      double total =
          weights.skill() * skillPart
              + weights.distance() * distancePart
              + weights.availability() * availabilityPart
              + weights.load() * loadPart
              + weights.rating() * ratingPart;
      scores.add(
          new Score(
              id,
              c.getString("name"),
              round(total),
              skillPart,
              round(distancePart),
              availabilityPart,
              round(loadPart),
              round(ratingPart),
              metres));
    }
    scores.sort(
        Comparator.comparingDouble(Score::total).reversed().thenComparing(Score::volunteerId));
    return scores;
  }

  private static Long nearest(Document c, Where where, Map<String, double[]> locations) {
    if (where.lat() == null) {
      return null;
    }
    Long best = null;
    for (String community : c.getList("communityIds", String.class, List.of())) {
      if (community.equals(where.communityId())) {
        return 0L;
      }
      double[] p = locations.get(community);
      if (p != null) {
        long m = Math.round(Distances.metres(where.lat(), where.lng(), p[0], p[1]));
        best = best == null ? m : Math.min(best, m);
      }
    }
    return best;
  }

  /** 1 in a slot now, 0.5 on a day with a slot, 0.3 without slots given, 0 otherwise. */
  private double availability(Document c, Instant at) {
    List<Document> slots = c.getList("availability", Document.class, List.of());
    if (slots.isEmpty()) {
      return 0.3;
    }
    ZonedDateTime local = at.atZone(zone);
    DayOfWeek day = local.getDayOfWeek();
    LocalTime time = local.toLocalTime();
    boolean sameDay = false;
    for (Document slot : slots) {
      if (!day.name().equals(slot.getString("day"))) {
        continue;
      }
      sameDay = true;
      LocalTime from = LocalTime.parse(slot.getString("from"));
      String toText = slot.getString("to");
      LocalTime to = "24:00".equals(toText) ? LocalTime.MAX : LocalTime.parse(toText);
      if (!time.isBefore(from) && time.isBefore(to)) {
        return 1;
      }
    }
    return sameDay ? 0.5 : 0;
  }

  private static long recentMatches(Document c, Instant at) {
    Instant since = at.minus(RECENT);
    return c.getList("matchedAt", String.class, List.of()).stream()
        .filter(t -> Instant.parse(t).isAfter(since))
        .count();
  }

  /** The average 好差评 (5 very satisfied … 1 very dissatisfied) as 0–1; 0.6 when unrated. */
  private static double rating(Document c) {
    Document rating = c.get("rating", Document.class);
    if (rating == null || rating.get("count", Number.class).longValue() == 0) {
      return 0.6;
    }
    double average =
        rating.get("sum", Number.class).doubleValue()
            / rating.get("count", Number.class).doubleValue();
    return (average - 1) / 4;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
