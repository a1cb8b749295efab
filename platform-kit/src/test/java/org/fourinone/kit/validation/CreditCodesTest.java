package org.fourinone.kit.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreditCodesTest {

  @Test
  void acceptsPublishedCodes() {
    // a code printed on a public business licence
    assertThat(CreditCodes.parse("91350100M000100Y43")).contains("91350100M000100Y43");
    assertThat(CreditCodes.parse(" 91350100m000100y43 ")).contains("91350100M000100Y43");
  }

  @Test
  void rejectsAWrongCheckCharacterAndEveryOtherCharacterInItsPlace() {
    String valid = CreditCodes.complete("52110101MJ0012345");
    assertThat(CreditCodes.parse(valid)).contains(valid);
    for (char c : CreditCodes.ALPHABET.toCharArray()) {
      if (c != valid.charAt(17)) {
        assertThat(CreditCodes.parse(valid.substring(0, 17) + c)).as("check %s", c).isEmpty();
      }
    }
  }

  @Test
  void rejectsCharactersOutsideTheAlphabetAndWrongLengths() {
    String valid = CreditCodes.complete("52110101MJ0012345");
    assertThat(CreditCodes.parse(valid.replace('M', 'I'))).isEmpty();
    assertThat(CreditCodes.parse(valid.substring(0, 17))).isEmpty();
    assertThat(CreditCodes.parse(valid + "0")).isEmpty();
    assertThat(CreditCodes.parse(null)).isEmpty();
    assertThat(CreditCodes.parse("")).isEmpty();
    assertThatThrownBy(() -> CreditCodes.checkChar("52110101MJ00123O5"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void catchesEverySingleCharacterChange() {
    String valid = CreditCodes.complete("53110101MJ00A7K2P");
    for (int i = 0; i < 17; i++) {
      for (char c : CreditCodes.ALPHABET.toCharArray()) {
        if (c == valid.charAt(i)) {
          continue;
        }
        String changed = valid.substring(0, i) + c + valid.substring(i + 1);
        assertThat(CreditCodes.parse(changed)).as("position %d to %s", i, c).isEmpty();
      }
    }
  }
}
