package org.fourinone.volunteer.timebank;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Points (积分 / 时间币) are kept as whole hundredths in {@code long}s, so that sums are exact; the wire
 * shows them as decimals with two places.
 */
public final class Points {

  private Points() {}

  public static BigDecimal format(long hundredths) {
    return BigDecimal.valueOf(hundredths, 2);
  }

  /** For event data: a JSON number with at most two places (BSON decimals would not be JSON). */
  public static double asNumber(long hundredths) {
    return format(hundredths).doubleValue();
  }

  /** A decimal from the wire, in hundredths; more than two places are refused by the caller. */
  public static long parse(BigDecimal points) {
    return points.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  /** Points for {@code minutes} of service at {@code perHour} points an hour, rounded down. */
  public static long forMinutes(long minutes, BigDecimal perHour) {
    return perHour
        .multiply(BigDecimal.valueOf(minutes))
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(60), 0, RoundingMode.DOWN)
        .longValueExact();
  }
}
