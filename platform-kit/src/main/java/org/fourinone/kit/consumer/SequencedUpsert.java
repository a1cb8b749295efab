package org.fourinone.kit.consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

/**
 * The idempotent-consumer rule for projections of state-carried events: a document is replaced by a
 * snapshot only if the snapshot's sequence is newer than the one it holds. A redelivered or older
 * event changes nothing. Works on any MongoDB (no transactions): the guard is part of the update's
 * filter, and an upsert that collides with an existing, newer document fails with a duplicate key,
 * which means "already newer".
 */
public final class SequencedUpsert {

  public static final String SEQUENCE = "sequence";

  private SequencedUpsert() {}

  /** The guarded upsert of one snapshot, for a bulk write through {@link IdempotentWrites}. */
  public static UpdateOneModel<Document> ifNewer(String id, long sequence, Document snapshot) {
    Document fields = new Document(snapshot);
    fields.remove("_id");
    fields.put(SEQUENCE, sequence);
    return new UpdateOneModel<>(
        and(eq("_id", id), lt(SEQUENCE, sequence)),
        new Document("$set", fields),
        new UpdateOptions().upsert(true));
  }

  /** Returns true if the snapshot was applied, false if what is held is as new or newer. */
  public static boolean applyIfNewer(
      MongoCollection<Document> collection, String id, long sequence, Document snapshot) {
    Document fields = new Document(snapshot);
    fields.remove("_id");
    fields.put(SEQUENCE, sequence);
    try {
      var result =
          collection.updateOne(
              and(eq("_id", id), lt(SEQUENCE, sequence)),
              new Document("$set", fields),
              new UpdateOptions().upsert(true));
      return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }
}
