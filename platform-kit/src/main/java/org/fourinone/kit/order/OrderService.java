package org.fourinone.kit.order;

import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.events.Traceparents;
import org.fourinone.kit.security.AccessPolicy;
import org.fourinone.kit.security.AccessPolicy.Territory;
import org.fourinone.kit.security.Caller;
import org.fourinone.kit.security.Callers;
import org.fourinone.kit.security.Role;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.order.OrderRequests.OrderCommandRequest;
import org.fourinone.kit.order.OrderRequests.PlaceOrderRequest;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.reference.ResidentDirectory;
import org.fourinone.kit.reference.ResidentDirectory.ResidentSummary;
import org.fourinone.kit.web.ApiProblem;
import org.fourinone.kit.web.PageOf;

/**
 * The order commands and queries of one system. Commands run only in the system the order came
 * from; each writes the next state and its event in one document update, then hands the event to
 * the outbox relay.
 */
public class OrderService {

  private static final Logger log = LoggerFactory.getLogger(OrderService.class);
  private static final int MAX_ATTEMPTS = 5;
  private final OriginSystem self;
  private final Orders orders;
  private final OrderTypeCatalog types;
  private final ResidentDirectory residents;
  private final IdempotencyKeys idempotency;
  private final OutboxRelay relay;
  private final Tracer tracer;
  private final AuditTrail audit;
  private final Clock clock;

  public OrderService(
      OriginSystem self,
      Orders orders,
      OrderTypeCatalog types,
      ResidentDirectory residents,
      IdempotencyKeys idempotency,
      OutboxRelay relay,
      Tracer tracer,
      AuditTrail audit,
      Clock clock) {
    this.self = self;
    this.orders = orders;
    this.types = types;
    this.residents = residents;
    this.idempotency = idempotency;
    this.relay = relay;
    this.tracer = tracer;
    this.audit = audit;
    this.clock = clock;
  }

  public record Placed(Order order, boolean replayed) {}

  public List<OrderType> types() {
    AccessPolicy.requireBusinessRole(Callers.current());
    return types.all();
  }

  public Placed place(PlaceOrderRequest request, String idempotencyKey) {
    Caller caller = Callers.current();
    AccessPolicy.requireBusinessRole(caller);
    OrderType type =
        types
            .find(request.type())
            .orElseThrow(() -> ApiProblem.unprocessable("order.unknown-type", request.type())
                .with("allowed", types.all().stream().map(OrderType::code).toList()));
    Channel channel = parse(Channel.class, "channel", request.channel());
    Order.Consent consent = null;
    if (channel.assisted()) {
      if (request.operatorId() != null && !request.operatorId().equals(caller.subject())) {
        throw ApiProblem.badRequest("order.operator-mismatch", request.operatorId());
      }
      consent = consent(request);
    }
    ResidentSummary resident =
        residents
            .find(request.residentId())
            .orElseThrow(() -> ApiProblem.unprocessable("resident.unknown", request.residentId()));
    AccessPolicy.requirePlace(
        caller, channel.assisted(), new Territory(resident.residentId(), resident.communityId(), resident.streetId()));
    Instant now = now();
    String orderId;
    boolean replayed = false;
    if (idempotencyKey != null) {
      var claim =
          idempotency.claim(
              "orders:" + caller.subject(), idempotencyKey, request.toString(), () -> Order.newId(self, now));
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
            orderId, self, type, resident.residentId(), resident.communityId(), resident.streetId(), channel,
            channel.assisted() ? caller.subject() : null, consent, request.title(),
            request.description() == null ? "" : request.description(), request.address(), now);
    Document event = event(order);
    if (!orders.insert(order, event)) {
      // a concurrent repeat of the same idempotent request won the race
      return new Placed(orders.find(orderId).orElseThrow(), true);
    }
    relay.publishAfterWrite(orderId, List.of(event));
    audit.record("ORDER_PLACED", "order", orderId, Outcome.SUCCESS, type.code() + " via " + channel);
    log.info("order {} placed: {} via {} for {}", orderId, type.code(), channel, resident.residentId());
    return new Placed(order, replayed);
  }

  private static Order.Consent consent(PlaceOrderRequest request) {
    var given = request.consent();
    if (given == null || !Boolean.TRUE.equals(given.given()) || given.how() == null) {
      throw ApiProblem.badRequest("order.consent-required");
    }
    return new Order.Consent(true, parse(Order.ConsentMethod.class, "consent.how", given.how()));
  }

  public Order act(String orderId, String command, OrderCommandRequest request) {
    OrderAction action =
        OrderAction.ofCommand(command)
            .filter(a -> a != OrderAction.PLACED)
            .orElseThrow(() -> ApiProblem.notFound("order.unknown-command", command));
    OrderCommandRequest body = request == null ? OrderCommandRequest.empty() : request;
    Caller caller = Callers.current();
    String by = caller.subject();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Order current = get(orderId);
      AccessPolicy.requireAct(caller, current, action);
      if (current.originSystem() != self) {
        throw ApiProblem.conflict("order.not-origin", orderId)
            .with("originSystem", current.originSystem())
            .with("originPath", "/api/" + current.originSystem().segment() + "/orders/" + orderId);
      }
      Order next;
      try {
        next = apply(current, action, body, by, now());
      } catch (Order.IllegalTransition e) {
        throw ApiProblem.conflict("order.illegal-transition", command, current.status())
            .with("currentStatus", current.status());
      }
      Document event = event(next);
      if (orders.update(next, current.sequence(), event)) {
        relay.publishAfterWrite(orderId, List.of(event));
        audit.record("ORDER_" + action.name(), "order", orderId, Outcome.SUCCESS, "now " + next.status());
        log.info("order {} {} by {}: now {}", orderId, action, by, next.status());
        return next;
      }
    }
    throw ApiProblem.conflict("order.concurrent-change", orderId);
  }

  private Order get(String orderId) {
    return orders.find(orderId).orElseThrow(() -> ApiProblem.notFound("order.not-found", orderId));
  }

  /** An order the caller may see; any other is "not found". */
  public Order read(String orderId) {
    Caller caller = Callers.current();
    AccessPolicy.requireBusinessRole(caller);
    Order order = get(orderId);
    if (!AccessPolicy.canRead(caller, order)) {
      throw ApiProblem.notFound("order.not-found", orderId);
    }
    return order;
  }

  /**
   * A resident's orders from all four systems: all of them for callers whose territory covers the
   * resident, only those assigned to them for organisation staff and volunteers.
   */
  public PageOf<Order> ofResident(String residentId, int page, int size) {
    Caller caller = Callers.current();
    AccessPolicy.requireBusinessRole(caller);
    ResidentSummary resident =
        residents.find(residentId).orElseThrow(() -> ApiProblem.notFound("resident.not-found", residentId));
    if (AccessPolicy.covers(caller, new Territory(residentId, resident.communityId(), resident.streetId()))) {
      return orders.ofResident(residentId, null, page, size);
    }
    Order.Assignment mine = null;
    if (caller.has(Role.ORGANISATION_STAFF) && caller.organisationId() != null) {
      mine = new Order.Assignment(AssigneeType.ORGANISATION, caller.organisationId());
    } else if (caller.has(Role.VOLUNTEER)) {
      mine = new Order.Assignment(AssigneeType.VOLUNTEER, caller.subject());
    }
    if (mine != null) {
      PageOf<Order> assigned = orders.ofResident(residentId, mine, page, size);
      if (assigned.totalItems() > 0) {
        return assigned;
      }
    }
    // nothing of this resident's is the caller's business: do not reveal that the resident exists
    throw ApiProblem.notFound("resident.not-found", residentId);
  }

  private Order apply(Order o, OrderAction action, OrderCommandRequest body, String by, Instant at) {
    return switch (action) {
      case ACCEPTED -> o.accept(by, body.note(), at);
      case ASSIGNED -> {
        AssigneeType type = parse(AssigneeType.class, "assigneeType", body.assigneeType());
        if (body.assignee() == null || body.assignee().isBlank()) {
          throw ApiProblem.badRequest("request.field-required", "assignee");
        }
        yield o.assign(new Order.Assignment(type, body.assignee()), by, body.note(), at);
      }
      case STARTED -> o.start(by, body.note(), at);
      case COMPLETED -> o.complete(by, body.note(), at);
      case CANCELLED -> o.cancel(by, required("reason", body.reason()), at);
      case REJECTED -> o.reject(by, required("reason", body.reason()), at);
      case RATED -> o.rate(parse(SatisfactionLevel.class, "level", body.level()), body.comment(), by, at);
      case PLACED -> throw new IllegalArgumentException("placing is not a lifecycle command");
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
      throw ApiProblem.badRequest("request.field-required", field);
    }
    return value;
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    if (value == null || value.isBlank()) {
      throw ApiProblem.badRequest("request.field-required", field).with("allowed", allowed);
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("request.invalid-enum", field, value, String.join(", ", allowed))
          .with("allowed", allowed);
    }
  }
}
