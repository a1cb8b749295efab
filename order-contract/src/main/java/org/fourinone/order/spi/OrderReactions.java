package org.fourinone.order.spi;

import java.util.List;

/**
 * Extension point: how a system reacts to orders, its own and the other systems'. The contract's
 * order-event consumer calls every bean of this type for each event of a poll, then makes all the
 * reactions' writes in bulk, each guarded by the inbox (see {@link Reaction}), so that a
 * redelivered event acts once. A reaction runs after the event is on the topic: for the origin's
 * own orders that is after the command's write, whatever happened to the process in between.
 */
public interface OrderReactions {

  /** What this system does when one of its own orders changed. */
  default List<Reaction> onOwnOrder(OrderEvent event) {
    return List.of();
  }

  /**
   * What this system does when another system's order changed (after its projection is updated).
   */
  default List<Reaction> onOtherSystemsOrder(OrderEvent event) {
    return List.of();
  }
}
