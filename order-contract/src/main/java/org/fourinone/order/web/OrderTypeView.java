package org.fourinone.order.web;

import java.util.Set;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.spi.OrderTypeRules;

/**
 * An order type as a front-end needs it to offer and fill in the form: what it is and what it
 * requires.
 */
public record OrderTypeView(
    String code,
    String name,
    String category,
    Set<String> requires,
    Set<Channel> channels,
    Set<AssigneeType> assignees) {

  static OrderTypeView of(OrderTypeRules rules) {
    return new OrderTypeView(
        rules.type().code(),
        rules.type().name(),
        rules.type().category(),
        rules.requires(),
        rules.channels(),
        rules.assignees());
  }
}
