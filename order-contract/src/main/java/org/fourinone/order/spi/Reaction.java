package org.fourinone.order.spi;

import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.consumer.Inbox;
import org.fourinone.order.Order;

/**
 * One effect of a reaction to an order event; the contract's consumer makes them in bulk, once
 * each.
 */
public sealed interface Reaction {

  /**
   * A write to one of the system's own collections, guarded by the inbox: build it with {@link
   * #insertOnce} or {@link #updateOnce}.
   */
  record Write(String collection, WriteModel<Document> write) implements Reaction {}

  /**
   * A note for the order's timeline (e.g. 志愿者已匹配), sent to the order's origin on the contributions
   * topic; the origin adds it as a {@code NOTED} entry, which then reaches all four.
   *
   * @param effect names this kind of note: a second note of the same kind for the same event is the
   *     same note
   */
  record Note(Order order, String effect, String text) implements Reaction {}

  /**
   * Creates a document once per event (its {@code _id} is made of {@code effect} and the event id).
   */
  static Reaction insertOnce(
      String collection, String effect, OrderEvent event, Document document) {
    return new Write(collection, Inbox.insertOnce(effect, event.eventId(), document));
  }

  /**
   * Changes (or with {@code upsert} creates) the document {@code filter} selects, once per event.
   */
  static Reaction updateOnce(
      String collection, Bson filter, Document update, OrderEvent event, boolean upsert) {
    return new Write(collection, Inbox.updateOnce(filter, update, event.eventId(), upsert));
  }

  static Reaction note(OrderEvent event, String effect, String text) {
    return new Note(event.order(), effect, text);
  }
}
