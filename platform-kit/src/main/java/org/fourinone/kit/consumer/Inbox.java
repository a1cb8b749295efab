package org.fourinone.kit.consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The inbox of side-effecting event handlers: the id of the event that caused an effect is recorded
 * in the same single-document write as the effect, so a redelivered event acts once — on any
 * MongoDB, with no transaction. Two forms:
 *
 * <ul>
 *   <li>an effect that creates a document gets an {@code _id} made of the event id and the effect's
 *       name ({@link #insertOnce}); the unique {@code _id} refuses the second insert;
 *   <li>an effect that changes a document appends the event id to the document's {@code inbox}
 *       array, guarded by "not yet there" ({@link #updateOnce}). The array keeps the latest {@value
 *       #KEEP} ids: redelivery comes within a rebalance, long before that many newer events reach
 *       one document.
 * </ul>
 *
 * Apply the writes with {@link IdempotentWrites#apply}, which takes a duplicate key as "done".
 */
public final class Inbox {

  public static final String FIELD = "inbox";
  public static final int KEEP = 200;

  private Inbox() {}

  /** The id of a document created by {@code effect} for {@code eventId}. */
  public static String idOf(String effect, String eventId) {
    return effect + ":" + eventId;
  }

  /** Inserts a document for an event once; its {@code _id} is set from the event. */
  public static InsertOneModel<Document> insertOnce(
      String effect, String eventId, Document document) {
    Document doc = new Document("_id", idOf(effect, eventId));
    doc.putAll(document);
    doc.put("_id", idOf(effect, eventId));
    return new InsertOneModel<>(doc);
  }

  /**
   * Applies {@code update} to the document {@code filter} selects unless the event was applied to
   * it already; with {@code upsert}, creates the document if there is none.
   */
  public static UpdateOneModel<Document> updateOnce(
      Bson filter, Document update, String eventId, boolean upsert) {
    Document withInbox = new Document(update);
    Document push = new Document();
    if (withInbox.get("$push") instanceof Document existing) {
      push.putAll(existing);
    }
    push.put(FIELD, new Document("$each", List.of(eventId)).append("$slice", -KEEP));
    withInbox.put("$push", push);
    return new UpdateOneModel<>(
        and(filter, ne(FIELD, eventId)), withInbox, new UpdateOptions().upsert(upsert));
  }
}
