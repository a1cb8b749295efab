package org.fourinone.order.residents;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.fourinone.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replica's communities, held in memory and never missing one the store has. */
class ReferenceReplicaIT {

  private MongoClient client;
  private MongoCollection<Document> stored;
  private ReferenceReplica replica;

  @BeforeEach
  void open() {
    TestInfrastructure.start();
    client = MongoClients.create(TestInfrastructure.mongoUri());
    MongoDatabase database = client.getDatabase("replica-" + System.nanoTime());
    stored = database.getCollection("communities");
    replica = new ReferenceReplica(database, new SimpleMeterRegistry());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void answersFromItsCopyAndFindsACommunityRegisteredSince() {
    stored.insertOne(community("C-DZM-01", "S-DZM"));
    assertThat(replica.community("C-DZM-01"))
        .hasValueSatisfying(c -> assertThat(c.getString("streetId")).isEqualTo("S-DZM"));
    assertThat(replica.communities())
        .extracting(c -> c.getString("_id"))
        .containsExactly("C-DZM-01");

    // written by another instance of the system after this one read its copy
    stored.insertOne(community("C-HPL-01", "S-HPL"));

    assertThat(replica.community("C-HPL-01")).isPresent();
    assertThat(replica.communities())
        .extracting(c -> c.getString("_id"))
        .containsExactlyInAnyOrder("C-DZM-01", "C-HPL-01");
    assertThat(replica.streetOf("C-HPL-01")).contains("S-HPL");
    assertThat(replica.communitiesOf("S-HPL")).isEqualTo(1);
    assertThat(replica.community("C-NONE")).isEmpty();
    assertThat(replica.communitiesOf("S-NONE")).isZero();
  }

  @Test
  void handsOutCopiesThatCannotChangeItsOwn() {
    stored.insertOne(community("C-DZM-01", "S-DZM"));
    replica.community("C-DZM-01").orElseThrow().put("streetId", "S-CHANGED");
    replica.communities().get(0).put("streetId", "S-CHANGED");

    assertThat(replica.streetOf("C-DZM-01")).contains("S-DZM");
  }

  private static Document community(String id, String street) {
    return new Document("_id", id)
        .append("name", id)
        .append("streetId", street)
        .append("location", new Document("lat", 39.94).append("lng", 116.43))
        .append("sequence", 1L);
  }
}
