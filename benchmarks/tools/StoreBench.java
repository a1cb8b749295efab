import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The MongoDB stand-in alone, in this JVM, over the wire with the real driver: per order what the
 * order's origin does to it — insert the order with its outbox entry, pull the entry, and every
 * fourth order a resident's list page — one at a time, three rounds. The third argument is the
 * store's page cache in MB: a small one makes the store read pages back from its file, as it does
 * once the file outgrows the cache (issue #14: documents as BSON instead of Java serialization).
 *
 * <pre>
 * java -cp "deploy/local/target/local-stack.jar:deploy/local/target/lib/*:$(find ~/.m2/repository/org/mongodb -name '*5.6.5.jar' | tr '\n' :)" \
 *   benchmarks/tools/StoreBench.java /tmp/store-bench.mv 3000 2      # file, orders per round, cache MB
 * </pre>
 */
public class StoreBench {
  public static void main(String[] a) throws Exception {
    String file = a[0];
    int n = Integer.parseInt(a[1]);
    int cacheMb = a.length > 2 ? Integer.parseInt(a[2]) : 64;
    new java.io.File(file).delete();
    MongoServer server =
        new MongoServer(new org.fourinone.local.mongo.IndexedH2Backend(file, cacheMb));
    var addr = server.bind();
    try (MongoClient c =
        MongoClients.create("mongodb://" + addr.getHostString() + ":" + addr.getPort())) {
      MongoCollection<Document> coll = c.getDatabase("bench").getCollection("orders");
      coll.createIndex(
          Indexes.compoundIndex(
              Indexes.ascending("residentId"), Indexes.descending("createdAtMillis", "_id")));
      coll.createIndex(
          Indexes.compoundIndex(
              Indexes.ascending("communityId"), Indexes.descending("createdAtMillis", "_id")));
      String desc = "老人腿脚不便，需要上门助浴和陪同就医，希望本周内安排。".repeat(3);
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          String id = "O-" + round + "-" + i;
          coll.insertOne(
              new Document("_id", id)
                  .append("residentId", "R-" + (i % 50))
                  .append("communityId", "C-" + (i % 12))
                  .append("createdAtMillis", System.currentTimeMillis())
                  .append("title", "独居老人居家照护")
                  .append("description", desc)
                  .append(
                      "timeline",
                      List.of(
                          new Document("action", "PLACED")
                              .append("at", new Date())
                              .append("by", "resident")))
                  .append(
                      "outbox",
                      List.of(
                          new Document("type", "org.fourinone.order.placed.v1")
                              .append("sequence", 1)
                              .append("payload", desc))));
          coll.updateOne(Filters.eq("_id", id), Updates.pull("outbox", new Document("sequence", 1)));
          if (i % 4 == 0) {
            coll.find(Filters.eq("residentId", "R-" + (i % 50)))
                .sort(Sorts.descending("createdAtMillis"))
                .limit(20)
                .into(new ArrayList<>());
          }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "round %d: %d orders (insert + outbox pull + 1/4 list page) in %.2f s = %.0f/s%n",
            round, n, s, n / s);
      }
    }
    server.shutdownNow();
    System.out.println("file " + new java.io.File(file).length() / 1024 + " KB, cache " + cacheMb + " MB");
  }
}
