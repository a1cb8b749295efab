package org.fourinone.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestGuardFilterTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void findsAnOperatorNestedInAnObjectOrArray() {
    assertThat(RequestGuardFilter.findOperator(json.readTree("{\"residentId\":{\"$ne\":null}}"), 0))
        .isEqualTo("$ne");
    assertThat(
            RequestGuardFilter.findOperator(
                json.readTree("{\"a\":[{\"b\":{\"$where\":\"1\"}}]}"), 0))
        .isEqualTo("$where");
  }

  @Test
  void letsOrdinaryBodiesThroughEvenWithDollarsInValues() {
    assertThat(
            RequestGuardFilter.findOperator(
                json.readTree("{\"title\":\"$100 的补贴\",\"n\":[1,2]}"), 0))
        .isNull();
  }
}
