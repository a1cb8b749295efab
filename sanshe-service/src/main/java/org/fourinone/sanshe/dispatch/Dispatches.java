package org.fourinone.sanshe.dispatch;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderEvents;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.order.application.ChangeOrder;
import org.fourinone.order.application.OrderService;
import org.fourinone.order.application.Orders;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.fourinone.order.spi.Reaction;
import org.fourinone.sanshe.organisations.Organisations;

/**
 * 派单: where each of 三社联动's orders stands in its dispatch to organisations ({@code dispatches}, one
 * document per order). The document follows the order's own events (a reaction, once per event,
 * applied only if newer than what it holds), and holds what only dispatch knows: the organisations
 * already tried, the deadline of the current offer, the organisation's acceptance. The order stays
 * the truth of who it is assigned to; every step is a command on it, so it reaches all four
 * systems' timelines.
 *
 * <p>Concurrency: the dispatcher claims a document (a lease) before it moves the order on, and an
 * organisation's acceptance is a write guarded by the same document's state and lease, so a
 * time-out and a late acceptance cannot both win. An acceptance's timeline note is an outbox entry
 * of the same write, sent to this system's own contributions consumer: it lands exactly once.
 */
public class Dispatches implements OrderReactions {

  public static final String COLLECTION = "dispatches";

  /** When the order was placed (epoch milliseconds): the day the statistics count it on. */
  public static final String PLACED_AT = "placedAtMillis";

  /**
   * When the document last changed (epoch milliseconds), set in the same write as every change a
   * figure reads, so that the statistics' refresher finds it ({@code DispatchStatistics}). Only the
   * dispatcher's own bookkeeping — its lease ({@code claimedUntil}) and the organisations it tried
   * — is written without it, and the outbox's marks of the notes it sent.
   */
  public static final String CHANGED_AT = "changedAtMillis";

  static final String LOAD = "dispatch_load";
  static final String DISPATCHER = "sanshe-dispatch";

  /** Where a dispatch is. */
  public enum State {
    /** Placed, not yet offered to anyone. */
    WAITING,
    /** Offered to an organisation, which has until {@code dueAt} to accept. */
    OFFERED,
    /** The organisation accepted (接单); it names a worker next. */
    ACCEPTED,
    /** One of the organisation's social workers has it. */
    WORKER_ASSIGNED,
    IN_PROGRESS,
    COMPLETED,
    /** Cancelled or rejected. */
    CLOSED,
    /**
     * No organisation offers the item here with capacity left: the community dispatches by hand.
     */
    UNSERVED,
    /** Dispatched by hand to someone outside the menu's organisations. */
    MANUAL
  }

  /** What the dispatcher may pick up when due. */
  static final List<String> DUE_STATES =
      List.of(State.WAITING.name(), State.OFFERED.name(), State.UNSERVED.name());

  /** The settings: how long an organisation has to accept, the dispatcher's lease, re-checks. */
  public record Settings(Duration acceptWithin, Duration lease, Duration recheckUnserved) {}

  private final MongoCollection<Document> dispatches;
  private final MongoCollection<Document> load;
  private final Organisations organisations;
  private final OrderTypeCatalogue catalogue;
  private final Orders orders;
  private final OrderService service;
  private final Settings settings;
  private final ZoneId zone;
  private final Clock clock;
  private OutboxRelay notes;

  public Dispatches(
      MongoDatabase database,
      Organisations organisations,
      OrderTypeCatalogue catalogue,
      Orders orders,
      OrderService service,
      Settings settings,
      ZoneId zone,
      Clock clock) {
    this.dispatches = database.getCollection(COLLECTION);
    this.load = database.getCollection(LOAD);
    this.organisations = organisations;
    this.catalogue = catalogue;
    this.orders = orders;
    this.service = service;
    this.settings = settings;
    this.zone = zone;
    this.clock = clock;
    dispatches.createIndex(
        Indexes.ascending("state", "dueAtMillis"), new IndexOptions().name("due"));
    dispatches.createIndex(
        Indexes.ascending("organisationId", "state"), new IndexOptions().name("board"));
    dispatches.createIndex(
        Indexes.ascending("itemCode", "acceptedOrganisationId", "acceptedAtMillis"),
        new IndexOptions().name("weekly_load"));
    dispatches.createIndex(Indexes.ascending("communityId"), new IndexOptions().name("community"));
    // the statistics (DispatchStatistics): a community's day, recounted into its bucket, and
    // today's dispatches of a community, a street or the district, read beside the buckets
    dispatches.createIndex(
        Indexes.ascending("communityId", PLACED_AT), new IndexOptions().name("community_placed"));
    dispatches.createIndex(
        Indexes.ascending("streetId", PLACED_AT), new IndexOptions().name("street_placed"));
    dispatches.createIndex(Indexes.ascending(PLACED_AT), new IndexOptions().name("placed"));
  }

  public MongoCollection<Document> collection() {
    return dispatches;
  }

  void publishNotesWith(OutboxRelay relay) {
    this.notes = relay;
  }

  // ---- the projection of the order's own events ----

  @Override
  public List<Reaction> onOwnOrder(OrderEvent event) {
    Order order = event.order();
    long at = order.updatedAt().toEpochMilli();
    Document set =
        new Document("orderSequence", order.sequence())
            .append("orderStatus", order.status().name())
            .append(CHANGED_AT, clock.millis());
    Document update = new Document();
    Document setOnInsert =
        new Document("tried", new ArrayList<String>())
            .append("history", new ArrayList<Document>())
            .append("claimedUntil", 0L)
            .append("itemCode", order.orderType().code())
            .append("itemName", order.orderType().name())
            .append("communityId", order.communityId())
            .append("streetId", order.streetId())
            .append("residentId", order.residentId())
            .append("categoryName", order.orderType().category())
            .append("placedAt", order.createdAt().toString())
            .append(PLACED_AT, order.createdAt().toEpochMilli());
    Order.Assignment to = order.assignment();
    switch (event.action()) {
      case PLACED -> {
        // items that never go to an organisation (社区矫正帮教: a social worker only) stay the
        // community's to dispatch by hand
        boolean toOrganisations =
            catalogue
                .find(order.orderType().code())
                .map(rules -> rules.assignees().contains(AssigneeType.ORGANISATION))
                .orElse(false);
        setOnInsert
            .append("state", toOrganisations ? State.WAITING.name() : State.MANUAL.name())
            .append("dueAtMillis", at);
      }
      case ASSIGNED -> {
        boolean byDispatch =
            DISPATCHER.equals(order.timeline().get(order.timeline().size() - 1).by());
        if (to.assigneeType() == AssigneeType.ORGANISATION && byDispatch) {
          set.append("state", State.OFFERED.name())
              .append("organisationId", to.assignee())
              .append("offeredAt", order.updatedAt().toString())
              .append("dueAtMillis", at + settings.acceptWithin().toMillis())
              .append("claimedUntil", 0L);
          update.append("$addToSet", new Document("tried", to.assignee()));
          update.append(
              "$push",
              new Document(
                  "history",
                  new Document("organisationId", to.assignee())
                      .append("outcome", "OFFERED")
                      .append("at", order.updatedAt().toString())));
        } else if (to.assigneeType() == AssigneeType.SOCIAL_WORKER && to.organisationId() != null) {
          set.append("state", State.WORKER_ASSIGNED.name())
              .append("organisationId", to.organisationId())
              .append("workerId", to.assignee())
              .append("claimedUntil", 0L);
        } else {
          // dispatched by hand: the dispatcher leaves it alone; an organisation still sees it
          set.append("state", State.MANUAL.name())
              .append(
                  "organisationId",
                  to.assigneeType() == AssigneeType.ORGANISATION
                      ? to.assignee()
                      : to.organisationId())
              .append("claimedUntil", 0L);
        }
        set.append("assignment", to.assigneeType() + ":" + to.assignee());
      }
      case STARTED -> set.append("state", State.IN_PROGRESS.name()).append("startedAtMillis", at);
      case COMPLETED ->
          set.append("state", State.COMPLETED.name())
              .append("completedAtMillis", at)
              .append("completeMillis", at - order.createdAt().toEpochMilli());
      case CANCELLED, REJECTED -> set.append("state", State.CLOSED.name());
      case RATED -> set.append("rating", order.rating().level().name());
      default -> {
        // ACCEPTED, NOTED: only the sequence moves
      }
    }
    if (!set.containsKey("state") && !setOnInsert.containsKey("state")) {
      // first seen after its placement (an order from before dispatch existed): not dispatched here
      setOnInsert.append("state", State.MANUAL.name());
    }
    // a path may be named by one operator only
    for (String field : set.keySet()) {
      setOnInsert.remove(field);
    }
    for (String operator : List.of("$addToSet", "$push")) {
      Document touched = update.get(operator, Document.class);
      if (touched != null) {
        touched.keySet().forEach(setOnInsert::remove);
      }
    }
    update.append("$set", set).append("$setOnInsert", setOnInsert);
    List<Reaction> reactions = new ArrayList<>();
    reactions.add(
        Reaction.updateOnce(
            COLLECTION,
            and(eq("_id", order.orderId()), lt("orderSequence", order.sequence())),
            update,
            event,
            true));
    if (event.action() == OrderAction.ASSIGNED
        && to.assigneeType() == AssigneeType.ORGANISATION
        && DISPATCHER.equals(order.timeline().get(order.timeline().size() - 1).by())) {
      reactions.add(
          Reaction.updateOnce(
              LOAD,
              eq("_id", to.assignee()),
              new Document("$max", new Document("lastOfferedAt", at)),
              event,
              true));
    }
    return reactions;
  }

  // ---- what the dispatcher does ----

  /** The documents due now, claimed one by one by {@link #claim}. */
  List<Document> due(int limit) {
    long now = clock.millis();
    List<Document> found = new ArrayList<>();
    dispatches
        .find(and(in("state", DUE_STATES), lte("dueAtMillis", now), lt("claimedUntil", now)))
        .sort(Sorts.ascending("dueAtMillis"))
        .limit(limit)
        .into(found);
    return found;
  }

  /**
   * Takes the lease of a due document as it was read; empty if someone else moved it. The lease is
   * the dispatcher's bookkeeping, which no figure reads: no {@link #CHANGED_AT}.
   */
  Optional<Document> claim(Document seen) {
    long now = clock.millis();
    return Optional.ofNullable(
        dispatches.findOneAndUpdate(
            and(
                eq("_id", seen.getString("_id")),
                eq("state", seen.getString("state")),
                eq("orderSequence", seen.get("orderSequence")),
                lt("claimedUntil", now)),
            new Document("$set", new Document("claimedUntil", now + settings.lease().toMillis())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  /**
   * An organisation the order could not go to (the registry refused it): the next pass skips it.
   * The dispatcher's bookkeeping (tried, lease), which no figure reads: no {@link #CHANGED_AT}.
   */
  void passOver(String orderId, String organisationId) {
    dispatches.updateOne(
        eq("_id", orderId),
        new Document("$addToSet", new Document("tried", organisationId))
            .append("$set", new Document("claimedUntil", 0L)));
  }

  /** Gives up the lease: bookkeeping, which no figure reads, so no {@link #CHANGED_AT}. */
  void release(String orderId) {
    dispatches.updateOne(
        eq("_id", orderId), new Document("$set", new Document("claimedUntil", 0L)));
  }

  /**
   * Nobody (else) can take it: the community dispatches it by hand; checked again later in case an
   * organisation starts offering the item.
   */
  void markUnserved(Document claimed, String note) {
    boolean first = !State.UNSERVED.name().equals(claimed.getString("state"));
    Document set =
        new Document("state", State.UNSERVED.name())
            .append("claimedUntil", 0L)
            .append("dueAtMillis", clock.millis() + settings.recheckUnserved().toMillis())
            .append(CHANGED_AT, clock.millis());
    if (first && claimed.getString("organisationId") != null) {
      // it had been offered: the timeline says that nobody else is left
      notes.update(
          claimed.getString("_id"),
          and(eq("_id", claimed.getString("_id")), eq("claimedUntil", claimed.get("claimedUntil"))),
          new Document("$set", set),
          List.of(noteEntry(claimed.getString("_id"), "unserved", note)));
    } else {
      dispatches.updateOne(eq("_id", claimed.getString("_id")), new Document("$set", set));
    }
  }

  /** Records why the current offer ends (time-out, decline) before the next one. */
  void recordOutcome(Document claimed, String outcome) {
    dispatches.updateOne(
        eq("_id", claimed.getString("_id")),
        new Document(
                "$push",
                new Document(
                    "history",
                    new Document("organisationId", claimed.getString("organisationId"))
                        .append("outcome", outcome)
                        .append("at", now().toString())))
            .append("$set", new Document(CHANGED_AT, clock.millis())));
  }

  /** The candidates for a claimed document, ranked by the rules. */
  List<DispatchRules.Candidate> candidates(Document claimed) {
    String item = claimed.getString("itemCode");
    long weekStart =
        clock
            .instant()
            .atZone(zone)
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .atStartOfDay(zone)
            .toInstant()
            .toEpochMilli();
    List<DispatchRules.Candidate> all = new ArrayList<>();
    for (Document organisation : organisations.offering(item, claimed.getString("communityId"))) {
      String id = organisation.getString("_id");
      int capacity =
          organisation.getList("offers", Document.class).stream()
              .filter(o -> item.equals(o.getString("item")))
              .findFirst()
              .map(o -> o.getInteger("capacityPerWeek"))
              .orElse(0);
      long used =
          dispatches.countDocuments(
                  and(
                      eq("itemCode", item),
                      eq("acceptedOrganisationId", id),
                      gte("acceptedAtMillis", weekStart)))
              + dispatches.countDocuments(
                  and(eq("itemCode", item), eq("organisationId", id), eq("state", "OFFERED")));
      Document lastOffer = load.find(eq("_id", id)).first();
      all.add(
          new DispatchRules.Candidate(
              id,
              organisation.getString("name"),
              organisation.getInteger("stars"),
              (int) Math.max(0, capacity - used),
              lastOffer == null ? 0L : lastOffer.get("lastOfferedAt", Number.class).longValue()));
    }
    return DispatchRules.rank(all, new java.util.HashSet<>(claimed.getList("tried", String.class)));
  }

  // ---- the organisation's commands ----

  /** 接单: the organisation the order is offered to takes it. */
  public DispatchView accept(String orderId) {
    Actor caller = Actor.current();
    Document held = offeredToCaller(caller, orderId, true);
    String organisationId = held.getString("organisationId");
    Instant now = now();
    String name = organisationName(organisationId);
    Document update =
        new Document(
                "$set",
                new Document("state", State.ACCEPTED.name())
                    .append("acceptedOrganisationId", organisationId)
                    .append("acceptedAtMillis", now.toEpochMilli())
                    .append("acceptMillis", now.toEpochMilli() - placedAtMillis(held))
                    .append("acceptedBy", caller.subject())
                    .append(CHANGED_AT, now.toEpochMilli()))
            .append(
                "$push",
                new Document(
                    "history",
                    new Document("organisationId", organisationId)
                        .append("outcome", "ACCEPTED")
                        .append("at", now.toString())
                        .append("by", caller.subject())));
    if (!notes.update(
        orderId,
        offerGuard(held),
        update,
        List.of(noteEntry(orderId, "accepted-" + held.get("orderSequence"), name + " 已接单")))) {
      throw Problem.conflict("sanshe.offer-withdrawn", orderId);
    }
    return view(dispatches.find(eq("_id", orderId)).first());
  }

  private static long placedAtMillis(Document held) {
    Number millis = held.get(PLACED_AT, Number.class);
    return millis != null
        ? millis.longValue()
        : Instant.parse(held.getString("placedAt")).toEpochMilli();
  }

  /** 婉拒: the organisation declines; the dispatcher offers the order to the next one at once. */
  public DispatchView decline(String orderId, String reason) {
    Actor caller = Actor.current();
    Document held = offeredToCaller(caller, orderId, true);
    String organisationId = held.getString("organisationId");
    Document update =
        new Document(
                "$set",
                new Document("dueAtMillis", clock.millis()).append(CHANGED_AT, clock.millis()))
            .append(
                "$push",
                new Document(
                    "history",
                    new Document("organisationId", organisationId)
                        .append("outcome", "DECLINED")
                        .append("at", now().toString())
                        .append("by", caller.subject())
                        .append("reason", reason)));
    if (!notes.update(
        orderId,
        offerGuard(held),
        update,
        List.of(
            noteEntry(
                orderId,
                "declined-" + held.get("orderSequence"),
                organisationName(organisationId) + " 婉拒派单：" + reason)))) {
      throw Problem.conflict("sanshe.offer-withdrawn", orderId);
    }
    return view(dispatches.find(eq("_id", orderId)).first());
  }

  /**
   * 派工: the organisation names one of its social workers (accepting the order first if it had not).
   * The worker must be the organisation's: the assignee registry checks it (422 otherwise).
   */
  public DispatchView assignWorker(String orderId, String workerId, String note) {
    Actor caller = Actor.current();
    Document held = offeredToCaller(caller, orderId, false);
    State state = State.valueOf(held.getString("state"));
    if (state == State.OFFERED) {
      accept(orderId);
    } else if (state != State.ACCEPTED && state != State.WORKER_ASSIGNED) {
      throw Problem.conflict("sanshe.dispatch-not-open", orderId, state).with("state", state);
    }
    // the acceptance's note may land on the order meanwhile: read it again and retry
    Optional<Order> assigned = Optional.empty();
    for (int attempt = 0; attempt < 5 && assigned.isEmpty(); attempt++) {
      Order order = orders.find(orderId).orElseThrow();
      assigned =
          service.actOnBehalf(
              orderId,
              order.sequence(),
              OrderAction.ASSIGNED,
              new ChangeOrder(note, null, AssigneeType.SOCIAL_WORKER.name(), workerId, null, null),
              caller.subject());
    }
    if (assigned.isEmpty()) {
      throw Problem.conflict("order.concurrent-change", orderId);
    }
    return view(dispatches.find(eq("_id", orderId)).first()).withOrder(assigned.get());
  }

  /** The dispatch document of an order offered to (or accepted by) the caller's organisation. */
  private Document offeredToCaller(Actor caller, String orderId, boolean mustBeOffered) {
    if (!caller.has(Role.ORGANISATION_STAFF) || caller.organisationId() == null) {
      throw Problem.forbidden();
    }
    Document held = dispatches.find(eq("_id", orderId)).first();
    if (held == null || !caller.organisationId().equals(held.getString("organisationId"))) {
      throw Problem.notFound("order.not-found", orderId);
    }
    if (!mustBeOffered) {
      return held;
    }
    Order order =
        orders.find(orderId).orElseThrow(() -> Problem.notFound("order.not-found", orderId));
    if (order.sequence() != held.get("orderSequence", Number.class).longValue()) {
      throw Problem.conflict("order.concurrent-change", orderId); // the projection is catching up
    }
    if (!State.OFFERED.name().equals(held.getString("state"))) {
      throw Problem.conflict("sanshe.offer-withdrawn", orderId)
          .with("state", held.getString("state"));
    }
    return held;
  }

  /** The offer as the organisation saw it, not claimed by the dispatcher in between. */
  private Bson offerGuard(Document held) {
    return and(
        eq("_id", held.getString("_id")),
        eq("state", State.OFFERED.name()),
        eq("organisationId", held.getString("organisationId")),
        eq("orderSequence", held.get("orderSequence")),
        lt("claimedUntil", clock.millis()));
  }

  /** A note for the order's timeline, contributed by this system to itself (OrderNotes). */
  private Document noteEntry(String orderId, String effect, String text) {
    Instant now = now();
    String noteId = OriginSystem.SANSHE.name() + ":dispatch-" + effect + ":" + orderId;
    Document data =
        new Document("noteId", noteId)
            .append("orderId", orderId)
            .append("originSystem", OriginSystem.SANSHE.name())
            .append("contributor", OriginSystem.SANSHE.name())
            .append("effect", "dispatch-" + effect)
            .append("text", text)
            .append("at", now.toString());
    return OutboxRelay.entry(
        UUID.randomUUID().toString(),
        OrderEvents.NOTE_CONTRIBUTED,
        1,
        now,
        BsonJson.write(data),
        null);
  }

  String organisationName(String organisationId) {
    return organisations.find(organisationId).map(o -> o.getString("name")).orElse(organisationId);
  }

  // ---- queries ----

  /**
   * The dispatch board: an organisation's staff see what is offered to or held by their
   * organisation; territory staff the dispatches of their territory.
   */
  public PageOf<DispatchView> board(String state, int page, int size) {
    Actor caller = Actor.current();
    List<Bson> filter = new ArrayList<>();
    filter.add(scope(caller));
    if (state != null) {
      filter.add(
          eq(
              "state",
              org.fourinone.kit.validation.EnumValues.parse(State.class, "state", state).name()));
    }
    Bson all = and(filter);
    long total = dispatches.countDocuments(all);
    List<DispatchView> items = new ArrayList<>();
    for (Document doc :
        dispatches.find(all).sort(Sorts.descending("placedAt")).skip(page * size).limit(size)) {
      items.add(view(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  public DispatchView read(String orderId) {
    Actor caller = Actor.current();
    Document doc = dispatches.find(and(eq("_id", orderId), scope(caller))).first();
    if (doc == null) {
      throw Problem.notFound("order.not-found", orderId);
    }
    return view(doc);
  }

  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityId", "streetId", "organisationId", "workerId");

  private static Bson scope(Actor caller) {
    return TERRITORY.of(caller);
  }

  DispatchView view(Document doc) {
    return DispatchView.of(doc, this::organisationName);
  }

  Settings settings() {
    return settings;
  }

  boolean isOpen(OrderStatus status) {
    return status == OrderStatus.SUBMITTED
        || status == OrderStatus.ACCEPTED
        || status == OrderStatus.ASSIGNED;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
