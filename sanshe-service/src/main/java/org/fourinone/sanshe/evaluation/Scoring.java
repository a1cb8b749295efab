package org.fourinone.sanshe.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The score of one organisation in one round, from what was measured and declared, by the
 * district's {@link EvaluationRules}: a pure function, so every score can be recomputed and every
 * part shown.
 */
public final class Scoring {

  private Scoring() {}

  /**
   * What the score is made of.
   *
   * @param ordersCompleted menu orders the organisation (or its workers) completed that year
   * @param ratings the residents' 好差评 of them, by level
   * @param residentsServed distinct residents of those orders
   * @param activitiesHeld activities held that year, as the community declared in its
   *     recommendation
   * @param influence the recommending communities' marks for community influence (0–100)
   * @param hasPartyBranch what the party check-up (党建体检) found; null if none was reported
   * @param partyActivities party activities of the year, by the party check-up
   */
  public record Inputs(
      int ordersCompleted,
      Map<String, Integer> ratings,
      int residentsServed,
      int activitiesHeld,
      List<Integer> influence,
      Boolean hasPartyBranch,
      int partyActivities) {}

  /** One part: its value (0–100), its weight, what it adds to the total, and its inputs. */
  public record Part(
      String name, double value, double weight, double weighted, Map<String, Object> inputs) {}

  public record Score(double total, int stars, List<Part> parts) {}

  public static Score score(Inputs in, EvaluationRules rules) {
    EvaluationRules.Weights w = rules.weights();
    Part party = party(in, rules.partyBuilding(), w.partyBuilding());
    Part vitality = vitality(in, rules.vitality(), w.vitality());
    Part influence = influence(in, w.influence());
    Part satisfaction = satisfaction(in, rules.satisfaction(), w.satisfaction());
    List<Part> parts = List.of(party, vitality, influence, satisfaction);
    double total = round(parts.stream().mapToDouble(Part::weighted).sum());
    int stars = 1;
    List<Integer> thresholds = rules.starThresholds();
    for (int i = 0; i < thresholds.size(); i++) {
      if (total >= thresholds.get(i)) {
        stars = 5 - i;
        break;
      }
    }
    if (!Boolean.TRUE.equals(in.hasPartyBranch())) {
      stars = Math.min(stars, rules.partyBuilding().starsWithoutBranch());
    }
    return new Score(total, stars, parts);
  }

  private static Part party(Inputs in, EvaluationRules.PartyBuilding r, double weight) {
    boolean branch = Boolean.TRUE.equals(in.hasPartyBranch());
    double value =
        (branch ? r.branchPoints() : 0)
            + r.activityPoints() * share(in.partyActivities(), r.activitiesForFull());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("hasPartyBranch", in.hasPartyBranch());
    inputs.put("partyActivities", in.partyActivities());
    return part("partyBuilding", Math.min(100, value), weight, inputs);
  }

  private static Part vitality(Inputs in, EvaluationRules.Vitality r, double weight) {
    double value =
        100
            * (r.ordersShare() * share(in.ordersCompleted(), r.ordersForFull())
                + r.activitiesShare() * share(in.activitiesHeld(), r.activitiesForFull())
                + r.peopleShare() * share(in.residentsServed(), r.peopleForFull()));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("ordersCompleted", in.ordersCompleted());
    inputs.put("activitiesHeld", in.activitiesHeld());
    inputs.put("residentsServed", in.residentsServed());
    return part("vitality", value, weight, inputs);
  }

  private static Part influence(Inputs in, double weight) {
    double value =
        in.influence().isEmpty()
            ? 0
            : in.influence().stream().mapToInt(Integer::intValue).average().orElse(0);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("recommendations", in.influence().size());
    inputs.put("marks", in.influence());
    return part("influence", value, weight, inputs);
  }

  private static Part satisfaction(Inputs in, EvaluationRules.Satisfaction r, double weight) {
    int rated = in.ratings().values().stream().mapToInt(Integer::intValue).sum();
    double value;
    if (rated == 0) {
      value = r.unrated();
    } else {
      double points = 0;
      for (var entry : in.ratings().entrySet()) {
        points += r.points().getOrDefault(entry.getKey(), 0.0) * entry.getValue();
      }
      value = points / rated;
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("rated", rated);
    inputs.put("ratings", in.ratings());
    return part("satisfaction", value, weight, inputs);
  }

  private static Part part(String name, double value, double weight, Map<String, Object> inputs) {
    double v = round(value);
    return new Part(name, v, weight, round(v * weight), inputs);
  }

  private static double share(int value, int forFull) {
    return forFull <= 0 ? 0 : Math.min(1.0, (double) value / forFull);
  }

  private static double round(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }
}
