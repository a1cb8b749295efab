package org.fourinone.order.application;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.fourinone.kit.consumer.EventBatch;
import org.fourinone.kit.consumer.IdempotentWrites;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code community.orders.v1} a poll at a time. Every event carries the order's whole
 * snapshot: other systems' orders are projected into this system's {@code orders} collection in one
 * bulk write of sequence-guarded upserts (a redelivered or older event changes nothing); then the
 * system's {@link OrderReactions} are asked what to do about each event, and their writes are made
 * in bulk, each once thanks to the inbox. Unknown event types are skipped on purpose and counted;
 * unreadable records go to the dead-letter topic.
 */
public class OrderEventConsumer {

  private static final Logger log = LoggerFactory.getLogger(OrderEventConsumer.class);

  /** What one event leads to: a projection, a reaction's write, or a note for the origin. */
  sealed interface Step {}

  record Project(Order snapshot) implements Step {}

  record React(Reaction.Write write) implements Step {}

  record Contribute(String eventId, Reaction.Note note) implements Step {}

  private final OriginSystem self;
  private final Orders orders;
  private final MongoDatabase database;
  private final List<OrderReactions> reactions;
  private final OrderNotes notes;
  private final Counter applied;
  private final Counter stale;
  private final Counter skipped;

  public OrderEventConsumer(
      OriginSystem self,
      Orders orders,
      MongoDatabase database,
      List<OrderReactions> reactions,
      OrderNotes notes,
      MeterRegistry meters) {
    this.self = self;
    this.orders = orders;
    this.database = database;
    this.reactions = List.copyOf(reactions);
    this.notes = notes;
    this.applied = meters.counter("orders.projection", "outcome", "applied");
    this.stale = meters.counter("orders.projection", "outcome", "stale");
    this.skipped = meters.counter("orders.projection", "outcome", "skipped");
  }

  @KafkaListener(
      id = "order-projector",
      topics = "${fourinone.topics.orders}",
      groupId = "${spring.application.name}.orders",
      batch = "true")
  public void on(List<ConsumerRecord<String, byte[]>> records) {
    EventBatch.process(records, this::steps, this::apply);
  }

  private List<Step> steps(EventEnvelope event) {
    if (OrderAction.ofEventType(event.type()).isEmpty()) {
      skipped.increment();
      log.info("skipping event {} of unknown type {}", event.id(), event.type());
      return List.of();
    }
    Order snapshot = snapshotOf(event);
    OrderEvent orderEvent = new OrderEvent(event.id(), snapshot);
    List<Step> steps = new ArrayList<>();
    boolean own = snapshot.originSystem() == self;
    if (!own) {
      steps.add(new Project(snapshot));
    }
    for (OrderReactions system : reactions) {
      for (Reaction reaction :
          own ? system.onOwnOrder(orderEvent) : system.onOtherSystemsOrder(orderEvent)) {
        if (reaction instanceof Reaction.Write write) {
          steps.add(new React(write));
        } else if (reaction instanceof Reaction.Note note) {
          steps.add(new Contribute(event.id(), note));
        }
      }
    }
    return steps;
  }

  private static Order snapshotOf(EventEnvelope event) {
    Order snapshot;
    try {
      snapshot = OrderJson.read(event.data());
    } catch (RuntimeException e) {
      throw new PoisonEventException("order event " + event.id() + " has unreadable data", e);
    }
    if (snapshot.orderId() == null
        || !snapshot.orderId().equals(event.subject())
        || snapshot.sequence() != event.sequence()
        || snapshot.originSystem() == null
        || snapshot.orderType() == null
        || snapshot.timeline() == null
        || snapshot.timeline().isEmpty()
        || snapshot.createdAt() == null) {
      throw new PoisonEventException("order event " + event.id() + " does not match its envelope");
    }
    return snapshot;
  }

  private void apply(List<Step> steps) {
    // the newest snapshot of each order in the batch is enough: the older ones would be refused
    // anyway
    Map<String, Order> newest = new LinkedHashMap<>();
    Map<String, List<WriteModel<Document>>> effects = new LinkedHashMap<>();
    List<Contribute> contributions = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof Project p) {
        newest.merge(
            p.snapshot().orderId(), p.snapshot(), (a, b) -> a.sequence() >= b.sequence() ? a : b);
      } else if (step instanceof React r) {
        effects
            .computeIfAbsent(r.write().collection(), c -> new ArrayList<>())
            .add(r.write().write());
      } else if (step instanceof Contribute c) {
        contributions.add(c);
      }
    }
    if (!newest.isEmpty()) {
      List<UpdateOneModel<Document>> projections =
          newest.values().stream().map(orders::projection).toList();
      int changed = IdempotentWrites.apply(orders.collection(), projections);
      applied.increment(changed);
      stale.increment(steps.stream().filter(Project.class::isInstance).count() - changed);
    }
    effects.forEach(
        (collection, writes) -> {
          MongoCollection<Document> target = database.getCollection(collection);
          IdempotentWrites.apply(target, writes);
        });
    if (!contributions.isEmpty()) {
      notes.offer(
          contributions.stream().map(c -> new OrderNotes.Offer(c.eventId(), c.note())).toList());
    }
  }
}
