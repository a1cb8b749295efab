package org.fourinone.publicservice.orders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fourinone.order.spi.JsonOrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeRules;

/**
 * The government-affairs items a resident applies for at the community hall (前台一口受理): each is
 * handled by the community's window and routed to the department(s) that decide it (后台协同办理), e.g.
 * 低保申请 to civil affairs. Party staff do not handle them.
 */
public class PublicOrderTypes implements OrderTypeCatalogue {

  static final String CATALOGUE = "org/fourinone/publicservice/orders/order-types.json";

  /** What public-service adds to an item of the catalogue: the departments that decide it. */
  record Routing(String code, Set<String> departments) {}

  private final OrderTypeCatalogue rules = new JsonOrderTypeCatalogue(CATALOGUE);
  private final Map<String, Set<String>> departments =
      JsonOrderTypeCatalogue.read(CATALOGUE, Routing.class).types().stream()
          .collect(
              Collectors.toMap(
                  Routing::code,
                  r -> r.departments() == null ? Set.of() : Set.copyOf(r.departments())));

  @Override
  public List<OrderTypeRules> all() {
    return rules.all();
  }

  /** The departments that decide an item; empty: any department. */
  Set<String> departmentsOf(String code) {
    return departments.getOrDefault(code, Set.of());
  }
}
