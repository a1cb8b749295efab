package org.fourinone.order.spi;

import java.util.List;
import java.util.Optional;
import org.fourinone.order.OrderType;

/**
 * Extension point: the order types a system offers (its part of the service catalogue) and the
 * rules of each. A system declares one bean of this type in its {@code orders} package; without
 * one, the contract reads {@code order-types.json} from the class path ({@link
 * JsonOrderTypeCatalogue}).
 */
public interface OrderTypeCatalogue {

  List<OrderTypeRules> all();

  default Optional<OrderTypeRules> find(String code) {
    return all().stream().filter(r -> r.type().code().equals(code)).findFirst();
  }

  default List<OrderType> types() {
    return all().stream().map(OrderTypeRules::type).toList();
  }
}
