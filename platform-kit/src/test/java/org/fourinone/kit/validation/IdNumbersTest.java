package org.fourinone.kit.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdNumbersTest {

  @Test
  void computesTheCheckCharOfTheStandardsExample() {
    // GB 11643-1999 appendix example: 11010519491231002X
    assertThat(IdNumbers.checkChar("11010519491231002")).isEqualTo('X');
    assertThat(IdNumbers.parse("11010519491231002X")).contains("11010519491231002X");
    assertThat(IdNumbers.parse(" 11010519491231002x ")).contains("11010519491231002X");
  }

  @Test
  void computesCheckCharsOfKnownNumbers() {
    assertThat(IdNumbers.checkChar("44052418800101001")).isEqualTo('4');
    assertThat(IdNumbers.checkChar("11010119900307867")).isEqualTo('0');
    assertThat(IdNumbers.complete("44052418800101001")).isEqualTo("440524188001010014");
  }

  @Test
  void rejectsIdNumberWithBadChecksum() {
    assertThat(IdNumbers.parse("110105194912310021")).isEmpty();
    assertThat(IdNumbers.hasValidCheckChar("110105194912310021")).isFalse();
  }

  @Test
  void rejectsImpossibleAndFutureBirthDates() {
    assertThat(IdNumbers.parse(IdNumbers.complete("11010519490230002"))).isEmpty();
    assertThat(IdNumbers.parse(IdNumbers.complete("11010518991231002"))).isEmpty();
    assertThat(IdNumbers.parse(IdNumbers.complete("11010520991231002"))).isEmpty();
  }

  @Test
  void rejectsMalformedInput() {
    assertThat(IdNumbers.parse(null)).isEmpty();
    assertThat(IdNumbers.parse("1101051949123100")).isEmpty();
    assertThat(IdNumbers.parse("11010519491231002Y")).isEmpty();
    assertThatThrownBy(() -> IdNumbers.checkChar("1101051949123100A"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsMobilesAsPeopleWriteThem() {
    assertThat(MobileNumbers.parse("138 0013 8000")).contains("13800138000");
    assertThat(MobileNumbers.parse("+86-139-0000-0000")).contains("13900000000");
    assertThat(MobileNumbers.parse("12800138000")).isEmpty();
    assertThat(MobileNumbers.parse("010-12345678")).isEmpty();
    assertThat(MobileNumbers.parse(null)).isEmpty();
  }
}
