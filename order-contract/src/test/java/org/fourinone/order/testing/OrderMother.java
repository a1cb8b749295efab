package org.fourinone.order.testing;

import java.time.Instant;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderType;
import org.fourinone.order.OriginSystem;

/** Orders as another system would publish them, for tests that play that system. */
public final class OrderMother {

  private OrderMother() {}

  /** A newly placed order of {@code origin}, placed by the resident through the app. */
  public static Order placed(
      OriginSystem origin, OrderType type, Where where, String title, Instant at) {
    return Order.place(
        origin.name() + "-261130-" + RandomIds.chars(8),
        origin,
        type,
        where.residentId(),
        where.communityId(),
        where.streetId(),
        Channel.APP,
        null,
        null,
        title,
        "",
        null,
        null,
        at);
  }

  /** Whose order it is and where they live. */
  public record Where(String residentId, String communityId, String streetId) {}
}
