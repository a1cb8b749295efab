package org.fourinone.kit.rollup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The embedded MongoDB-wire server (memory backend) of the rollup tests, one per test JVM: the
 * driver talks to it over the wire, as to a real MongoDB.
 */
final class WireServer {

  private static MongoClient client;

  private WireServer() {}

  /** A database of the server, dropped first so that each test starts empty. */
  static synchronized MongoDatabase emptyDatabase(String name) {
    if (client == null) {
      MongoServer server = new MongoServer(new MemoryBackend());
      var address = server.bind();
      MongoClient started =
          MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    server.shutdownNow();
                  }));
      client = started;
    }
    MongoDatabase db = client.getDatabase(name);
    db.drop();
    return db;
  }
}
