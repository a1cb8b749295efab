package org.fourinone.sanshe.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringTest {

  static final EvaluationRules RULES =
      new EvaluationRules(
          new EvaluationRules.Weights(0.2, 0.35, 0.2, 0.25),
          new EvaluationRules.PartyBuilding(60, 40, 12, 4),
          new EvaluationRules.Vitality(50, 12, 100, 0.5, 0.25, 0.25),
          new EvaluationRules.Satisfaction(
              Map.of(
                  "VERY_SATISFIED", 100.0,
                  "SATISFIED", 85.0,
                  "BASICALLY_SATISFIED", 60.0,
                  "DISSATISFIED", 30.0,
                  "VERY_DISSATISFIED", 0.0),
              60),
          List.of(90, 80, 70, 60),
          new EvaluationRules.Elimination(60, 2));

  static Scoring.Inputs busy(Map<String, Integer> ratings, Boolean branch) {
    return new Scoring.Inputs(50, ratings, 100, 12, List.of(90, 100), branch, 12);
  }

  @Test
  void addsTheWeightedPartsAndShowsEach() {
    Scoring.Score score =
        Scoring.score(busy(Map.of("VERY_SATISFIED", 3, "SATISFIED", 1), true), RULES);
    // party 100 × .2 + vitality 100 × .35 + influence 95 × .2 + satisfaction 96.25 × .25
    assertThat(score.total()).isEqualTo(20 + 35 + 19 + 24.06);
    assertThat(score.stars()).isEqualTo(5);
    assertThat(score.parts())
        .extracting(Scoring.Part::name)
        .containsExactly("partyBuilding", "vitality", "influence", "satisfaction");
    assertThat(score.parts().get(3).value()).isEqualTo(96.25);
  }

  @Test
  void theResidentsRatingsMoveTheScoreAndNoRatingCountsAsBasicallySatisfied() {
    double pleased = Scoring.score(busy(Map.of("VERY_SATISFIED", 4), true), RULES).total();
    double angry = Scoring.score(busy(Map.of("VERY_DISSATISFIED", 4), true), RULES).total();
    double unrated = Scoring.score(busy(Map.of(), true), RULES).total();
    assertThat(pleased - angry).isEqualTo(25.0);
    assertThat(unrated).isEqualTo(angry + 15);
  }

  @Test
  void withoutAPartyBranchNoFifthStar() {
    Scoring.Score noBranch = Scoring.score(busy(Map.of("VERY_SATISFIED", 4), false), RULES);
    // party part: 0 + 40 for the activities
    assertThat(noBranch.parts().get(0).value()).isEqualTo(40);
    assertThat(noBranch.total()).isGreaterThanOrEqualTo(80);
    assertThat(noBranch.stars()).isEqualTo(4);
  }

  @Test
  void anIdleOrganisationGetsOneStar() {
    Scoring.Score idle =
        Scoring.score(new Scoring.Inputs(0, Map.of(), 0, 0, List.of(), null, 0), RULES);
    assertThat(idle.total()).isEqualTo(15);
    assertThat(idle.stars()).isEqualTo(1);
  }
}
