package org.fourinone.kit.consumer;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.fourinone.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox and the bulk idempotent writes over the wire protocol: a redelivered event acts once.
 */
class InboxIT {

  private MongoCollection<Document> collection;

  @BeforeEach
  void setUp() {
    collection =
        MongoClients.create(TestInfrastructure.mongoUri())
            .getDatabase("inbox-" + UUID.randomUUID())
            .getCollection("effects");
  }

  static WriteModel<Document> credit(String account, String eventId, int amount) {
    return Inbox.updateOnce(
        eq("_id", account), new Document("$inc", new Document("balance", amount)), eventId, true);
  }

  @Test
  void anUpdateGuardedByTheInboxActsOncePerEventEvenWithinOneBulkWrite() {
    List<WriteModel<Document>> writes =
        List.of(
            credit("a", "e1", 5), credit("a", "e1", 5), credit("a", "e2", 3), credit("b", "e1", 7));
    assertThat(IdempotentWrites.apply(collection, writes)).isEqualTo(3);
    assertThat(IdempotentWrites.apply(collection, writes)).isZero();
    assertThat(collection.find(eq("_id", "a")).first().getInteger("balance")).isEqualTo(8);
    assertThat(collection.find(eq("_id", "b")).first().getInteger("balance")).isEqualTo(7);
    assertThat(collection.find(eq("_id", "a")).first().getList(Inbox.FIELD, String.class))
        .containsExactly("e1", "e2");
  }

  @Test
  void theInboxKeepsTheLatestIdsOnly() {
    List<WriteModel<Document>> writes = new ArrayList<>();
    for (int i = 0; i < Inbox.KEEP + 10; i++) {
      writes.add(credit("a", "e" + i, 1));
    }
    IdempotentWrites.apply(collection, writes);
    List<String> kept = collection.find(eq("_id", "a")).first().getList(Inbox.FIELD, String.class);
    assertThat(kept).hasSize(Inbox.KEEP).startsWith("e10").endsWith("e" + (Inbox.KEEP + 9));
  }

  @Test
  void anInsertPerEventIsMadeOnceAndConcurrentRedeliveriesDoNotDoubleIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      runs.add(
          pool.submit(
              () ->
                  IdempotentWrites.apply(
                      collection,
                      List.of(
                          Inbox.insertOnce(
                              "hours", "e1", new Document("volunteer", "v1").append("hours", 2)),
                          Inbox.insertOnce(
                              "hours",
                              "e2",
                              new Document("volunteer", "v1").append("hours", 3))))));
    }
    int made = 0;
    for (Future<Integer> run : runs) {
      made += run.get();
    }
    pool.shutdown();
    assertThat(made).isEqualTo(2);
    assertThat(collection.countDocuments()).isEqualTo(2);
    assertThat(collection.find(eq("_id", Inbox.idOf("hours", "e1"))).first().getInteger("hours"))
        .isEqualTo(2);
  }

  @Test
  void aFailureOtherThanADuplicateKeyFailsTheCall() {
    collection.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
    collection.insertOne(new Document("_id", "x").append("code", "C1"));
    // a different _id that clashes on another unique index is a duplicate key too: the guard said
    // "done"
    assertThat(
            IdempotentWrites.apply(
                collection,
                List.of(new InsertOneModel<>(new Document("_id", "y").append("code", "C1")))))
        .isZero();
    // a malformed update is no duplicate: it must surface, to be retried and then dead-lettered
    assertThatThrownBy(
            () ->
                IdempotentWrites.apply(
                    collection,
                    List.of(
                        Inbox.updateOnce(
                            eq("_id", "x"),
                            new Document("$inc", new Document("code", 1)),
                            "e1",
                            false))))
        .isInstanceOf(MongoBulkWriteException.class);
  }

  @Test
  void sequencedUpsertsInBulkKeepTheNewestWhateverTheOrder() {
    IdempotentWrites.apply(
        collection,
        List.of(
            SequencedUpsert.ifNewer("o1", 3, new Document("status", "ASSIGNED")),
            SequencedUpsert.ifNewer("o1", 1, new Document("status", "SUBMITTED")),
            SequencedUpsert.ifNewer("o1", 2, new Document("status", "ACCEPTED")),
            SequencedUpsert.ifNewer("o2", 1, new Document("status", "SUBMITTED"))));
    assertThat(collection.find(eq("_id", "o1")).first().getString("status")).isEqualTo("ASSIGNED");
    assertThat(
            IdempotentWrites.apply(
                collection, List.of(SequencedUpsert.ifNewer("o1", 3, new Document("status", "X")))))
        .isZero();
    assertThat(collection.countDocuments()).isEqualTo(2);
  }
}
