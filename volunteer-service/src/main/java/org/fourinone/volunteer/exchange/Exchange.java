package org.fourinone.volunteer.exchange;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.volunteer.exchange.ExchangeRequests.ItemRequest;
import org.fourinone.volunteer.exchange.ExchangeRequests.RedeemRequest;
import org.fourinone.volunteer.exchange.ExchangeViews.ItemView;
import org.fourinone.volunteer.exchange.ExchangeViews.RedemptionView;
import org.fourinone.volunteer.exchange.web.ServiceOrders;
import org.fourinone.volunteer.timebank.Ledger;
import org.fourinone.volunteer.timebank.Ledger.Kind;
import org.fourinone.volunteer.timebank.Ledger.State;
import org.fourinone.volunteer.timebank.Ledger.Transaction;
import org.fourinone.volunteer.timebank.Points;
import org.fourinone.volunteer.timebank.TimeBank;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 积分兑换: a catalogue of gifts and services with stock, supplied by the community, partner units or
 * merchants. A redemption takes stock and debits points — both or neither: stock is reserved under
 * the redemption's id (so a retry takes it once), the debit is the ledger's transaction for it, and
 * a refused debit gives the stock back. A service item then places an order in the system that
 * provides it, as the resident; if that system cannot take it, the points and the stock go back. A
 * cancelled redemption (or the order of a service cancelled in its system) is refunded by a
 * reversal entry. What a crash leaves half done, the {@link #recover} sweeper finishes or undoes.
 */
public class Exchange {

  public static final String ITEMS = "exchange_items";
  public static final String REDEMPTIONS = "redemptions";

  public enum ItemKind {
    GIFT,
    SERVICE
  }

  public enum SupplierKind {
    COMMUNITY,
    PARTNER_UNIT,
    MERCHANT
  }

  public enum RedemptionState {
    RESERVING,
    COMPLETED,
    REJECTED,
    FAILED,
    CANCELLED
  }

  private static final int KEPT = 1000;

  private final MongoCollection<Document> items;
  private final MongoCollection<Document> redemptions;
  private final Volunteers volunteers;
  private final TimeBank bank;
  private final ServiceOrders orders;
  private final AuditTrail audit;
  private final Clock clock;

  public Exchange(
      MongoDatabase database,
      Volunteers volunteers,
      TimeBank bank,
      ServiceOrders orders,
      AuditTrail audit,
      Clock clock) {
    this.items = database.getCollection(ITEMS);
    this.redemptions = database.getCollection(REDEMPTIONS);
    this.volunteers = volunteers;
    this.bank = bank;
    this.orders = orders;
    this.audit = audit;
    this.clock = clock;
    items.createIndex(Indexes.ascending("communityIds"), new IndexOptions().name("where"));
    redemptions.createIndex(
        Indexes.ascending("account", "createdAt"), new IndexOptions().name("mine"));
    redemptions.createIndex(Indexes.ascending("orderId"), new IndexOptions().name("order"));
    redemptions.createIndex(
        Indexes.ascending("state", "createdAt"), new IndexOptions().name("open"));
  }

  public MongoCollection<Document> redemptions() {
    return redemptions;
  }

  /** 上架兑换品: the community's staff for their community, the street, the district. */
  public ItemView addItem(ItemRequest r) {
    Actor caller = Actor.current();
    ItemKind kind = EnumValues.parse(ItemKind.class, "kind", r.kind());
    SupplierKind supplier =
        EnumValues.parse(SupplierKind.class, "supplier.kind", r.supplier().kind());
    List<String> communities = List.copyOf(new LinkedHashSet<>(r.communityIds()));
    for (String community : communities) {
      String street = volunteers.streetOf(community, "communityIds");
      if (!Volunteers.mayOrganise(caller, community, street)) {
        throw Problem.forbidden();
      }
    }
    long points = TimeBank.amountOf(r.points(), "points");
    Document service = null;
    if (kind == ItemKind.SERVICE) {
      if (r.service() == null) {
        throw Problem.badRequest("request.field-required", "service").with("field", "service");
      }
      OriginSystem system =
          EnumValues.parse(OriginSystem.class, "service.system", r.service().system());
      service =
          new Document("system", system.name())
              .append("orderType", r.service().orderType())
              .append("address", r.service().address());
    } else if (r.service() != null) {
      throw Problem.badRequest("volunteer.service-only-for-services").with("field", "service");
    }
    Document doc =
        new Document("_id", "ITEM-" + RandomIds.chars(8))
            .append("name", r.name().trim())
            .append("description", r.description())
            .append("kind", kind.name())
            .append("points", points)
            .append("stock", r.stock())
            .append(
                "supplier",
                new Document("kind", supplier.name()).append("name", r.supplier().name().trim()))
            .append("communityIds", communities)
            .append("service", service)
            .append("active", true)
            .append("reservations", new ArrayList<String>())
            .append("returned", new ArrayList<String>())
            .append("createdBy", caller.subject())
            .append("createdAt", now().toString());
    items.insertOne(doc);
    audit.record(
        "EXCHANGE_ITEM_ADDED", "exchange-item", doc.getString("_id"), Outcome.SUCCESS, r.name());
    return ItemView.of(doc);
  }

  /** 补充库存. */
  public ItemView addStock(String itemId, int add) {
    Actor caller = Actor.current();
    Document item = item(itemId);
    requireSupplierSide(caller, item);
    items.updateOne(eq("_id", itemId), new Document("$inc", new Document("stock", add)));
    audit.record("EXCHANGE_STOCK_ADDED", "exchange-item", itemId, Outcome.SUCCESS, "+" + add);
    return ItemView.of(item(itemId));
  }

  /** The catalogue of a community (or of the caller's own communities). */
  public List<ItemView> catalogue(String communityId) {
    Actor caller = Actor.current();
    List<String> where = new ArrayList<>();
    if (communityId != null) {
      where.add(communityId);
    } else {
      volunteers
          .ofAccount(caller.subject())
          .ifPresent(v -> where.addAll(v.getList("communityIds", String.class, List.of())));
      if (caller.communityId() != null) {
        where.add(caller.communityId());
      }
    }
    Bson filter =
        where.isEmpty() ? eq("active", true) : and(eq("active", true), in("communityIds", where));
    List<ItemView> found = new ArrayList<>();
    for (Document doc : items.find(filter).sort(Sorts.ascending("points", "_id")).limit(200)) {
      found.add(ItemView.of(doc));
    }
    return found;
  }

  /** 兑换. */
  public RedemptionView redeem(RedeemRequest r, String idempotencyKey, String bearer) {
    Actor caller = Actor.current();
    Optional<Document> volunteer = volunteers.ofAccount(caller.subject());
    String account;
    List<String> where = new ArrayList<>();
    if (volunteer.isPresent()) {
      account = Ledger.volunteerAccount(volunteer.get().getString("_id"));
      where.addAll(volunteer.get().getList("communityIds", String.class, List.of()));
    } else if (caller.has(Role.RESIDENT) && caller.residentId() != null) {
      account = Ledger.residentAccount(caller.residentId());
    } else {
      throw Problem.forbidden();
    }
    if (caller.communityId() != null) {
      where.add(caller.communityId());
    }
    Document item = item(r.itemId());
    if (!item.getBoolean("active", true)
        || item.getList("communityIds", String.class).stream().noneMatch(where::contains)) {
      throw Problem.unprocessable("volunteer.item-not-offered-here", item.getString("name"))
          .with("field", "itemId");
    }
    ItemKind kind = ItemKind.valueOf(item.getString("kind"));
    if (kind == ItemKind.SERVICE && (!caller.has(Role.RESIDENT) || caller.residentId() == null)) {
      throw Problem.unprocessable("volunteer.service-for-residents").with("field", "itemId");
    }
    long points = Math.multiplyExact(item.get("points", Number.class).longValue(), r.quantity());
    String id =
        idempotencyKey != null
            ? "RD-" + caller.subject() + "-" + idempotencyKey
            : "RD-" + RandomIds.chars(12);
    Instant now = now();
    Document doc =
        new Document("_id", id)
            .append("itemId", item.getString("_id"))
            .append("itemName", item.getString("name"))
            .append("kind", kind.name())
            .append("account", account)
            .append("redeemedBy", caller.subject())
            .append("residentId", caller.residentId())
            .append("quantity", r.quantity())
            .append("points", points)
            .append("address", r.address())
            .append("note", r.note())
            .append("state", RedemptionState.RESERVING.name())
            .append("createdAt", now.toString());
    try {
      redemptions.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      doc = redemptions.find(eq("_id", id)).first();
      if (!RedemptionState.RESERVING.name().equals(doc.getString("state"))) {
        return outcome(doc); // a retried request: the first one's outcome
      }
    }
    return outcome(process(doc, item, bearer));
  }

  /** Takes stock, debits, places the service's order; undoes what was done if a step fails. */
  private Document process(Document redemption, Document item, String bearer) {
    String id = redemption.getString("_id");
    int quantity = redemption.getInteger("quantity");
    if (!takeStock(item.getString("_id"), id, quantity)) {
      return settle(id, RedemptionState.REJECTED, "OUT_OF_STOCK", null);
    }
    Transaction debit =
        bank.ledger()
            .transfer(
                "redemption:" + id,
                Kind.EXCHANGE,
                redemption.getString("account"),
                Ledger.EXCHANGE,
                redemption.get("points", Number.class).longValue(),
                "redemption:" + id,
                item.getString("name") + " × " + quantity);
    if (debit.state() == State.REJECTED) {
      releaseStock(item.getString("_id"), id, quantity);
      return settle(id, RedemptionState.REJECTED, "INSUFFICIENT_POINTS", null);
    }
    if (ItemKind.SERVICE.name().equals(item.getString("kind"))) {
      Document service = item.get("service", Document.class);
      try {
        String orderId =
            orders.place(
                OriginSystem.valueOf(service.getString("system")),
                bearer,
                id,
                redemption.getString("residentId"),
                service.getString("orderType"),
                item.getString("name") + "（积分兑换）",
                "以时间银行积分兑换："
                    + item.getString("name")
                    + " × "
                    + quantity
                    + (redemption.getString("note") == null
                        ? ""
                        : "。" + redemption.getString("note")),
                redemption.getString("address") != null
                    ? redemption.getString("address")
                    : service.getString("address"));
        redemptions.updateOne(
            eq("_id", id), new Document("$set", new Document("orderId", orderId)));
      } catch (ServiceOrders.Unavailable | ServiceOrders.Refused e) {
        bank.ledger().reverse("redemption:" + id, "服务系统未能受理，退回积分");
        releaseStock(item.getString("_id"), id, quantity);
        settle(
            id,
            RedemptionState.FAILED,
            e instanceof ServiceOrders.Refused ? "REFUSED" : "PROVIDER_UNAVAILABLE",
            null);
        throw e instanceof ServiceOrders.Refused refused
            ? Problem.unprocessable("volunteer.provider-refused", refused.getMessage())
            : Problem.unavailable("volunteer.provider-unavailable", service.getString("system"));
      }
    }
    Document done = settle(id, RedemptionState.COMPLETED, null, debit.transactionId());
    items.updateOne(
        eq("_id", item.getString("_id")), new Document("$pull", new Document("reservations", id)));
    audit.record("POINTS_REDEEMED", "redemption", id, Outcome.SUCCESS, item.getString("name"));
    return done;
  }

  /** The redemption's outcome, or the clear error of a refused one. */
  private RedemptionView outcome(Document doc) {
    String reason = doc.getString("reason");
    if (RedemptionState.REJECTED.name().equals(doc.getString("state"))) {
      if ("OUT_OF_STOCK".equals(reason)) {
        throw Problem.unprocessable("volunteer.out-of-stock", doc.getString("itemName"))
            .with("field", "quantity")
            .with("redemptionId", doc.getString("_id"));
      }
      long balance = bank.ledger().balance(doc.getString("account"));
      throw Problem.unprocessable(
              "volunteer.insufficient-points",
              Points.format(doc.get("points", Number.class).longValue()),
              Points.format(balance))
          .with("balance", Points.format(balance))
          .with("redemptionId", doc.getString("_id"));
    }
    return RedemptionView.of(doc);
  }

  /** 取消兑换: a gift not yet handed over; refunded by a reversal entry, the stock given back. */
  public RedemptionView cancel(String redemptionId, String reason) {
    Actor caller = Actor.current();
    Document doc = visible(redemptionId);
    if (ItemKind.SERVICE.name().equals(doc.getString("kind"))) {
      throw Problem.conflict("volunteer.cancel-the-order", doc.getString("orderId"));
    }
    return refund(doc, reason == null ? "取消兑换" : reason, caller.subject());
  }

  /** The order of a service redemption was cancelled or rejected in its system: refund it. */
  public void orderEnded(String orderId, String how) {
    for (Document doc :
        redemptions.find(
            and(eq("orderId", orderId), eq("state", RedemptionState.COMPLETED.name())))) {
      refund(doc, "工单" + how + "，退回积分", "order:" + orderId);
    }
  }

  private RedemptionView refund(Document doc, String reason, String by) {
    String id = doc.getString("_id");
    String state = doc.getString("state");
    if (RedemptionState.CANCELLED.name().equals(state)) {
      return RedemptionView.of(doc);
    }
    if (!RedemptionState.COMPLETED.name().equals(state)) {
      throw Problem.conflict("volunteer.redemption-not-completed", id, state);
    }
    bank.ledger().reverse("redemption:" + id, reason);
    items.updateOne(
        and(eq("_id", doc.getString("itemId")), ne("returned", id)),
        new Document("$inc", new Document("stock", doc.getInteger("quantity")))
            .append(
                "$push",
                new Document(
                    "returned", new Document("$each", List.of(id)).append("$slice", -KEPT))));
    redemptions.updateOne(
        and(eq("_id", id), eq("state", RedemptionState.COMPLETED.name())),
        new Document(
            "$set",
            new Document("state", RedemptionState.CANCELLED.name())
                .append("reason", reason)
                .append("cancelledBy", by)
                .append("settledAt", now().toString())));
    audit.record("REDEMPTION_CANCELLED", "redemption", id, Outcome.SUCCESS, reason);
    return RedemptionView.of(redemptions.find(eq("_id", id)).first());
  }

  /** The caller's redemptions, newest first (organisers: of a volunteer they organise). */
  public PageOf<RedemptionView> mine(int page, int size) {
    Actor caller = Actor.current();
    Optional<Document> volunteer = volunteers.ofAccount(caller.subject());
    List<String> accounts = new ArrayList<>();
    volunteer.ifPresent(v -> accounts.add(Ledger.volunteerAccount(v.getString("_id"))));
    if (caller.residentId() != null) {
      accounts.add(Ledger.residentAccount(caller.residentId()));
    }
    if (accounts.isEmpty()) {
      return PageOf.of(List.of(), page, size, 0);
    }
    Bson filter = in("account", accounts);
    long total = redemptions.countDocuments(filter);
    List<RedemptionView> found = new ArrayList<>();
    for (Document doc :
        redemptions
            .find(filter)
            .sort(Sorts.descending("createdAt"))
            .skip(page * size)
            .limit(size)) {
      found.add(RedemptionView.of(doc));
    }
    return PageOf.of(found, page, size, total);
  }

  /**
   * Finishes or undoes redemptions a crash left {@code RESERVING}: a posted debit completes a gift
   * (a service's order cannot be placed without the resident's token: refunded); no debit, or a
   * refused one, gives the stock back. Returns how many.
   */
  public int recover(Duration olderThan, int limit) {
    int handled = 0;
    for (Document doc :
        redemptions
            .find(
                and(
                    eq("state", RedemptionState.RESERVING.name()),
                    lt("createdAt", now().minus(olderThan).toString())))
            .limit(limit)
            .into(new ArrayList<>())) {
      String id = doc.getString("_id");
      Optional<Transaction> debit = bank.ledger().find("redemption:" + id);
      if (debit.isPresent() && debit.get().state() == State.PENDING) {
        continue; // the ledger's own recovery finishes it first
      }
      if (debit.isPresent() && debit.get().state() == State.POSTED) {
        if (ItemKind.GIFT.name().equals(doc.getString("kind"))) {
          settle(id, RedemptionState.COMPLETED, null, debit.get().transactionId());
          items.updateOne(
              eq("_id", doc.getString("itemId")),
              new Document("$pull", new Document("reservations", id)));
        } else if (doc.getString("orderId") != null) {
          settle(id, RedemptionState.COMPLETED, null, debit.get().transactionId());
        } else {
          bank.ledger().reverse("redemption:" + id, "兑换未完成，退回积分");
          releaseStock(doc.getString("itemId"), id, doc.getInteger("quantity"));
          settle(id, RedemptionState.FAILED, "INTERRUPTED", null);
        }
      } else {
        releaseStock(doc.getString("itemId"), id, doc.getInteger("quantity"));
        settle(
            id,
            RedemptionState.REJECTED,
            debit.isPresent() ? "INSUFFICIENT_POINTS" : "INTERRUPTED",
            null);
      }
      handled++;
    }
    return handled;
  }

  private boolean takeStock(String itemId, String redemptionId, int quantity) {
    if (items
            .updateOne(
                and(eq("_id", itemId), gte("stock", quantity), ne("reservations", redemptionId)),
                new Document("$inc", new Document("stock", -quantity))
                    .append("$push", new Document("reservations", redemptionId)))
            .getModifiedCount()
        == 1) {
      return true;
    }
    return items.countDocuments(and(eq("_id", itemId), eq("reservations", redemptionId))) > 0;
  }

  private void releaseStock(String itemId, String redemptionId, int quantity) {
    items.updateOne(
        and(eq("_id", itemId), eq("reservations", redemptionId)),
        new Document("$inc", new Document("stock", quantity))
            .append("$pull", new Document("reservations", redemptionId)));
  }

  private Document settle(String id, RedemptionState state, String reason, String transactionId) {
    redemptions.updateOne(
        and(eq("_id", id), eq("state", RedemptionState.RESERVING.name())),
        new Document(
            "$set",
            new Document("state", state.name())
                .append("reason", reason)
                .append("transactionId", transactionId)
                .append("settledAt", now().toString())));
    return redemptions.find(eq("_id", id)).first();
  }

  private Document visible(String redemptionId) {
    Actor caller = Actor.current();
    Document doc = redemptions.find(eq("_id", redemptionId)).first();
    if (doc == null) {
      throw Problem.notFound("volunteer.redemption-not-found", redemptionId);
    }
    boolean own =
        caller.subject().equals(doc.getString("redeemedBy"))
            || (caller.residentId() != null
                && Ledger.residentAccount(caller.residentId()).equals(doc.getString("account")));
    if (!own && !caller.has(Role.DISTRICT_ADMIN)) {
      throw Problem.notFound("volunteer.redemption-not-found", redemptionId);
    }
    return doc;
  }

  private Document item(String itemId) {
    Document item = items.find(eq("_id", itemId)).first();
    if (item == null) {
      throw Problem.notFound("volunteer.item-not-found", itemId);
    }
    return item;
  }

  private void requireSupplierSide(Actor caller, Document item) {
    for (String community : item.getList("communityIds", String.class)) {
      if (Volunteers.mayOrganise(
          caller, community, volunteers.streetOf(community, "communityIds"))) {
        return;
      }
    }
    throw Problem.forbidden();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
