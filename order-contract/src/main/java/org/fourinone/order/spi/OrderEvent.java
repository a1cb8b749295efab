package org.fourinone.order.spi;

import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;

/** An order event as reactions see it: its id (the inbox key) and the order's state after it. */
public record OrderEvent(String eventId, Order order) {

  /** What happened: the action of the order's latest timeline entry. */
  public OrderAction action() {
    return order.lastAction();
  }
}
