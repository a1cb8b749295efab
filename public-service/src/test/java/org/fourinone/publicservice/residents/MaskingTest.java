package org.fourinone.publicservice.residents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fourinone.kit.personaldata.Masking;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void showsTheFirstThreeAndLastFourOfAnIdNumber() {
    assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("110***********002X");
    assertThat(Masking.idNumber("11010519491231002X")).hasSize(18);
  }

  @Test
  void masksAFifteenDigitIdNumberOfTheFirstGenerationWithEightAsterisks() {
    assertThat(Masking.idNumber("110105491231002")).isEqualTo("110********1002");
  }

  @Test
  void refusesSomethingThatIsNoIdNumber() {
    assertThatThrownBy(() -> Masking.idNumber("1234")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void showsTheNetworkAndLastFourOfAMobile() {
    assertThat(Masking.mobile("13812345678")).isEqualTo("138****5678");
    assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
  }

  @Test
  void leavesOfficeLandlinesAsTheyAre() {
    assertThat(Masking.phone("010-64012345")).isEqualTo("010-64012345");
    assertThat(Masking.phone("(010)64012345")).isEqualTo("(010)64012345");
  }

  @Test
  void leavesNamesAsTheyAre() {
    assertThat(Masking.name("王秀兰")).isEqualTo("王秀兰");
  }
}
