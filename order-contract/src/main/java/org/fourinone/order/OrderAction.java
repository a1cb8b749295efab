package org.fourinone.order;

import java.util.Locale;
import java.util.Optional;

/** What happened to an order, as a timeline entry and as an event type. */
public enum OrderAction {
  PLACED("placed"),
  ACCEPTED("accepted"),
  ASSIGNED("assigned"),
  STARTED("started"),
  COMPLETED("completed"),
  CANCELLED("cancelled"),
  REJECTED("rejected"),
  RATED("rated"),
  /** Another system added a note to the timeline; the status stays. */
  NOTED("noted");

  private final String pastTense;

  OrderAction(String pastTense) {
    this.pastTense = pastTense;
  }

  public String eventType() {
    return OrderEvents.TYPE_PREFIX + pastTense + OrderEvents.TYPE_VERSION;
  }

  /**
   * The action a lifecycle command path names: accept, assign, start, complete, cancel, reject,
   * rate.
   */
  public static Optional<OrderAction> ofCommand(String command) {
    return switch (command.toLowerCase(Locale.ROOT)) {
      case "accept" -> Optional.of(ACCEPTED);
      case "assign" -> Optional.of(ASSIGNED);
      case "start" -> Optional.of(STARTED);
      case "complete" -> Optional.of(COMPLETED);
      case "cancel" -> Optional.of(CANCELLED);
      case "reject" -> Optional.of(REJECTED);
      case "rate" -> Optional.of(RATED);
      default -> Optional.empty();
    };
  }

  public static Optional<OrderAction> ofEventType(String type) {
    for (OrderAction action : values()) {
      if (action.eventType().equals(type)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
