package org.fourinone.systemtests.bench.district;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.bson.Document;

/**
 * Writes what the generator makes into the store: inserts in unordered {@code insertMany} batches
 * (a thousand documents a command, so that the store commits once per batch, not per document) on a
 * few writer threads while the generator goes on, then the changes of documents written before in
 * unordered bulk writes. Every batch is counted in the {@link LoadProgress}.
 */
final class MongoSink implements DistrictGenerator.Sink, AutoCloseable {

  /** The change time the statistics' refreshers find loaded documents by. */
  private static final String CHANGED_AT = "changedAtMillis";

  private final MongoClient client;
  private final int batchSize;
  private final LoadProgress progress;
  private final ExecutorService writers;
  private final Semaphore inFlight;
  private final Map<String, List<Document>> inserts = new LinkedHashMap<>();
  private final Map<String, List<WriteModel<Document>>> changes = new LinkedHashMap<>();
  private final List<Future<?>> pending = new ArrayList<>();

  MongoSink(MongoClient client, int batchSize, int writerThreads, LoadProgress progress) {
    this.client = client;
    this.batchSize = batchSize;
    this.progress = progress;
    this.writers =
        Executors.newFixedThreadPool(
            writerThreads,
            r -> {
              Thread t = new Thread(r, "district-writer");
              t.setDaemon(true);
              return t;
            });
    // the generator runs ahead by at most a few batches per writer (bounded memory)
    this.inFlight = new Semaphore(writerThreads * 3);
  }

  @Override
  public void insert(String database, String collection, Document document) {
    String namespace = database + "." + collection;
    List<Document> batch = inserts.computeIfAbsent(namespace, n -> new ArrayList<>(batchSize));
    batch.add(document);
    if (batch.size() >= batchSize) {
      inserts.remove(namespace);
      submitInsert(database, collection, batch);
    }
  }

  @Override
  public void write(String database, String collection, WriteModel<Document> write) {
    changes.computeIfAbsent(database + "." + collection, n -> new ArrayList<>()).add(write);
  }

  /** Writes what is still buffered, then the changes; returns once the store acknowledged all. */
  void flush() {
    inserts.forEach(
        (namespace, batch) -> {
          String[] parts = namespace.split("\\.", 2);
          submitInsert(parts[0], parts[1], batch);
        });
    inserts.clear();
    awaitPending();
    changes.forEach(
        (namespace, writes) -> {
          String[] parts = namespace.split("\\.", 2);
          for (int from = 0; from < writes.size(); from += batchSize) {
            List<WriteModel<Document>> batch =
                writes.subList(from, Math.min(writes.size(), from + batchSize));
            submit(
                () -> {
                  client
                      .getDatabase(parts[0])
                      .getCollection(parts[1])
                      .bulkWrite(batch, new BulkWriteOptions().ordered(false));
                  progress.written(namespace + " (changes)", batch.size());
                });
          }
        });
    awaitPending();
    changes.clear();
  }

  private void submitInsert(String database, String collection, List<Document> batch) {
    submit(
        () -> {
          // a document's change time is that of its write, as a service sets it in the write: a
          // batch may wait for its collection's buffer to fill for longer than the statistics'
          // refreshers read change times back, and would be missed with its creation time
          long now = System.currentTimeMillis();
          for (Document document : batch) {
            if (document.containsKey(CHANGED_AT)) {
              document.put(CHANGED_AT, now);
            }
          }
          client
              .getDatabase(database)
              .getCollection(collection)
              .insertMany(batch, new InsertManyOptions().ordered(false));
          progress.written(database + "." + collection, batch.size());
        });
  }

  private void submit(Runnable write) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading", e);
    }
    pending.add(
        writers.submit(
            () -> {
              try {
                write.run();
              } finally {
                inFlight.release();
              }
            }));
    if (pending.size() > 1000) {
      pending.removeIf(Future::isDone);
    }
  }

  private void awaitPending() {
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(
            "a write to the store failed: " + e.getCause(), e.getCause());
      }
    }
    pending.clear();
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }
}
