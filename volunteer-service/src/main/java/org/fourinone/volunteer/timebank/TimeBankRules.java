package org.fourinone.volunteer.timebank;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * The district's time-bank rules (configuration, {@code fourinone.volunteer.timebank}): points per
 * approved hour, by kind of service; how far a person's account may go below zero (0: never); how
 * much an account may hold before the rest is donated (储蓄上限, 0: no cap); to whom and from how much
 * saved points may be given (储蓄 for a family member).
 */
public record TimeBankRules(
    BigDecimal pointsPerHour,
    Map<String, BigDecimal> pointsPerHourByKind,
    long overdraft,
    long storageCap,
    Set<String> transferRelations,
    long minimumTransfer) {

  /** Points (hundredths) for {@code minutes} of the service kind. */
  public long pointsFor(long minutes, String serviceKind) {
    BigDecimal rate = pointsPerHourByKind.getOrDefault(serviceKind, pointsPerHour);
    return Points.forMinutes(minutes, rate);
  }

  public BigDecimal rateOf(String serviceKind) {
    return pointsPerHourByKind.getOrDefault(serviceKind, pointsPerHour);
  }
}
