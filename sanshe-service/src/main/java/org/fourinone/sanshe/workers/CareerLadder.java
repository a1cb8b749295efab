package org.fourinone.sanshe.workers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * 三岗十八级 and the certificate allowance, as the district configures them ({@code
 * fourinone.sanshe.career}): three post categories with their range of grades, one pay coefficient
 * per grade (1–18), the reference pay (pay = reference × coefficient, of which {@code basicShare}
 * is basic and the rest depends on the yearly appraisal), the years of service per step, and the
 * monthly allowance per qualification level.
 */
@ConfigurationProperties("fourinone.sanshe.career")
public record CareerLadder(
    BigDecimal referencePay,
    BigDecimal basicShare,
    int yearsPerStep,
    Map<PostCategory, Range> posts,
    List<BigDecimal> coefficients,
    Map<Qualification, BigDecimal> allowance) {

  public record Range(int lowest, int highest) {}

  public CareerLadder {
    if (coefficients == null || coefficients.size() != 18) {
      throw new IllegalStateException(
          "fourinone.sanshe.career.coefficients needs 18 values, one per grade");
    }
    for (PostCategory category : PostCategory.values()) {
      if (posts == null || !posts.containsKey(category)) {
        throw new IllegalStateException("fourinone.sanshe.career.posts lacks " + category);
      }
    }
  }

  public boolean allows(PostCategory category, int grade) {
    Range range = posts.get(category);
    return grade >= range.lowest() && grade <= range.highest();
  }

  public BigDecimal coefficient(int grade) {
    return coefficients.get(grade - 1);
  }

  /** Monthly pay of a grade: reference pay × the grade's coefficient, in yuan. */
  public BigDecimal pay(int grade) {
    return referencePay.multiply(coefficient(grade)).setScale(2, RoundingMode.HALF_UP);
  }

  public BigDecimal allowanceOf(Qualification level) {
    return level == null ? BigDecimal.ZERO : allowance.getOrDefault(level, BigDecimal.ZERO);
  }
}
