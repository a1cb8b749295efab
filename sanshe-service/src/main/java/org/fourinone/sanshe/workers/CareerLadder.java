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
    Map<Qualification, BigDecimal> allowance,
    Appraisal appraisal,
    Map<PostCategory, Integer> defaultPosts) {

  public record Range(int lowest, int highest) {}

  /**
   * 目标考评: the weights of the self-report, the residents' assessment and the employer's (adding up
   * to 1), the points of each 好差评 level and what no rating counts as, the totals of 优秀 / 合格 / 基本合格,
   * and the share of the performance pay each result earns.
   */
  public record Appraisal(
      double selfWeight,
      double residentsWeight,
      double employerWeight,
      Map<String, Double> residentPoints,
      double unratedResidents,
      List<Integer> thresholds,
      Map<String, Double> performanceShare) {}

  public CareerLadder {
    if (coefficients == null || coefficients.size() != 18) {
      throw new IllegalStateException(
          "fourinone.sanshe.career.coefficients needs 18 values, one per grade");
    }
    if (appraisal == null
        || Math.abs(
                appraisal.selfWeight()
                    + appraisal.residentsWeight()
                    + appraisal.employerWeight()
                    - 1)
            > 1e-6
        || appraisal.thresholds() == null
        || appraisal.thresholds().size() != 3) {
      throw new IllegalStateException(
          "fourinone.sanshe.career.appraisal needs weights adding up to 1 and three thresholds");
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
