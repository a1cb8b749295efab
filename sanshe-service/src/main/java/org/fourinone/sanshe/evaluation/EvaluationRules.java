package org.fourinone.sanshe.evaluation;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the yearly star rating (星级评定) scores an organisation — configuration, with the defaults of
 * application.yml documented in docs/services/sanshe-service.md. Every part is 0–100; the total is
 * the weighted sum; the stars follow from the total by thresholds; organisations below the
 * elimination score in {@code elimination.rounds} rounds in a row are proposed for elimination.
 */
@ConfigurationProperties("fourinone.sanshe.evaluation")
public record EvaluationRules(
    Weights weights,
    PartyBuilding partyBuilding,
    Vitality vitality,
    Satisfaction satisfaction,
    List<Integer> starThresholds,
    Elimination elimination) {

  /** The weight of each part; they add up to 1. */
  public record Weights(
      double partyBuilding, double vitality, double influence, double satisfaction) {}

  /** 党建: points for having a party branch, and for its activities up to a number a year. */
  public record PartyBuilding(
      double branchPoints, double activityPoints, int activitiesForFull, int starsWithoutBranch) {}

  /** 活力: orders fulfilled, activities held, people served, each up to a number for full marks. */
  public record Vitality(
      int ordersForFull,
      int activitiesForFull,
      int peopleForFull,
      double ordersShare,
      double activitiesShare,
      double peopleShare) {}

  /** 好差评 of the orders fulfilled: points per level, and what no rating at all counts as. */
  public record Satisfaction(Map<String, Double> points, double unrated) {}

  public record Elimination(double belowScore, int rounds) {}

  public EvaluationRules {
    double sum =
        weights.partyBuilding() + weights.vitality() + weights.influence() + weights.satisfaction();
    if (Math.abs(sum - 1.0) > 1e-6) {
      throw new IllegalStateException(
          "fourinone.sanshe.evaluation.weights must add up to 1, not " + sum);
    }
    if (starThresholds == null || starThresholds.size() != 4) {
      throw new IllegalStateException(
          "fourinone.sanshe.evaluation.star-thresholds needs the totals of 5, 4, 3 and 2 stars");
    }
  }
}
