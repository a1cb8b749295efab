package org.fourinone.order;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fourinone.kit.ids.RandomIds;

/**
 * The cross-system order (工单): the aggregate, in the system it came from, and its snapshot
 * everywhere else. Immutable; every change goes through a guarded method that returns the next
 * state, with one more timeline entry and the sequence advanced by one.
 */
public record Order(
    String orderId,
    long sequence,
    OriginSystem originSystem,
    OrderType orderType,
    String residentId,
    String communityId,
    String streetId,
    Channel channel,
    String operatorId,
    Consent consent,
    String title,
    String description,
    String address,
    OrderStatus status,
    Assignment assignment,
    Rating rating,
    Instant createdAt,
    Instant updatedAt,
    List<TimelineEntry> timeline,
    VolunteerWanted volunteerWanted) {

  /**
   * Who the order is dispatched to (派单).
   *
   * @param organisationId the organisation the assignee works for, when it was dispatched through
   *     one (a social worker of a social organisation); null otherwise
   */
  public record Assignment(AssigneeType assigneeType, String assignee, String organisationId) {

    public Assignment(AssigneeType assigneeType, String assignee) {
      this(assigneeType, assignee, null);
    }
  }

  /**
   * The order asks for a volunteer companion (志愿者陪同) with a skill from the volunteer system's
   * catalogue: carried in every event so that the volunteer system can match one. The origin does
   * not match volunteers itself.
   */
  public record VolunteerWanted(String skill, String note) {}

  /** The resident's consent to an order placed on their behalf, and how it was given. */
  public record Consent(boolean given, ConsentMethod how) {}

  public enum ConsentMethod {
    PHONE_RECORDING,
    SIGNED_FORM,
    IN_PERSON
  }

  public record Rating(SatisfactionLevel level, String comment, Instant at) {}

  public record TimelineEntry(
      long sequence, OrderAction action, OrderStatus status, Instant at, String by, String note) {}

  /** Thrown when a command does not fit the order's status. */
  public static final class IllegalTransition extends RuntimeException {
    private final OrderStatus status;
    private final OrderAction action;

    IllegalTransition(OrderStatus status, OrderAction action) {
      super(action + " is not allowed in " + status, null, false, false);
      this.status = status;
      this.action = action;
    }

    public OrderStatus status() {
      return status;
    }

    public OrderAction action() {
      return action;
    }
  }

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

  public Order {
    timeline = List.copyOf(timeline);
  }

  /** A new order id such as {@code SANSHE-261122-7K3F9Q2X}: system, UTC day, 40 random bits. */
  public static String newId(OriginSystem system, Instant now) {
    return system.name() + '-' + DAY.format(now) + '-' + RandomIds.chars(8);
  }

  public static Order place(
      String orderId,
      OriginSystem origin,
      OrderType type,
      String residentId,
      String communityId,
      String streetId,
      Channel channel,
      String operatorId,
      Consent consent,
      String title,
      String description,
      String address,
      VolunteerWanted volunteerWanted,
      Instant at) {
    String by = channel.assisted() ? operatorId : residentId;
    var entry = new TimelineEntry(1, OrderAction.PLACED, OrderStatus.SUBMITTED, at, by, null);
    return new Order(
        orderId,
        1,
        origin,
        type,
        residentId,
        communityId,
        streetId,
        channel,
        operatorId,
        consent,
        title,
        description,
        address,
        OrderStatus.SUBMITTED,
        null,
        null,
        at,
        at,
        List.of(entry),
        volunteerWanted);
  }

  public Order accept(String by, String note, Instant at) {
    require(OrderAction.ACCEPTED, Set.of(OrderStatus.SUBMITTED));
    return next(OrderAction.ACCEPTED, OrderStatus.ACCEPTED, assignment, rating, by, note, at);
  }

  public Order assign(Assignment to, String by, String note, Instant at) {
    require(OrderAction.ASSIGNED, Set.of(OrderStatus.ACCEPTED, OrderStatus.ASSIGNED));
    String described =
        to.assigneeType()
            + ":"
            + to.assignee()
            + (to.organisationId() == null ? "" : "@" + to.organisationId())
            + (note == null ? "" : " " + note);
    return next(OrderAction.ASSIGNED, OrderStatus.ASSIGNED, to, rating, by, described, at);
  }

  public Order start(String by, String note, Instant at) {
    require(OrderAction.STARTED, Set.of(OrderStatus.ASSIGNED));
    return next(OrderAction.STARTED, OrderStatus.IN_PROGRESS, assignment, rating, by, note, at);
  }

  public Order complete(String by, String note, Instant at) {
    require(OrderAction.COMPLETED, Set.of(OrderStatus.IN_PROGRESS));
    return next(OrderAction.COMPLETED, OrderStatus.COMPLETED, assignment, rating, by, note, at);
  }

  public Order cancel(String by, String reason, Instant at) {
    require(
        OrderAction.CANCELLED,
        Set.of(OrderStatus.SUBMITTED, OrderStatus.ACCEPTED, OrderStatus.ASSIGNED));
    return next(OrderAction.CANCELLED, OrderStatus.CANCELLED, assignment, rating, by, reason, at);
  }

  public Order reject(String by, String reason, Instant at) {
    require(OrderAction.REJECTED, Set.of(OrderStatus.SUBMITTED, OrderStatus.ACCEPTED));
    return next(OrderAction.REJECTED, OrderStatus.REJECTED, assignment, rating, by, reason, at);
  }

  /** 好差评: once, and only after completion; the status stays COMPLETED. */
  public Order rate(SatisfactionLevel level, String comment, String by, Instant at) {
    require(OrderAction.RATED, Set.of(OrderStatus.COMPLETED));
    if (rating != null) {
      throw new IllegalTransition(status, OrderAction.RATED);
    }
    var given = new Rating(level, comment, at);
    return next(OrderAction.RATED, status, assignment, given, by, comment, at);
  }

  /**
   * A note another system adds to the timeline (e.g. 志愿者已匹配), carried here by an event: the origin
   * stays the only writer. Any status; the status does not change.
   */
  public Order note(String by, String note, Instant at) {
    return next(OrderAction.NOTED, status, assignment, rating, by, note, at);
  }

  /** When the order was completed (办结), or null if it was not. */
  public Instant completedAt() {
    return timeline.stream()
        .filter(e -> e.action() == OrderAction.COMPLETED)
        .map(TimelineEntry::at)
        .findFirst()
        .orElse(null);
  }

  /** The action of the latest timeline entry: the change that produced this state. */
  public OrderAction lastAction() {
    return timeline.get(timeline.size() - 1).action();
  }

  private void require(OrderAction action, Set<OrderStatus> allowed) {
    if (!allowed.contains(status)) {
      throw new IllegalTransition(status, action);
    }
  }

  private Order next(
      OrderAction action,
      OrderStatus nextStatus,
      Assignment nextAssignment,
      Rating nextRating,
      String by,
      String note,
      Instant at) {
    long nextSequence = sequence + 1;
    List<TimelineEntry> entries = new ArrayList<>(timeline);
    entries.add(new TimelineEntry(nextSequence, action, nextStatus, at, by, note));
    return new Order(
        orderId,
        nextSequence,
        originSystem,
        orderType,
        residentId,
        communityId,
        streetId,
        channel,
        operatorId,
        consent,
        title,
        description,
        address,
        nextStatus,
        nextAssignment,
        nextRating,
        createdAt,
        at,
        entries,
        volunteerWanted);
  }
}
