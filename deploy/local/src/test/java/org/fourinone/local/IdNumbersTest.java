package org.fourinone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo data's generator; the GB 11643 rule itself is tested in platform-kit. */
class IdNumbersTest {

  private static boolean isValid(String idNumber) {
    return org.fourinone.kit.validation.IdNumbers.parse(idNumber)
        .filter(idNumber::equals)
        .isPresent();
  }

  @Test
  void generatedNumbersAreValidAndCarryTheGender() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      boolean male = i % 2 == 0;
      String id = IdNumbers.random(random, male);
      assertThat(isValid(id)).as(id).isTrue();
      assertThat((id.charAt(16) - '0') % 2 == 1).as("gender digit of " + id).isEqualTo(male);
    }
  }

  @Test
  void buildsTheNumberFromRegionBirthAndSequence() {
    String id = IdNumbers.of("310104", LocalDate.of(1988, 6, 1), 7, false);
    assertThat(id).startsWith("31010419880601").hasSize(18);
    assertThat(isValid(id)).isTrue();
  }

  @Test
  void demoPeopleHaveValidIdNumbersAndMobileNumbers() {
    assertThat(DemoData.people())
        .hasSizeGreaterThanOrEqualTo(8)
        .allSatisfy(
            person -> {
              assertThat(isValid(person.idNumber())).as(person.idNumber()).isTrue();
              assertThat(person.phone()).matches("1[3-9]\\d{9}");
            });
    assertThat(DemoData.people()).isEqualTo(DemoData.people());
  }
}
