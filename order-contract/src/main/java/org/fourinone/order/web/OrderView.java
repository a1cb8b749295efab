package org.fourinone.order.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.OrderType;
import org.fourinone.order.OriginSystem;

/** An order as the API shows it: the snapshot plus display names for front-ends. */
public record OrderView(
    String orderId,
    long sequence,
    OriginSystem originSystem,
    String originSystemName,
    OrderType orderType,
    String residentId,
    String communityId,
    String streetId,
    Channel channel,
    String operatorId,
    Order.Consent consent,
    String title,
    String description,
    String address,
    OrderStatus status,
    Order.Assignment assignment,
    Order.Rating rating,
    Instant createdAt,
    Instant updatedAt,
    List<Order.TimelineEntry> timeline,
    Order.VolunteerWanted volunteerWanted) {

  public static OrderView of(Order o, Locale locale) {
    return new OrderView(
        o.orderId(),
        o.sequence(),
        o.originSystem(),
        o.originSystem().displayName(locale),
        o.orderType(),
        o.residentId(),
        o.communityId(),
        o.streetId(),
        o.channel(),
        o.operatorId(),
        o.consent(),
        o.title(),
        o.description(),
        o.address(),
        o.status(),
        o.assignment(),
        o.rating(),
        o.createdAt(),
        o.updatedAt(),
        o.timeline(),
        o.volunteerWanted());
  }
}
