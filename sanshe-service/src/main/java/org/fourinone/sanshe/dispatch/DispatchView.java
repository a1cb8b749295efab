package org.fourinone.sanshe.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.fourinone.order.Order;

/** An order's dispatch as the board shows it: where it is, with whom, until when, what happened. */
public record DispatchView(
    String orderId,
    String itemCode,
    String itemName,
    String communityId,
    String state,
    String organisationId,
    String organisationName,
    String workerId,
    String offeredAt,
    String dueAt,
    List<Step> history,
    String orderStatus,
    long orderSequence) {

  public record Step(
      String organisationId, String organisationName, String outcome, String at, String reason) {}

  static DispatchView of(Document d, Function<String, String> names) {
    Number due = d.get("dueAtMillis", Number.class);
    String organisationId = d.getString("organisationId");
    return new DispatchView(
        d.getString("_id"),
        d.getString("itemCode"),
        d.getString("itemName"),
        d.getString("communityId"),
        d.getString("state"),
        organisationId,
        organisationId == null ? null : names.apply(organisationId),
        d.getString("workerId"),
        d.getString("offeredAt"),
        due == null || !"OFFERED".equals(d.getString("state"))
            ? null
            : Instant.ofEpochMilli(due.longValue()).toString(),
        d.getList("history", Document.class, List.of()).stream()
            .map(
                h ->
                    new Step(
                        h.getString("organisationId"),
                        names.apply(h.getString("organisationId")),
                        h.getString("outcome"),
                        h.getString("at"),
                        h.getString("reason")))
            .toList(),
        d.getString("orderStatus"),
        d.get("orderSequence", Number.class) == null
            ? 0
            : d.get("orderSequence", Number.class).longValue());
  }

  /** The same dispatch with the order's state right after a command (the board catches up). */
  DispatchView withOrder(Order order) {
    return new DispatchView(
        orderId,
        itemCode,
        itemName,
        communityId,
        state,
        organisationId,
        organisationName,
        order.assignment() == null ? workerId : order.assignment().assignee(),
        offeredAt,
        dueAt,
        history,
        order.status().name(),
        order.sequence());
  }
}
