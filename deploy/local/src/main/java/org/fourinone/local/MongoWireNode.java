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
 * [--commit-ms 100] [--cache-mb 64]}
 *
 * <p>The backend ({@link IndexedH2Backend}) commits after every write command, before the reply
 * goes out, so an acknowledged write survives the process being killed (measured before that: every
 * write made in the last second before a {@code kill -9} was lost), and plans queries by index.
 * {@code --commit-ms} sets the background auto-commit delay as well (default 100 ms), and a clean
 * shutdown commits once more. {@code --cache-mb} sizes MVStore's page cache (default {@value
 * IndexedH2Backend#DEFAULT_CACHE_MB} MB; the heap must leave room for it).
 */
public final class MongoWireNode {

  private MongoWireNode() {}

  public static void main(String[] args) throws Exception {
    String file = null;
    String host = "127.0.0.1";
    int port = 27017;
    int commitMillis = 100;
    int cacheMb = IndexedH2Backend.DEFAULT_CACHE_MB;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--file" -> file = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--host" -> host = args[++i];
        case "--commit-ms" -> commitMillis = Integer.parseInt(args[++i]);
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
    backend.getMvStore().setAutoCommitDelay(commitMillis);
    MongoServer server = new MongoServer(backend);
    server.bind(host, port);
    System.out.printf(
        "MongoDB wire server on mongodb://%s:%d, H2 file %s, commit after each write"
            + " and every %d ms, %d MB page cache, up in %d ms%n",
        host, port, path, commitMillis, cacheMb, (System.nanoTime() - started) / 1_000_000);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("MongoDB wire server stopping");
                  backend.commit();
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
