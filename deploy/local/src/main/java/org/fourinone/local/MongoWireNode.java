package org.fourinone.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.fourinone.local.mongo.IndexedH2Backend;

/**
 * A MongoDB wire-protocol server ({@code mongo-java-server}) on an H2 MVStore file, as its own
 * process.
 *
 * <p>Usage: {@code MongoWireNode --file <path/to/file.mv> [--port 27017] [--host 127.0.0.1]
 * [--cache-mb 64]}
 *
 * <p>The backend ({@link IndexedH2Backend}) commits after every write command, before the reply
 * goes out, so an acknowledged write survives the process being killed (measured before that: every
 * write made in the last second before a {@code kill -9} was lost), and plans queries by index.
 * There is no background commit (it could store a command half-applied, a document without its
 * index entries); a clean shutdown commits once more. {@code --cache-mb} sizes MVStore's page cache
 * (default {@value IndexedH2Backend#DEFAULT_CACHE_MB} MB; the heap must leave room for it).
 */
public final class MongoWireNode {

  private MongoWireNode() {}

  public static void main(String[] args) throws Exception {
    String file = null;
    String host = "127.0.0.1";
    int port = 27017;
    int cacheMb = IndexedH2Backend.DEFAULT_CACHE_MB;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--file" -> file = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--host" -> host = args[++i];
        case "--cache-mb" -> cacheMb = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("--file is required");
    }
    Path path = Path.of(file).toAbsolutePath();
    Files.createDirectories(path.getParent());

    long started = System.nanoTime();
    H2Backend backend = new IndexedH2Backend(path.toString(), cacheMb);
    MongoServer server = new MongoServer(backend);
    server.bind(host, port);
    System.out.printf(
        "MongoDB wire server on mongodb://%s:%d, H2 file %s, commit after each write"
            + ", %d MB page cache, up in %d ms%n",
        host, port, path, cacheMb, (System.nanoTime() - started) / 1_000_000);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("MongoDB wire server stopping");
                  // every acknowledged write is committed already; closing waits for commands
                  // still being applied and stores them whole
                  server.shutdownNow();
                  if (!backend.getMvStore().isClosed()) {
                    backend.close();
                  }
                  System.out.println("MongoDB wire server stopped, H2 file closed");
                  stopped.countDown();
                },
                "mongo-wire-shutdown"));
    stopped.await();
  }
}
