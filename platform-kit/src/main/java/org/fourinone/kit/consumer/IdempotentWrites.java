package org.fourinone.kit.consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.List;
import org.bson.Document;

/**
 * One bulk write of idempotent writes (sequence-guarded upserts, inbox-guarded updates and
 * inserts), unordered. A duplicate key is the guard answering "already applied": such a write is
 * left out, the others go through. Any other error fails the whole call, to be retried. Note that a
 * duplicate key on any unique index counts as "applied": an effect must not rely on a business
 * unique index to refuse something (check such rules before, in the command).
 */
public final class IdempotentWrites {

  private IdempotentWrites() {}

  /** Returns how many writes changed something (inserted, modified or upserted). */
  public static int apply(
      MongoCollection<Document> collection, List<? extends WriteModel<Document>> writes) {
    if (writes.isEmpty()) {
      return 0;
    }
    long inserts = writes.stream().filter(InsertOneModel.class::isInstance).count();
    try {
      var result = collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
      return (int) inserts + result.getModifiedCount() + result.getUpserts().size();
    } catch (MongoBulkWriteException e) {
      long refusedInserts = 0;
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        if (writes.get(error.getIndex()) instanceof InsertOneModel) {
          refusedInserts++;
        }
      }
      if (e.getWriteConcernError() != null) {
        throw e;
      }
      // inserts counted from the errors: the embedded server's insertedCount includes refused ones
      var result = e.getWriteResult();
      return (int) (inserts - refusedInserts)
          + result.getModifiedCount()
          + result.getUpserts().size();
    }
  }
}
