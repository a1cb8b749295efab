package org.fourinone.publicservice.orders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.access.Role;
import org.fourinone.order.spi.JsonOrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeRules;

/**
 * The government-affairs items a resident applies for at the community hall (前台一口受理): each is
 * handled by the community's window and routed to the department(s) that decide it (后台协同办理),
 * e.g. 低保申请 to civil affairs. Party staff do not handle them.
 */
public class PublicOrderTypes implements OrderTypeCatalogue {

  static final String CATALOGUE = "org/fourinone/publicservice/orders/order-types.json";

  /** One item: the contract's rules plus the departments that may decide it. */
  record Item(
      String code,
      String name,
      String category,
      Set<String> requires,
      Set<Channel> channels,
      Set<Role> handledBy,
      Set<AssigneeType> assignees,
      Set<String> departments) {}

  private final List<OrderTypeRules> rules;
  private final Map<String, Set<String>> departments;

  PublicOrderTypes() {
    var file = JsonOrderTypeCatalogue.read(CATALOGUE, Item.class);
    this.rules =
        file.types().stream()
            .map(i -> new JsonOrderTypeCatalogue.Entry(
                    i.code(), i.name(), i.category(), i.requires(), i.channels(), i.handledBy(), i.assignees())
                .rules(file.defaults()))
            .toList();
    this.departments =
        file.types().stream()
            .collect(Collectors.toMap(Item::code, i -> i.departments() == null ? Set.of() : Set.copyOf(i.departments())));
  }

  @Override
  public List<OrderTypeRules> all() {
    return rules;
  }

  /** The departments that decide an item; empty: any department. */
  Set<String> departmentsOf(String code) {
    return departments.getOrDefault(code, Set.of());
  }
}
