package org.fourinone.kit.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events that commands wrote into the {@code outbox} array of an aggregate's own
 * document, then {@code $pull}s them. Two paths: right after a command's write ({@link
 * #publishAfterWrite}), and a sweeper that republishes whatever is still there — after a crash, a
 * broker outage or a failed send. Publishing twice is possible and harmless: consumers are
 * idempotent by event id and sequence.
 */
public class OutboxRelay implements SmartLifecycle {

  public static final String FIELD = "outbox";
  private static final String SUBJECT = "subject";
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final String name;
  private final MongoCollection<Document> collection;
  private final String topic;
  private final URI source;
  private final KafkaTemplate<String, byte[]> kafka;
  private final Duration sweepInterval;
  private final Duration sweepAge;
  private final Clock clock;
  private final Counter published;
  private final Counter failed;
  private final Executor afterSend;

  /**
   * Fast-path sends, bounded: when the broker is down they queue, and past the bound the sweeper
   * takes over.
   */
  private final ThreadPoolExecutor sender;

  /** Aggregates whose events are being sent now; the sweeper leaves them to the send in flight. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /** Published entries waiting for their {@code $pull}, written a drain at a time. */
  private final ConcurrentLinkedQueue<PendingPull> pulls = new ConcurrentLinkedQueue<>();

  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private static final int MAX_PULLS_PER_WRITE = 500;

  private ScheduledExecutorService sweeper;
  private volatile boolean running;

  public OutboxRelay(
      String name,
      MongoCollection<Document> collection,
      String topic,
      URI source,
      KafkaTemplate<String, byte[]> kafka,
      Duration sweepInterval,
      MeterRegistry meters) {
    this.name = name;
    this.collection = collection;
    this.topic = topic;
    this.source = source;
    this.kafka = kafka;
    this.sweepInterval = sweepInterval;
    this.sweepAge = sweepInterval;
    this.clock = Clock.systemUTC();
    this.published = Counter.builder("outbox.published").tag("outbox", name).register(meters);
    this.failed = Counter.builder("outbox.failed").tag("outbox", name).register(meters);
    this.afterSend =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "outbox-" + name);
              t.setDaemon(true);
              return t;
            });
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000),
            r -> {
              Thread t = new Thread(r, "outbox-send-" + name);
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.DiscardPolicy());
    collection.createIndex(new Document(FIELD + ".time", 1));
  }

  /** An outbox entry for an event, to be written in the same update as the state change. */
  public static Document entry(
      String eventId, String type, long sequence, Instant time, String json, String traceparent) {
    return new Document("eventId", eventId)
        .append("type", type)
        .append("sequence", sequence)
        .append("time", time.toString())
        .append("data", json)
        .append("traceparent", traceparent);
  }

  /**
   * The entry's event under another subject (and Kafka key) than its document's id: e.g. a service
   * record's event keyed by its volunteer, so that one volunteer's events stay in order. The
   * sequence stays the document's.
   */
  public static Document entry(
      String eventId,
      String type,
      long sequence,
      Instant time,
      String json,
      String traceparent,
      String subject) {
    return entry(eventId, type, sequence, time, json, traceparent).append(SUBJECT, subject);
  }

  public String topic() {
    return topic;
  }

  /**
   * Inserts a new aggregate document together with its first events (one atomic write), then
   * publishes them. Returns false, writing and publishing nothing, if the id exists already.
   */
  public boolean insert(Document document, List<Document> entries) {
    Document doc = new Document(document);
    doc.put(FIELD, new ArrayList<>(entries));
    try {
      collection.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
    publishAfterWrite(doc.get("_id").toString(), entries);
    return true;
  }

  /**
   * Applies {@code update} to the aggregate that {@code filter} selects and appends its events to
   * the outbox in the same update, then publishes them. The filter carries the guard (e.g. the
   * expected sequence); returns false, publishing nothing, if it matched no document.
   */
  public boolean update(String aggregateId, Bson filter, Document update, List<Document> entries) {
    Document withEvents = new Document(update);
    Document push = new Document();
    if (update.get("$push") instanceof Document existing) {
      push.putAll(existing);
    }
    push.put(FIELD, new Document("$each", entries));
    withEvents.put("$push", push);
    if (collection.updateOne(filter, withEvents).getModifiedCount() != 1) {
      return false;
    }
    publishAfterWrite(aggregateId, entries);
    return true;
  }

  /**
   * Publishes entries just written for an aggregate, off the caller's thread: the write is
   * committed, so nothing the broker does (down, no metadata yet, slow) may fail or block the
   * command. On any failure — and when too many sends are queued — the sweeper publishes later.
   */
  public void publishAfterWrite(String aggregateId, List<Document> entries) {
    if (!running) {
      return;
    }
    sender.execute(
        () ->
            send(aggregateId, entries)
                .exceptionally(
                    e -> {
                      failed.increment();
                      log.warn(
                          "outbox {}: publishing {} deferred to the sweeper: {}",
                          name,
                          aggregateId,
                          e.toString());
                      return null;
                    }));
  }

  /**
   * Publishes every outbox entry older than the sweep age. Returns the number of aggregates
   * handled.
   */
  public int sweep() {
    String cutoff = clock.instant().minus(sweepAge).toString();
    int handled = 0;
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (Document doc :
        collection
            .find(and(exists(FIELD + ".0"), lt(FIELD + ".time", cutoff)))
            .projection(new Document(FIELD, 1))
            .limit(500)) {
      if (inFlight.contains(doc.get("_id").toString())) {
        continue;
      }
      CompletableFuture<Void> sent =
          send(doc.get("_id").toString(), doc.getList(FIELD, Document.class));
      pending.add(sent);
      if (sent.isCompletedExceptionally()) {
        break; // no broker metadata: the next pass tries again, instead of blocking once per
        // document
      }
      handled++;
    }
    for (CompletableFuture<Void> f : pending) {
      try {
        f.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        failed.increment();
        log.warn("outbox {}: sweep could not publish yet: {}", name, e.toString());
      }
    }
    return handled;
  }

  private CompletableFuture<Void> send(String aggregateId, List<Document> entries) {
    inFlight.add(aggregateId);
    List<Document> ordered = new ArrayList<>(entries);
    ordered.sort(Comparator.comparingLong(d -> d.get("sequence", Number.class).longValue()));
    List<CompletableFuture<?>> sends = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try {
      for (Document entry : ordered) {
        ids.add(entry.getString("eventId"));
        sends.add(kafka.send(CloudEventCodec.toRecord(topic, toEnvelope(aggregateId, entry))));
      }
    } catch (RuntimeException e) {
      // KafkaTemplate.send throws (rather than failing the future) when it gets no metadata in
      // max.block.ms: release the aggregate so that the sweeper retries it
      inFlight.remove(aggregateId);
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .thenCompose(sent -> pullLater(aggregateId, ids))
        .whenComplete((ok, e) -> inFlight.remove(aggregateId));
  }

  /** Published events to take out of their aggregate's outbox. */
  private record PendingPull(
      String aggregateId, List<String> eventIds, CompletableFuture<Void> done) {}

  /**
   * Queues the {@code $pull} of published entries; the single after-send thread writes whatever has
   * queued up in one unordered bulk write, so that under load the pulls of many orders cost one
   * round trip (and, on the embedded store, one commit) instead of one each. The future completes
   * once the entries are out of the outbox.
   */
  private CompletableFuture<Void> pullLater(String aggregateId, List<String> eventIds) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pulls.add(new PendingPull(aggregateId, eventIds, done));
    if (drainScheduled.compareAndSet(false, true)) {
      afterSend.execute(this::drainPulls);
    }
    return done;
  }

  private void drainPulls() {
    drainScheduled.set(false);
    List<PendingPull> batch = new ArrayList<>();
    for (PendingPull next; batch.size() < MAX_PULLS_PER_WRITE && (next = pulls.poll()) != null; ) {
      batch.add(next);
    }
    if (!pulls.isEmpty() && drainScheduled.compareAndSet(false, true)) {
      afterSend.execute(this::drainPulls);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      collection.bulkWrite(
          batch.stream()
              .map(
                  p ->
                      new UpdateOneModel<Document>(
                          eq("_id", p.aggregateId()),
                          Updates.pull(
                              FIELD, new Document("eventId", new Document("$in", p.eventIds())))))
              .toList(),
          new BulkWriteOptions().ordered(false));
      published.increment(batch.stream().mapToInt(p -> p.eventIds().size()).sum());
      batch.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      // the entries stay in the outbox: the sweeper publishes them again, which is harmless
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  private EventEnvelope toEnvelope(String aggregateId, Document entry) {
    String type = entry.getString("type");
    String subject = entry.getString(SUBJECT);
    return new EventEnvelope(
        entry.getString("eventId"),
        type,
        source,
        subject != null ? subject : aggregateId,
        OffsetDateTime.ofInstant(Instant.parse(entry.getString("time")), ZoneOffset.UTC),
        CloudEventCodec.schemaOf(type),
        entry.get("sequence", Number.class).longValue(),
        entry.getString("traceparent"),
        entry.getString("data").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void start() {
    running = true;
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "outbox-sweeper-" + name);
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            sweep();
          } catch (RuntimeException e) {
            log.warn("outbox {}: sweep failed: {}", name, e.toString());
          }
        },
        0,
        sweepInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Whether a send of this aggregate's events is under way (for tests). */
  boolean inFlight(String aggregateId) {
    return inFlight.contains(aggregateId);
  }

  @Override
  public void stop() {
    running = false;
    sender.shutdownNow();
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the Kafka producer and the MongoDB client, starts after them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
