package org.fourinone.order;

import java.util.List;
import java.util.stream.Stream;

/** The event types of the order contract, written out here once (docs/events names the same). */
public final class OrderEvents {

  static final String TYPE_PREFIX = "org.fourinone.order.";
  static final String TYPE_VERSION = ".v1";

  /** A system offers a note for another system's order timeline (on the contributions topic). */
  public static final String NOTE_CONTRIBUTED = "org.fourinone.order-note.contributed.v1";

  /** public-service registered a resident (community.residents.v1). */
  public static final String RESIDENT_REGISTERED = "org.fourinone.resident.registered.v1";

  /** public-service registered a community (community.geography.v1). */
  public static final String COMMUNITY_REGISTERED = "org.fourinone.community.registered.v1";

  private OrderEvents() {}

  /** Every event type the platform's services produce. */
  public static List<String> all() {
    return Stream.concat(
            Stream.of(OrderAction.values()).map(OrderAction::eventType),
            Stream.of(NOTE_CONTRIBUTED, RESIDENT_REGISTERED, COMMUNITY_REGISTERED))
        .toList();
  }
}
