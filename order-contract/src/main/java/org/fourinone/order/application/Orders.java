package org.fourinone.order.application;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.consumer.Inbox;
import org.fourinone.kit.consumer.SequencedUpsert;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;

/**
 * The {@code orders} collection of one service. It holds the orders this system originated (the
 * aggregates, with their outbox and inbox) and the snapshots of the other systems' orders
 * (projections), so that a resident's orders from all four systems are one indexed query.
 */
public class Orders {

  public static final String COLLECTION = "orders";

  /** Epoch millis of {@code createdAt}: a sort key that orders correctly (ISO strings may not). */
  static final String SORT_KEY = "createdAtMillis";

  /**
   * Epoch millis of the order's last write in this collection, set by the write itself: how the
   * statistics' refresher finds what changed ({@link OrderStatistics}) without a write of its own.
   */
  public static final String CHANGED_AT = "changedAtMillis";

  private final MongoCollection<Document> collection;
  private final OriginSystem self;

  public Orders(MongoDatabase database, OriginSystem self) {
    this.collection = database.getCollection(COLLECTION);
    this.self = self;
    // a resident's list, and the queues of a community, a street and an assignee (OrderQueries):
    // each newest (or, read backwards, oldest) first
    Map.of(
            "residentId", "resident_newest_first",
            "communityId", "community_newest_first",
            "streetId", "street_newest_first",
            "assignment.assignee", "assignee_newest_first",
            "assignment.organisationId", "assignee_organisation_newest_first")
        .forEach(
            (field, name) ->
                collection.createIndex(
                    Indexes.compoundIndex(
                        Indexes.ascending(field), Indexes.descending(SORT_KEY, "_id")),
                    new IndexOptions().name(name)));
    // a community's queue of one status (a worker's 待受理 list): its page and its count from the
    // index alone, where the community's index would read every order of the community to count
    collection.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("communityId", "status"), Indexes.descending(SORT_KEY, "_id")),
        new IndexOptions().name("community_status_newest_first"));
    // the district's (and a partner system's) queue, all of the orders: a page is read in this
    // order and stops at its size, instead of sorting the whole collection for each page
    collection.createIndex(
        Indexes.descending(SORT_KEY, "_id"), new IndexOptions().name("newest_first"));
  }

  public MongoCollection<Document> collection() {
    return collection;
  }

  /**
   * Selects an order this system owns, as it was at {@code sequence}: the guard of every command's
   * write.
   */
  Bson ownedAt(String orderId, long sequence) {
    return and(eq("_id", orderId), eq("originSystem", self.name()), eq("sequence", sequence));
  }

  /**
   * The guarded upsert of another system's snapshot, applied only if it is newer than the one held.
   */
  UpdateOneModel<Document> projection(Order snapshot) {
    return SequencedUpsert.ifNewer(snapshot.orderId(), snapshot.sequence(), document(snapshot));
  }

  public Optional<Order> find(String orderId) {
    return Optional.ofNullable(collection.find(eq("_id", orderId)).first()).map(Orders::order);
  }

  /** Whether the inbox of an order this system owns holds the event. */
  boolean hasSeen(String orderId, String eventId) {
    return collection.countDocuments(and(eq("_id", orderId), eq(Inbox.FIELD, eventId))) > 0;
  }

  /** A resident's orders, newest first; only those {@code within} selects when it is given. */
  public PageOf<Order> ofResident(String residentId, Bson within, int page, int size) {
    Bson filter =
        within == null ? eq("residentId", residentId) : and(eq("residentId", residentId), within);
    return page(filter, descending(SORT_KEY, "_id"), page, size);
  }

  /** The orders assigned to this assignee. */
  static Bson assignedTo(AssigneeType type, String assignee) {
    return and(eq("assignment.assigneeType", type.name()), eq("assignment.assignee", assignee));
  }

  /**
   * The orders assigned to the caller ({@link AccessPolicy#assignedTo}, as a filter): to their
   * organisation or one of its workers, to them as a volunteer or as a social worker. Empty if no
   * role of theirs takes assignments.
   */
  static List<Bson> assignedToCaller(Actor caller) {
    List<Bson> any = new ArrayList<>();
    if (caller.has(Role.ORGANISATION_STAFF) && caller.organisationId() != null) {
      any.add(assignedTo(AssigneeType.ORGANISATION, caller.organisationId()));
      any.add(eq("assignment.organisationId", caller.organisationId()));
    }
    if (caller.has(Role.VOLUNTEER)) {
      any.add(assignedTo(AssigneeType.VOLUNTEER, caller.subject()));
    }
    if (caller.has(Role.SOCIAL_WORKER)) {
      any.add(assignedTo(AssigneeType.SOCIAL_WORKER, caller.subject()));
    }
    return any;
  }

  /**
   * One page of the orders matching {@code filter}, with the total: for every order (an empty
   * filter) the collection's own count, which reads no document.
   */
  PageOf<Order> page(Bson filter, Bson sort, int page, int size) {
    long total =
        filter.toBsonDocument().isEmpty()
            ? collection.estimatedDocumentCount()
            : collection.countDocuments(filter);
    List<Order> items = new ArrayList<>();
    for (Document doc : collection.find(filter).sort(sort).skip(page * size).limit(size)) {
      items.add(order(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  /** The first result of an aggregation over the orders, if any. */
  Optional<Document> aggregate(List<Bson> pipeline) {
    return Optional.ofNullable(collection.aggregate(pipeline).first());
  }

  static Document document(Order order) {
    Document doc = new Document("_id", order.orderId());
    doc.putAll(OrderJson.toDocument(order));
    doc.put(SORT_KEY, order.createdAt().toEpochMilli());
    doc.put(CHANGED_AT, System.currentTimeMillis());
    return doc;
  }

  /** The fields a command sets: the whole state but the id. */
  static Document fields(Order order) {
    Document fields = document(order);
    fields.remove("_id");
    return fields;
  }

  private static Order order(Document doc) {
    Document fields = new Document(doc);
    fields.remove("_id");
    fields.remove(SORT_KEY);
    fields.remove(CHANGED_AT);
    fields.remove(OutboxRelay.FIELD);
    fields.remove(Inbox.FIELD);
    return OrderJson.fromDocument(fields);
  }
}
