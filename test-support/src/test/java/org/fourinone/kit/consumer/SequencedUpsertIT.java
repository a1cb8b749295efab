package org.fourinone.kit.consumer;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection guard over the wire protocol. */
class SequencedUpsertIT {

  private MongoCollection<Document> collection;

  @BeforeEach
  void setUp() {
    collection =
        MongoClients.create(TestInfrastructure.mongoUri())
            .getDatabase("upsert-" + UUID.randomUUID())
            .getCollection("views");
  }

  @Test
  void appliesNewerSnapshotsAndIgnoresRedeliveredOrOlderOnes() {
    assertThat(
            SequencedUpsert.applyIfNewer(collection, "o1", 1, new Document("status", "SUBMITTED")))
        .isTrue();
    assertThat(
            SequencedUpsert.applyIfNewer(collection, "o1", 3, new Document("status", "ASSIGNED")))
        .isTrue();
    assertThat(
            SequencedUpsert.applyIfNewer(collection, "o1", 3, new Document("status", "ASSIGNED")))
        .isFalse();
    assertThat(
            SequencedUpsert.applyIfNewer(collection, "o1", 2, new Document("status", "ACCEPTED")))
        .isFalse();
    Document held = collection.find(eq("_id", "o1")).first();
    assertThat(held.getString("status")).isEqualTo("ASSIGNED");
    assertThat(held.get("sequence", Number.class).longValue()).isEqualTo(3);
    assertThat(collection.countDocuments()).isEqualTo(1);
  }
}
