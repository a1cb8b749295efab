package org.fourinone.testing;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.bson.Document;
import org.fourinone.testing.IndexUse.Sort;
import org.fourinone.testing.IndexUse.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log sees what the real driver sends (a count's pipeline, an update's statements, a page's
 * sort and limit) and judges it against the indexes the wire-protocol server lists.
 */
class MongoCommandLogIT {

  private final MongoCommandLog log = new MongoCommandLog();
  private MongoClient logged;
  private MongoClient plain;
  private MongoDatabase database;
  private MongoCollection<Document> orders;

  @BeforeEach
  void open() {
    TestInfrastructure.start();
    String name = "command-log-" + System.nanoTime();
    logged =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestInfrastructure.mongoUri()))
                .addCommandListener(log)
                .build());
    plain = MongoClients.create(TestInfrastructure.mongoUri());
    database = plain.getDatabase(name);
    orders = logged.getDatabase(name).getCollection("orders");
    orders.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("residentId"), Indexes.descending("createdAtMillis", "_id")));
    orders.insertOne(new Document("_id", "O-1").append("residentId", "R-1").append("status", "S"));
  }

  @AfterEach
  void close() {
    logged.close();
    plain.close();
  }

  @Test
  void judgesThePageTheCountAndTheUpdateTheDriverSent() {
    log.clear();
    orders.countDocuments(eq("residentId", "R-1"));
    orders
        .find(eq("residentId", "R-1"))
        .sort(descending("createdAtMillis", "_id"))
        .skip(20)
        .limit(20)
        .first();
    orders.updateMany(and(eq("residentId", "R-1"), eq("status", "S")), set("status", "T"));
    orders.find(eq("status", "T")).into(new java.util.ArrayList<>());

    List<Verdict> verdicts = log.judge(database);

    assertThat(verdicts)
        .as(IndexUse.report(verdicts))
        .extracting(v -> v.query().command(), Verdict::served)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("aggregate", true),
            org.assertj.core.groups.Tuple.tuple("find", true),
            org.assertj.core.groups.Tuple.tuple("update", true),
            org.assertj.core.groups.Tuple.tuple("find", false));
    assertThat(verdicts.get(1).sort()).isEqualTo(Sort.FROM_INDEX);
    assertThat(verdicts.get(1).query().limited()).isTrue();
    assertThat(verdicts.get(0).thread()).isEqualTo(Thread.currentThread().getName());
    assertThat(plain.getDatabase("other").getName()).isNotEqualTo(database.getName());
    assertThat(log.judge(plain.getDatabase("other"))).as("another database's").isEmpty();

    log.clear();
    assertThat(log.judge(database)).isEmpty();
  }

  @Test
  void failsNamingTheScanAmongEveryQueryJudged() {
    log.clear();
    orders.find(eq("residentId", "R-1")).first();
    assertThat(log.assertServed(database, "orders")).hasSize(1);

    orders.countDocuments(eq("status", "S"));
    assertThatThrownBy(() -> log.assertServed(database, "orders"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SCAN  aggregate orders {\"status\": \"S\"}")
        .hasMessageContaining("INDEX find orders {\"residentId\": \"R-1\"}");
    assertThatThrownBy(() -> log.assertServed(database, "residents"))
        .as("nothing read from it")
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void logsOnlyTheRequestThreadsWhenAskedTo() throws InterruptedException {
    MongoCommandLog requests = MongoCommandLog.ofRequests();
    try (MongoClient client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestInfrastructure.mongoUri()))
                .addCommandListener(requests)
                .build())) {
      MongoCollection<Document> seen =
          client.getDatabase(database.getName()).getCollection("orders");
      seen.find(eq("status", "from the test's thread")).first();
      Thread request =
          new Thread(() -> seen.find(eq("residentId", "R-1")).first(), "http-nio-auto-1-exec-1");
      request.start();
      request.join();
    }
    assertThat(requests.judge(database))
        .singleElement()
        .satisfies(v -> assertThat(v.thread()).isEqualTo("http-nio-auto-1-exec-1"));
  }
}
