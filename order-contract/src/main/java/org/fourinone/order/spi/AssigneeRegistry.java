package org.fourinone.order.spi;

import org.fourinone.order.Order;

/**
 * Extension point: checks an assignee named in an {@code assign} command against the system's own
 * registry (its organisations, social workers, volunteers, party members, departments). The kind of
 * assignee has been checked against the order type's rules already. Throw a {@link
 * org.fourinone.kit.problem.Problem} (unprocessable) to refuse. Without a bean of its own, a system
 * accepts any well-formed assignee.
 */
public interface AssigneeRegistry {

  void requireAssignable(Order order, Order.Assignment assignment);

  /**
   * The assignment as it is written: checked, and completed with what the registry knows (the
   * organisation a social worker works for). The default only checks.
   */
  default Order.Assignment resolve(Order order, Order.Assignment assignment) {
    requireAssignable(order, assignment);
    return assignment;
  }
}
