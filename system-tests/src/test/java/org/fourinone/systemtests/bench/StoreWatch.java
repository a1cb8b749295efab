package org.fourinone.systemtests.bench;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.fourinone.systemtests.SubSystem;

/**
 * When each placed order appears in each system's {@code orders} collection: the document every
 * {@code GET /api/<sys>/orders/{id}} reads. Looking in the four databases for all pending orders at
 * once, every {@code pollMillis}, costs four indexed {@code _id $in} reads per tick whatever the
 * order rate — where polling the API for a sample of orders would add hundreds of requests a second
 * to the load it measures, and measure only a sample.
 */
final class StoreWatch implements AutoCloseable {

  /** An order's times, in nanoseconds after its POST was sent; -1 where not seen yet. */
  record Seen(SubSystem origin, long sentNanos, Map<SubSystem, Long> afterNanos) {
    /** The last of the four: when the order was visible everywhere. */
    long visibleNanos() {
      return afterNanos.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }
  }

  private static final class Pending {
    final SubSystem origin;
    final long sent;
    final Map<SubSystem, Long> after = new EnumMap<>(SubSystem.class);

    Pending(SubSystem origin, long sent) {
      this.origin = origin;
      this.sent = sent;
    }
  }

  private final MongoClient client;
  private final Map<SubSystem, MongoCollection<Document>> orders = new EnumMap<>(SubSystem.class);
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Seen> done = new ConcurrentLinkedQueue<>();
  private final long pollNanos;
  private final Thread poller;
  private volatile boolean running = true;

  StoreWatch(String mongoUri, Duration poll) {
    this.client = MongoClients.create(mongoUri);
    this.pollNanos = poll.toNanos();
    for (SubSystem system : SubSystem.ALL) {
      // each service's own database is named after its API segment (the kit's default)
      orders.put(system, client.getDatabase(system.segment()).getCollection("orders"));
    }
    poller = new Thread(this::poll, "store-watch");
    poller.setDaemon(true);
    poller.start();
  }

  /** The origin answered 201 for {@code orderId}, whose POST was sent at {@code sentNanos}. */
  void placed(String orderId, SubSystem origin, long sentNanos) {
    pending.put(orderId, new Pending(origin, sentNanos));
  }

  int pendingCount() {
    return pending.size();
  }

  /** Orders seen in all four since the last call. */
  List<Seen> drain() {
    List<Seen> out = new ArrayList<>();
    for (Seen seen; (seen = done.poll()) != null; ) {
      out.add(seen);
    }
    return out;
  }

  /** Forgets what is still pending (after a phase's grace period) and returns how many. */
  int abandon() {
    int n = pending.size();
    pending.clear();
    return n;
  }

  private void poll() {
    while (running) {
      long round = System.nanoTime();
      if (!pending.isEmpty()) {
        try {
          look(round);
        } catch (RuntimeException e) {
          // the store is briefly unreachable: look again next round
        }
      }
      LockSupport.parkNanos(pollNanos - (System.nanoTime() - round));
    }
  }

  private void look(long round) {
    for (SubSystem system : SubSystem.ALL) {
      List<String> ids = new ArrayList<>();
      pending.forEach(
          (id, p) -> {
            if (!p.after.containsKey(system)) {
              ids.add(id);
            }
          });
      for (int from = 0; from < ids.size(); from += 500) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
        long now = System.nanoTime();
        for (Document d : orders.get(system).find(in("_id", chunk)).projection(include("_id"))) {
          Pending p = pending.get(d.getString("_id"));
          if (p != null) {
            p.after.put(system, now - p.sent);
          }
        }
      }
    }
    pending
        .entrySet()
        .removeIf(
            e -> {
              Pending p = e.getValue();
              if (p.after.size() < SubSystem.ALL.size()) {
                return false;
              }
              done.add(new Seen(p.origin, p.sent, Map.copyOf(p.after)));
              return true;
            });
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    client.close();
  }
}
