package org.fourinone.kit.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps this system's view of the other systems' orders: every order event carries the whole
 * snapshot, applied only if its sequence is newer than the one held. Unknown event types are
 * skipped on purpose and counted; unreadable records go to the dead-letter topic.
 */
public class OrderProjector {

  private static final Logger log = LoggerFactory.getLogger(OrderProjector.class);
  private final Orders orders;
  private final Counter applied;
  private final Counter stale;
  private final Counter skipped;

  public OrderProjector(Orders orders, MeterRegistry meters) {
    this.orders = orders;
    this.applied = meters.counter("orders.projection", "outcome", "applied");
    this.stale = meters.counter("orders.projection", "outcome", "stale");
    this.skipped = meters.counter("orders.projection", "outcome", "skipped");
  }

  @KafkaListener(
      id = "order-projector",
      topics = "${fourinone.topics.orders}",
      groupId = "${spring.application.name}.orders")
  public void on(ConsumerRecord<String, byte[]> record) {
    EventEnvelope event = CloudEventCodec.fromRecord(record);
    if (OrderAction.ofEventType(event.type()).isEmpty()) {
      skipped.increment();
      log.info("skipping event {} of unknown type {}", event.id(), event.type());
      return;
    }
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
        || snapshot.timeline() == null
        || snapshot.createdAt() == null) {
      throw new PoisonEventException("order event " + event.id() + " does not match its envelope");
    }
    if (orders.project(snapshot)) {
      applied.increment();
      log.info("order {} now at sequence {} ({}) from {}", snapshot.orderId(), snapshot.sequence(), snapshot.status(), snapshot.originSystem());
    } else {
      stale.increment();
    }
  }
}
