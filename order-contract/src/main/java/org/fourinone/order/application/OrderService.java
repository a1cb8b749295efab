package org.fourinone.order.application;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.consumer.Inbox;
import org.fourinone.kit.events.Traceparents;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Territory;
import org.fourinone.order.residents.ResidentDirectory;
import org.fourinone.order.residents.ResidentDirectory.ResidentSummary;
import org.fourinone.order.spi.AssigneeRegistry;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The order commands and queries of one system. Commands run only in the system the order came
 * from, under the rules of the order's type in this system's catalogue; each writes the next state
 * and its event in one document update, which the outbox relay then publishes.
 */
public class OrderService {

  private static final Logger log = LoggerFactory.getLogger(OrderService.class);
  private static final int MAX_ATTEMPTS = 5;
  private final OriginSystem self;
  private final Orders orders;
  private final OrderTypeCatalogue catalogue;
  private final AssigneeRegistry assignees;
  private final ResidentDirectory residents;
  private final IdempotencyKeys idempotency;
  private final OutboxRelay relay;
  private final Tracer tracer;
  private final AuditTrail audit;
  private final Clock clock;

  public OrderService(
      OriginSystem self,
      Orders orders,
      OrderTypeCatalogue catalogue,
      AssigneeRegistry assignees,
      ResidentDirectory residents,
      IdempotencyKeys idempotency,
      OutboxRelay relay,
      Tracer tracer,
      AuditTrail audit,
      Clock clock) {
    this.self = self;
    this.orders = orders;
    this.catalogue = catalogue;
    this.assignees = assignees;
    this.residents = residents;
    this.idempotency = idempotency;
    this.relay = relay;
    this.tracer = tracer;
    this.audit = audit;
    this.clock = clock;
  }

  public record Placed(Order order, boolean replayed) {}

  public List<OrderTypeRules> types() {
    AccessPolicy.requireBusinessRole(Actor.current());
    return catalogue.all();
  }

  public Placed place(PlaceOrder command, String idempotencyKey) {
    Actor caller = Actor.current();
    AccessPolicy.requireBusinessRole(caller);
    OrderTypeRules rules =
        catalogue
            .find(command.type())
            .orElseThrow(
                () ->
                    Problem.unprocessable("order.unknown-type", command.type())
                        .with("allowed", catalogue.types().stream().map(t -> t.code()).toList()));
    Channel channel = parse(Channel.class, "channel", command.channel());
    if (!rules.channels().contains(channel)) {
      throw Problem.unprocessable("order.channel-not-offered", rules.type().name(), channel)
          .with("allowed", rules.channels());
    }
    for (String field : rules.requires()) {
      String value = field.equals("address") ? command.address() : command.description();
      if (value == null || value.isBlank()) {
        throw Problem.badRequest(
                "order.field-required-for-type",
                new DefaultMessageSourceResolvable("order.field." + field),
                rules.type().name())
            .with("field", field);
      }
    }
    Order.Consent consent = null;
    if (channel.assisted()) {
      if (command.operatorId() != null && !command.operatorId().equals(caller.subject())) {
        throw Problem.badRequest("order.operator-mismatch", command.operatorId());
      }
      consent = consent(command);
    }
    ResidentSummary resident =
        residents
            .find(command.residentId())
            .orElseThrow(() -> Problem.unprocessable("resident.unknown", command.residentId()));
    AccessPolicy.requirePlace(
        caller,
        channel.assisted(),
        new Territory(resident.residentId(), resident.communityId(), resident.streetId()));
    Instant now = now();
    String orderId;
    boolean replayed = false;
    if (idempotencyKey != null) {
      var claim =
          idempotency.claim(
              "orders:" + caller.subject(),
              idempotencyKey,
              command.toString(),
              () -> Order.newId(self, now));
      orderId = claim.resourceId();
      if (!claim.firstTime()) {
        var earlier = orders.find(orderId);
        if (earlier.isPresent()) {
          return new Placed(earlier.get(), true);
        }
        replayed = true;
      }
    } else {
      orderId = Order.newId(self, now);
    }
    Order order =
        Order.place(
            orderId,
            self,
            rules.type(),
            resident.residentId(),
            resident.communityId(),
            resident.streetId(),
            channel,
            channel.assisted() ? caller.subject() : null,
            consent,
            command.title(),
            command.description() == null ? "" : command.description(),
            command.address(),
            command.volunteerSkill() == null
                ? rules.volunteerWanted()
                : new Order.VolunteerWanted(command.volunteerSkill(), command.volunteerNote()),
            now);
    if (!relay.insert(Orders.document(order), List.of(event(order)))) {
      // the same id was written by an earlier attempt of this idempotent request
      return new Placed(orders.find(orderId).orElseThrow(), true);
    }
    audit.record(
        "ORDER_PLACED", "order", orderId, Outcome.SUCCESS, rules.type().code() + " via " + channel);
    log.info(
        "order {} placed ({}, {}) for {}",
        orderId,
        rules.type().code(),
        channel,
        resident.residentId());
    return new Placed(order, replayed);
  }

  private static Order.Consent consent(PlaceOrder command) {
    if (!Boolean.TRUE.equals(command.consentGiven()) || command.consentHow() == null) {
      throw Problem.badRequest("order.consent-required");
    }
    return new Order.Consent(
        true, parse(Order.ConsentMethod.class, "consent.how", command.consentHow()));
  }

  public Order act(String orderId, String command, ChangeOrder request) {
    OrderAction action =
        OrderAction.ofCommand(command)
            .filter(a -> a != OrderAction.PLACED && a != OrderAction.NOTED)
            .orElseThrow(() -> Problem.notFound("order.unknown-command", command));
    ChangeOrder body = request == null ? ChangeOrder.empty() : request;
    Actor caller = Actor.current();
    String by = caller.subject();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Order current = get(orderId);
      // who may ever take the action, and where: 403 / 404 before anything of the order is revealed
      AccessPolicy.requireAct(caller, current, action, AccessPolicy.actorsOf(action));
      if (current.originSystem() != self) {
        throw Problem.conflict("order.not-origin", orderId)
            .with("originSystem", current.originSystem())
            .with("originPath", "/api/" + current.originSystem().segment() + "/orders/" + orderId);
      }
      // then who may take it on this type of order, by the system's rules
      OrderTypeRules rules = rulesOf(current);
      AccessPolicy.requireAct(caller, current, action, rules.actorsOf(action));
      Order next;
      try {
        next = apply(current, rules, action, body, by, now());
      } catch (Order.IllegalTransition e) {
        throw Problem.conflict("order.illegal-transition", command, current.status())
            .with("currentStatus", current.status());
      }
      Document update = new Document("$set", Orders.fields(next));
      if (relay.update(
          orderId, orders.ownedAt(orderId, current.sequence()), update, List.of(event(next)))) {
        audit.record(
            "ORDER_" + action.name(), "order", orderId, Outcome.SUCCESS, "now " + next.status());
        log.info("order {} {} by {}: now {}", orderId, action, by, next.status());
        return next;
      }
    }
    throw Problem.conflict("order.concurrent-change", orderId);
  }

  /**
   * A command the origin takes itself — its automation (dispatch, a time-out) or a step its own
   * feature has authorised already (an organisation naming one of its workers) — under the rules of
   * the order's type and the assignee registry, but without a caller's access check. It applies
   * only to the order as it was at {@code expectedSequence}: empty when the order has moved on (the
   * automation reads it again) or is not this system's.
   *
   * @param by who the timeline names: the system's automation (e.g. {@code sanshe-dispatch}) or the
   *     person on whose authority it acts
   */
  public java.util.Optional<Order> actOnBehalf(
      String orderId, long expectedSequence, OrderAction action, ChangeOrder body, String by) {
    if (action == OrderAction.PLACED || action == OrderAction.NOTED) {
      throw new IllegalArgumentException(action + " is not a lifecycle command");
    }
    var found = orders.find(orderId);
    if (found.isEmpty()
        || found.get().originSystem() != self
        || found.get().sequence() != expectedSequence) {
      return java.util.Optional.empty();
    }
    Order current = found.get();
    Order next;
    try {
      next = apply(current, rulesOf(current), action, body, by, now());
    } catch (Order.IllegalTransition e) {
      throw Problem.conflict("order.illegal-transition", action.name(), current.status())
          .with("currentStatus", current.status());
    }
    Document update = new Document("$set", Orders.fields(next));
    if (!relay.update(
        orderId, orders.ownedAt(orderId, current.sequence()), update, List.of(event(next)))) {
      return java.util.Optional.empty();
    }
    audit.record(
        "ORDER_" + action.name(), "order", orderId, Outcome.SUCCESS, "now " + next.status());
    log.info(
        "order {} {} by {} (on its own authority): now {}", orderId, action, by, next.status());
    return java.util.Optional.of(next);
  }

  /**
   * Adds a note of the origin's own to the timeline (e.g. 服务机构已接单), once per {@code noteId}
   * (recorded in the order's inbox in the same write). Returns false if the order is not this
   * system's or the note is there already.
   */
  public boolean addOwnNote(String noteId, String orderId, String by, String text) {
    return addNote(noteId, orderId, by, text);
  }

  /**
   * Adds another system's note to the timeline of an order this system owns, once per contribution
   * (its id is recorded in the order's inbox in the same write). Returns false if the order is not
   * this system's, or the note is there already.
   */
  public boolean addNote(String contributionId, String orderId, String by, String text) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      var found = orders.find(orderId);
      if (found.isEmpty()
          || found.get().originSystem() != self
          || orders.hasSeen(orderId, contributionId)) {
        return false;
      }
      Order current = found.get();
      Order next = current.note(by, text, now());
      Document update =
          new Document("$set", Orders.fields(next))
              .append(
                  "$push",
                  new Document(
                      Inbox.FIELD,
                      new Document("$each", List.of(contributionId))
                          .append("$slice", -Inbox.KEEP)));
      if (relay.update(
          orderId,
          and(orders.ownedAt(orderId, current.sequence()), ne(Inbox.FIELD, contributionId)),
          update,
          List.of(event(next)))) {
        log.info("order {}: note from {} added to the timeline", orderId, by);
        return true;
      }
    }
    throw new IllegalStateException("order " + orderId + " kept changing while a note was added");
  }

  /**
   * The rules of the order's type; a type withdrawn from the catalogue leaves its orders frozen
   * (409).
   */
  private OrderTypeRules rulesOf(Order order) {
    return catalogue
        .find(order.orderType().code())
        .orElseThrow(
            () ->
                Problem.conflict("order.type-withdrawn", order.orderType().name())
                    .with("orderType", order.orderType().code()));
  }

  private Order get(String orderId) {
    return orders.find(orderId).orElseThrow(() -> Problem.notFound("order.not-found", orderId));
  }

  /** An order the caller may see; any other is "not found". */
  public Order read(String orderId) {
    Actor caller = Actor.current();
    AccessPolicy.requireBusinessRole(caller);
    Order order = get(orderId);
    if (!AccessPolicy.canRead(caller, order)) {
      throw Problem.notFound("order.not-found", orderId);
    }
    return order;
  }

  /**
   * A resident's orders from all four systems: all of them for callers whose territory covers the
   * resident, only those assigned to them for organisation staff and volunteers.
   */
  public PageOf<Order> ofResident(String residentId, int page, int size) {
    Actor caller = Actor.current();
    AccessPolicy.requireBusinessRole(caller);
    ResidentSummary resident =
        residents
            .find(residentId)
            .orElseThrow(() -> Problem.notFound("resident.not-found", residentId));
    if (AccessPolicy.covers(
        caller, new Territory(residentId, resident.communityId(), resident.streetId()))) {
      return orders.ofResident(residentId, null, page, size);
    }
    List<Bson> mine = Orders.assignedToCaller(caller);
    if (!mine.isEmpty()) {
      PageOf<Order> assigned =
          orders.ofResident(residentId, mine.size() == 1 ? mine.get(0) : or(mine), page, size);
      if (assigned.totalItems() > 0) {
        return assigned;
      }
    }
    // nothing of this resident's is the caller's business: do not reveal that the resident exists
    throw Problem.notFound("resident.not-found", residentId);
  }

  private Order apply(
      Order o, OrderTypeRules rules, OrderAction action, ChangeOrder body, String by, Instant at) {
    return switch (action) {
      case ACCEPTED -> o.accept(by, body.note(), at);
      case ASSIGNED -> {
        AssigneeType type = parse(AssigneeType.class, "assigneeType", body.assigneeType());
        if (body.assignee() == null || body.assignee().isBlank()) {
          throw Problem.badRequest("request.field-required", "assignee");
        }
        if (!rules.assignees().contains(type)) {
          throw Problem.unprocessable("order.assignee-type-not-allowed", rules.type().name(), type)
              .with("allowed", rules.assignees());
        }
        Order.Assignment named = new Order.Assignment(type, body.assignee());
        o.assign(named, by, body.note(), at); // an illegal transition before the registry's word
        yield o.assign(assignees.resolve(o, named), by, body.note(), at);
      }
      case STARTED -> o.start(by, body.note(), at);
      case COMPLETED -> o.complete(by, body.note(), at);
      case CANCELLED -> o.cancel(by, required("reason", body.reason()), at);
      case REJECTED -> o.reject(by, required("reason", body.reason()), at);
      case RATED ->
          o.rate(parse(SatisfactionLevel.class, "level", body.level()), body.comment(), by, at);
      case PLACED, NOTED ->
          throw new IllegalArgumentException(action + " is not a lifecycle command");
    };
  }

  private Document event(Order order) {
    OrderAction action = order.lastAction();
    return OutboxRelay.entry(
        UUID.randomUUID().toString(),
        action.eventType(),
        order.sequence(),
        order.updatedAt(),
        OrderJson.write(order),
        Traceparents.current(tracer));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw Problem.badRequest("request.field-required", field);
    }
    return value;
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    return EnumValues.parse(type, field, value);
  }
}
