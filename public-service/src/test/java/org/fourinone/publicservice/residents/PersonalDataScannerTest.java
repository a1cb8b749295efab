package org.fourinone.publicservice.residents;

import static org.assertj.core.api.Assertions.assertThat;

import org.fourinone.kit.personaldata.Masking;
import org.fourinone.testing.IdNumbers;
import org.fourinone.testing.PersonalDataScanner;
import org.junit.jupiter.api.Test;

class PersonalDataScannerTest {

  @Test
  void findsAClearIdNumberAnywhereInAText() {
    String id = IdNumbers.valid();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("registered " + id + " at the window"))
        .isTrue();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("{\"idNumber\":\"" + id + "\"}"))
        .isTrue();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("身份证号" + id + "。")).isTrue();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("11010519491231002x"))
        .as("lower-case x")
        .isTrue();
    assertThat(PersonalDataScanner.findings("id " + id))
        .singleElement()
        .asString()
        .doesNotContain(id)
        .contains(Masking.idNumber(id));
  }

  @Test
  void findsAClearMobileWithOrWithoutTheCountryCode() {
    assertThat(PersonalDataScanner.containsClearIdOrPhone("phone=13812345678")).isTrue();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("电话：19912345678")).isTrue();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("call +8613812345678 now")).isTrue();
  }

  @Test
  void ignoresMaskedValues() {
    String id = IdNumbers.valid();
    assertThat(
            PersonalDataScanner.containsClearIdOrPhone(
                "{\"idNumberMasked\":\""
                    + Masking.idNumber(id)
                    + "\",\"phoneMasked\":\""
                    + Masking.mobile("13812345678")
                    + "\"}"))
        .isFalse();
  }

  @Test
  void ignoresAnIdNumberWithABadChecksumAndImpossibleDates() {
    assertThat(PersonalDataScanner.containsClearIdOrPhone(IdNumbers.withBadChecksum())).isFalse();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("110105194913310020")).isFalse();
  }

  @Test
  void ignoresOrderIdsTraceIdsTimestampsAndLongerDigitRuns() {
    assertThat(PersonalDataScanner.containsClearIdOrPhone("order SANSHE-261122-7K3F9Q2X accepted"))
        .isFalse();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("order 2026112213812345678 placed"))
        .as("longer digit run")
        .isFalse();
    assertThat(
            PersonalDataScanner.containsClearIdOrPhone("traceId=4bf92f3577b34da6a13812345678e4736"))
        .isFalse();
    assertThat(
            PersonalDataScanner.containsClearIdOrPhone(
                "atMillis=1764000000000 at=2026-11-22T10:15:30.123Z"))
        .isFalse();
    assertThat(PersonalDataScanner.containsClearIdOrPhone("office 010-64012345, 12345678901"))
        .as("landline, 12x is no mobile")
        .isFalse();
    assertThat(PersonalDataScanner.containsClearIdOrPhone(null)).isFalse();
  }
}
