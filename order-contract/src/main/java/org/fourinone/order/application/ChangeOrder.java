package org.fourinone.order.application;

/** The body of a lifecycle command; which members are required depends on the command. */
public record ChangeOrder(
    String note,
    String reason,
    String assigneeType,
    String assignee,
    String level,
    String comment) {

  public static ChangeOrder empty() {
    return new ChangeOrder(null, null, null, null, null, null);
  }
}
