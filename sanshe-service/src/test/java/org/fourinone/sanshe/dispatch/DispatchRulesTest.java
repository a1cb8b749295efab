package org.fourinone.sanshe.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.fourinone.sanshe.dispatch.DispatchRules.Candidate;
import org.junit.jupiter.api.Test;

class DispatchRulesTest {

  @Test
  void offersToTheMostStarsThenTheLeastRecentlyDispatchedSkippingTheFullAndTheTried() {
    List<Candidate> all =
        List.of(
            new Candidate("ORG-B", "乙", 3, 5, 2_000),
            new Candidate("ORG-A", "甲", 3, 5, 1_000),
            new Candidate("ORG-C", "丙", 5, 0, 0),
            new Candidate("ORG-D", "丁", null, 9, 0),
            new Candidate("ORG-E", "戊", 4, 1, 9_000),
            new Candidate("ORG-F", "己", 5, 2, 0));
    assertThat(DispatchRules.rank(all, Set.of("ORG-F")).stream().map(Candidate::organisationId))
        .containsExactly("ORG-E", "ORG-A", "ORG-B", "ORG-D");
  }

  @Test
  void breaksFullTiesByIdSoThatTheChoiceIsStable() {
    List<Candidate> tied =
        List.of(new Candidate("ORG-Z", "z", null, 1, 0), new Candidate("ORG-Y", "y", null, 1, 0));
    assertThat(DispatchRules.rank(tied, Set.of()).get(0).organisationId()).isEqualTo("ORG-Y");
    assertThat(DispatchRules.rank(tied, Set.of("ORG-Y", "ORG-Z"))).isEmpty();
  }
}
