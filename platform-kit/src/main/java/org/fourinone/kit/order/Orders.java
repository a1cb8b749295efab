package org.fourinone.kit.order;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.consumer.SequencedUpsert;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.web.PageOf;

/**
 * The {@code orders} collection of one service. It holds the orders this system originated (the
 * aggregates, with their outbox) and the snapshots of the other systems' orders (projections),
 * so that a resident's orders from all four systems are one indexed query.
 */
public class Orders {

  public static final String COLLECTION = "orders";
  /** Epoch millis of {@code createdAt}: a sort key that orders correctly (ISO strings may not). */
  static final String SORT_KEY = "createdAtMillis";

  private final MongoCollection<Document> collection;
  private final OriginSystem self;

  public Orders(MongoDatabase database, OriginSystem self) {
    this.collection = database.getCollection(COLLECTION);
    this.self = self;
    collection.createIndex(
        Indexes.compoundIndex(Indexes.ascending("residentId"), Indexes.descending(SORT_KEY, "_id")),
        new IndexOptions().name("resident_newest_first"));
  }

  public MongoCollection<Document> collection() {
    return collection;
  }

  /** Inserts a newly placed order with its first event; false if the id exists already. */
  public boolean insert(Order order, Document outboxEntry) {
    Document doc = document(order);
    doc.put(OutboxRelay.FIELD, new ArrayList<>(List.of(outboxEntry)));
    try {
      collection.insertOne(doc);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Writes the next state of an order this system owns, and its event, in one update — if nobody
   * changed it since {@code expectedSequence}. Returns false on such a concurrent change.
   */
  public boolean update(Order next, long expectedSequence, Document outboxEntry) {
    Document fields = document(next);
    fields.remove("_id");
    var result =
        collection.updateOne(
            and(
                eq("_id", next.orderId()),
                eq("originSystem", self.name()),
                eq("sequence", expectedSequence)),
            new Document("$set", fields)
                .append("$push", new Document(OutboxRelay.FIELD, outboxEntry)));
    return result.getModifiedCount() == 1;
  }

  /** Applies another system's snapshot if it is newer than the one held. */
  public boolean project(Order snapshot) {
    if (snapshot.originSystem() == self) {
      return false;
    }
    return SequencedUpsert.applyIfNewer(
        collection, snapshot.orderId(), snapshot.sequence(), document(snapshot));
  }

  public Optional<Order> find(String orderId) {
    return Optional.ofNullable(collection.find(eq("_id", orderId)).first()).map(Orders::order);
  }

  /** A resident's orders, newest first; only those with that assignment when one is given. */
  public PageOf<Order> ofResident(String residentId, Order.Assignment assignedTo, int page, int size) {
    Bson filter =
        assignedTo == null
            ? eq("residentId", residentId)
            : and(
                eq("residentId", residentId),
                eq("assignment.assigneeType", assignedTo.assigneeType().name()),
                eq("assignment.assignee", assignedTo.assignee()));
    long total = collection.countDocuments(filter);
    List<Order> items = new ArrayList<>();
    for (Document doc :
        collection
            .find(filter)
            .sort(descending(SORT_KEY, "_id"))
            .skip(page * size)
            .limit(size)) {
      items.add(order(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  private static Document document(Order order) {
    Document doc = new Document("_id", order.orderId());
    doc.putAll(OrderJson.toDocument(order));
    doc.put(SORT_KEY, order.createdAt().toEpochMilli());
    return doc;
  }

  private static Order order(Document doc) {
    Document fields = new Document(doc);
    fields.remove("_id");
    fields.remove(SORT_KEY);
    fields.remove(OutboxRelay.FIELD);
    return OrderJson.fromDocument(fields);
  }
}
