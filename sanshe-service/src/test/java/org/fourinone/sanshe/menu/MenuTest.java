package org.fourinone.sanshe.menu;

import static org.assertj.core.api.Assertions.assertThat;

import org.fourinone.order.Channel;
import org.junit.jupiter.api.Test;

class MenuTest {

  final Menu menu = new Menu("org/fourinone/sanshe/menu/menu.json");

  @Test
  void shipsTwelveCategoriesOfTenItemsEachAsTheSystemsOrderTypes() {
    assertThat(menu.categories()).hasSize(12);
    assertThat(menu.categories()).allSatisfy(c -> assertThat(c.items()).hasSize(10));
    assertThat(menu.all()).hasSize(120);
    assertThat(menu.find("HOME_CARE").orElseThrow().type().name()).isEqualTo("居家养老照护");
    assertThat(menu.find("HOME_CARE").orElseThrow().type().category()).isEqualTo("养老服务");
    assertThat(menu.find("HOME_CARE").orElseThrow().volunteerWanted().skill())
        .isEqualTo("ELDERLY_COMPANION");
    assertThat(menu.find("COMMUNITY_CORRECTION").orElseThrow().channels())
        .containsExactly(Channel.DOOR_TO_DOOR);
    assertThat(menu.find("NO_SUCH_ITEM")).isEmpty();
  }
}
