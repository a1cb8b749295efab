package org.fourinone.sanshe.dispatch;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Who a menu order goes to (派单规则, docs/services/sanshe-service.md): among the active organisations
 * that offer the item in the order's community and have not had this order yet, those with capacity
 * left this week, then the most stars (星级; unrated counts as none), then the one dispatched to
 * least recently (never first), then by id so that the choice is stable.
 */
public final class DispatchRules {

  private DispatchRules() {}

  /** An organisation that could take the order, with what the rules weigh. */
  public record Candidate(
      String organisationId, String name, Integer stars, int capacityLeft, long lastOfferedAt) {}

  private static final Comparator<Candidate> ORDER =
      Comparator.comparingInt((Candidate c) -> c.stars() == null ? 0 : c.stars())
          .reversed()
          .thenComparingLong(Candidate::lastOfferedAt)
          .thenComparing(Candidate::organisationId);

  /** The candidates in the order they are offered the order, the ones to skip left out. */
  public static List<Candidate> rank(List<Candidate> candidates, Set<String> alreadyTried) {
    return candidates.stream()
        .filter(c -> !alreadyTried.contains(c.organisationId()))
        .filter(c -> c.capacityLeft() > 0)
        .sorted(ORDER)
        .toList();
  }
}
