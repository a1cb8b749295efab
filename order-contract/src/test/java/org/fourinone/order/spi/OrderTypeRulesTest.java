package org.fourinone.order.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderType;
import org.fourinone.order.access.Role;
import org.junit.jupiter.api.Test;

class OrderTypeRulesTest {

  static final OrderType LOW_INCOME = new OrderType("MINIMUM_LIVING_ALLOWANCE", "低保申请", "民政");

  static OrderTypeRules rules(Set<Role> handledBy, Set<AssigneeType> assignees) {
    return new OrderTypeRules(
        LOW_INCOME, Set.of("description"), Set.of(Channel.values()), handledBy, assignees);
  }

  @Test
  void staffActOnlyOnTheTypesTheyHandle() {
    var publicItem =
        rules(
            Set.of(Role.COMMUNITY_WORKER, Role.STREET_OFFICER, Role.DISTRICT_ADMIN),
            Set.of(AssigneeType.DEPARTMENT));
    assertThat(publicItem.actorsOf(OrderAction.ACCEPTED))
        .contains(Role.COMMUNITY_WORKER, Role.STREET_OFFICER, Role.DISTRICT_ADMIN)
        .doesNotContain(Role.PARTY_STAFF, Role.SOCIAL_WORKER, Role.RESIDENT);
    // cancelling stays with the resident and the staff who may cancel, whatever the type
    assertThat(publicItem.actorsOf(OrderAction.CANCELLED))
        .contains(Role.RESIDENT, Role.SOCIAL_WORKER, Role.CALL_CENTER_OPERATOR);
    assertThat(publicItem.actorsOf(OrderAction.RATED)).containsExactly(Role.RESIDENT);
  }

  @Test
  void organisationStaffAndVolunteersWorkOnlyOnTypesThatCanBeDispatchedToThem() {
    var departmentOnly = rules(Set.of(Role.COMMUNITY_WORKER), Set.of(AssigneeType.DEPARTMENT));
    assertThat(departmentOnly.actorsOf(OrderAction.STARTED))
        .doesNotContain(Role.ORGANISATION_STAFF, Role.VOLUNTEER);
    var volunteerWork = rules(Set.of(Role.COMMUNITY_WORKER), Set.of(AssigneeType.VOLUNTEER));
    assertThat(volunteerWork.actorsOf(OrderAction.COMPLETED))
        .contains(Role.VOLUNTEER)
        .doesNotContain(Role.ORGANISATION_STAFF);
  }

  @Test
  void refusesRulesThatCannotBeKept() {
    assertThatThrownBy(
            () ->
                new OrderTypeRules(
                    LOW_INCOME, Set.of("income"), Set.of(Channel.WEB), Set.of(), Set.of()))
        .hasMessageContaining("income");
    assertThatThrownBy(() -> new OrderTypeRules(LOW_INCOME, Set.of(), Set.of(), Set.of(), Set.of()))
        .hasMessageContaining("no channel");
  }

  @Test
  void readsEachSystemsCatalogueWithItsDefaults() {
    var sanshe = new JsonOrderTypeCatalogue("org/fourinone/order/spi/catalogue-example.json");
    assertThat(sanshe.find("HOME_CARE").orElseThrow().assignees())
        .containsExactlyInAnyOrder(AssigneeType.VOLUNTEER);
    var counselling = sanshe.find("PSYCHOLOGICAL_COUNSELLING").orElseThrow();
    assertThat(counselling.assignees())
        .containsExactlyInAnyOrder(AssigneeType.ORGANISATION, AssigneeType.SOCIAL_WORKER);
    assertThat(counselling.handledBy())
        .containsExactlyInAnyOrder(Role.COMMUNITY_WORKER, Role.SOCIAL_WORKER);
    assertThat(counselling.channels()).containsExactlyInAnyOrder(Channel.values());
    assertThat(sanshe.find("COMMUNITY_CORRECTION").orElseThrow().channels())
        .containsExactly(Channel.DOOR_TO_DOOR);
    assertThat(sanshe.find("NONE")).isEmpty();
  }
}
