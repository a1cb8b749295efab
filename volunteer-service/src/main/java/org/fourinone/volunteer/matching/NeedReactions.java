package org.fourinone.volunteer.matching;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;
import org.fourinone.volunteer.records.ServiceRecords;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * What the volunteer system does with the orders of all four systems (through the contract's
 * inbox): an order that asks for a volunteer becomes a need, closed when the order ends first and
 * matched when staff assign it to a volunteer by hand; a completed order becomes a pending service
 * record of each volunteer who took it (its assignee) or helped (the need's match), with hours from
 * its start to its completion; the resident's rating is attached to those records and counted in
 * the volunteers' ratings. A redelivered event does nothing twice.
 */
class NeedReactions implements OrderReactions {

  private static final Set<OrderStatus> OPEN =
      Set.of(
          OrderStatus.SUBMITTED,
          OrderStatus.ACCEPTED,
          OrderStatus.ASSIGNED,
          OrderStatus.IN_PROGRESS);

  private final Needs needs;
  private final ServiceRecords records;

  NeedReactions(Needs needs, ServiceRecords records) {
    this.needs = needs;
    this.records = records;
  }

  @Override
  public List<Reaction> onOwnOrder(OrderEvent event) {
    return react(event);
  }

  @Override
  public List<Reaction> onOtherSystemsOrder(OrderEvent event) {
    return react(event);
  }

  private List<Reaction> react(OrderEvent event) {
    Order order = event.order();
    OrderAction action = event.action();
    String needId = Needs.idOf(order.orderId());
    long changedAt = needs.now().toEpochMilli(); // the statistics' change time of a need written
    List<Reaction> reactions = new ArrayList<>();
    if (order.volunteerWanted() != null && OPEN.contains(order.status())) {
      reactions.add(
          Reaction.updateOnce(
              Needs.COLLECTION,
              eq("_id", needId),
              new Document("$setOnInsert", newNeed(order, changedAt)),
              event,
              true));
    }
    Document stillOpen =
        new Document("state", new Document("$in", List.of("OPEN", "INVITED", "UNMATCHED")));
    if (action == OrderAction.CANCELLED || action == OrderAction.REJECTED) {
      reactions.add(
          Reaction.updateOnce(
              Needs.COLLECTION,
              and(eq("_id", needId), stillOpen),
              new Document(
                  "$set",
                  new Document("state", Needs.State.CLOSED.name())
                      .append("closedAt", order.updatedAt().toString())
                      .append("leaseUntil", null)
                      .append(Needs.CHANGED_AT, changedAt)),
              event,
              false));
    }
    Order.Assignment assignment = order.assignment();
    if (action == OrderAction.ASSIGNED
        && assignment != null
        && assignment.assigneeType() == AssigneeType.VOLUNTEER) {
      reactions.add(
          Reaction.updateOnce(
              Needs.COLLECTION,
              and(eq("_id", needId), stillOpen),
              new Document(
                  "$set",
                  new Document("state", Needs.State.MATCHED.name())
                      .append("volunteerId", assignment.assignee())
                      .append("matchedAt", order.updatedAt().toString())
                      .append("matchedBy", "assignment")
                      .append("announced", true)
                      .append("invitation", null)
                      .append("leaseUntil", null)
                      .append(Needs.CHANGED_AT, changedAt)),
              event,
              false));
    }
    if (action == OrderAction.COMPLETED) {
      recordService(order);
    }
    if (action == OrderAction.RATED && order.rating() != null) {
      SatisfactionLevel level = order.rating().level();
      records.rated(order.orderId(), level.name());
      for (String volunteerId : volunteersOf(order)) {
        reactions.add(
            Reaction.updateOnce(
                Volunteers.COLLECTION,
                eq("_id", volunteerId),
                new Document(
                    "$inc",
                    new Document("rating.sum", 5 - level.ordinal()).append("rating.count", 1)),
                event,
                false));
      }
    }
    return reactions;
  }

  /** 自动生成服务记录 for the order's assignee and helper, once each (their ids are the records'). */
  private void recordService(Order order) {
    Instant start =
        order.timeline().stream()
            .filter(e -> e.action() == OrderAction.STARTED)
            .map(Order.TimelineEntry::at)
            .findFirst()
            .orElse(null);
    Instant end = order.completedAt();
    String skill = order.volunteerWanted() == null ? "GENERAL" : order.volunteerWanted().skill();
    Order.Assignment a = order.assignment();
    if (a != null && a.assigneeType() == AssigneeType.VOLUNTEER) {
      records.fromOrder(service(order, a.assignee(), "ASSIGNEE", skill, start, end));
    }
    needs
        .find(Needs.idOf(order.orderId()))
        .filter(n -> Needs.State.MATCHED.name().equals(n.getString("state")))
        .map(n -> n.getString("volunteerId"))
        .filter(helper -> a == null || !helper.equals(a.assignee()))
        .ifPresent(
            helper -> records.fromOrder(service(order, helper, "HELPER", skill, start, end)));
  }

  private static ServiceRecords.OrderService service(
      Order order, String volunteerId, String role, String skill, Instant start, Instant end) {
    return new ServiceRecords.OrderService(
        order.orderId(),
        order.originSystem().name(),
        order.title(),
        volunteerId,
        role,
        order.communityId(),
        order.streetId(),
        skill,
        start,
        end);
  }

  private Set<String> volunteersOf(Order order) {
    Set<String> ids = new LinkedHashSet<>();
    for (Document record : records.collection().find(in("orderId", order.orderId()))) {
      ids.add(record.getString("volunteerId"));
    }
    return ids;
  }

  /**
   * A need as first written; an event of an order whose need exists already only adds its id to the
   * need's inbox, which changes nothing the statistics count (no change time then).
   */
  private static Document newNeed(Order order, long changedAt) {
    return new Document("source", "ORDER")
        .append("orderId", order.orderId())
        .append("originSystem", order.originSystem().name())
        .append("orderType", order.orderType().code())
        .append("title", order.title())
        .append("skill", order.volunteerWanted().skill())
        .append("note", order.volunteerWanted().note())
        .append("communityId", order.communityId())
        .append("streetId", order.streetId())
        .append("residentId", order.residentId())
        .append("state", Needs.State.OPEN.name())
        .append("asked", List.of())
        .append("history", List.of())
        .append("dueAt", order.updatedAt().toString())
        .append("createdAt", order.createdAt().toString())
        .append(Needs.CREATED_AT_MILLIS, order.createdAt().toEpochMilli())
        .append("announced", false)
        .append("sequence", 1L)
        .append(Needs.CHANGED_AT, changedAt);
  }
}
