package org.fourinone.order.application;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.fourinone.kit.consumer.EventBatch;
import org.fourinone.kit.consumer.IdempotentWrites;
import org.fourinone.kit.consumer.Inbox;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.order.Order;
import org.fourinone.order.OrderEvents;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.spi.Reaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Timeline notes between systems, both ways. A system that reacts to another system's order with a
 * note writes it once per event (inbox) into its {@code order_notes} collection, with its event in
 * the same document's outbox; the relay publishes it on {@code community.order-contributions.v1}.
 * The order's origin consumes that topic and adds the note to the order (its only writer), once per
 * note; the order's next event carries it to all four systems.
 */
public class OrderNotes {

  public static final String COLLECTION = "order_notes";
  private static final Logger log = LoggerFactory.getLogger(OrderNotes.class);
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** A note offered for an order, caused by the event {@code eventId}. */
  public record Offer(String eventId, Reaction.Note note) {}

  /** The event's data: which order, from which system, what to add. */
  public record NoteContributed(
      String noteId,
      String orderId,
      OriginSystem originSystem,
      OriginSystem contributor,
      String effect,
      String text,
      Instant at) {}

  private final OriginSystem self;
  private final MongoCollection<Document> outgoing;
  private final OrderService service;
  private final Clock clock;
  private OutboxRelay relay;
  private final Counter added;
  private final Counter ignored;

  public OrderNotes(
      OriginSystem self,
      MongoCollection<Document> outgoing,
      OrderService service,
      Clock clock,
      MeterRegistry meters) {
    this.self = self;
    this.outgoing = outgoing;
    this.service = service;
    this.clock = clock;
    this.added = meters.counter("orders.notes", "outcome", "added");
    this.ignored = meters.counter("orders.notes", "outcome", "ignored");
  }

  public void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  /**
   * A note for an order's timeline from outside an event's reaction — a volunteer accepting a match
   * — once per {@code causeId}: this system's own order gets it at once, another system's through
   * its origin, the only writer of the order.
   */
  public void contribute(String causeId, Order order, String effect, String text) {
    if (order.originSystem() == self) {
      service.addOwnNote(
          Inbox.idOf(self.name() + ":" + effect, causeId),
          order.orderId(),
          self.serviceName(),
          text);
      return;
    }
    offer(List.of(new Offer(causeId, new Reaction.Note(order, effect, text))));
  }

  /**
   * Writes the notes once each (the note id is made of its effect and the causing event), then
   * publishes them.
   */
  void offer(List<Offer> offers) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<String> noteIds = new ArrayList<>();
    List<InsertOneModel<Document>> writes = new ArrayList<>();
    for (Offer offer : offers) {
      Reaction.Note note = offer.note();
      String noteId = Inbox.idOf(self.name() + ":" + note.effect(), offer.eventId());
      var data =
          new NoteContributed(
              noteId,
              note.order().orderId(),
              note.order().originSystem(),
              self,
              note.effect(),
              note.text(),
              now);
      Document entry =
          OutboxRelay.entry(
              UUID.randomUUID().toString(),
              OrderEvents.NOTE_CONTRIBUTED,
              1,
              now,
              JSON.writeValueAsString(data),
              null);
      noteIds.add(noteId);
      Document doc =
          new Document("orderId", data.orderId())
              .append("originSystem", data.originSystem().name())
              .append("effect", data.effect())
              .append("text", data.text())
              .append("at", now.toString())
              .append(OutboxRelay.FIELD, new ArrayList<>(List.of(entry)));
      writes.add(Inbox.insertOnce(self.name() + ":" + note.effect(), offer.eventId(), doc));
    }
    IdempotentWrites.apply(outgoing, writes);
    // only the notes still in their outbox are published here; the others went out before
    for (Document doc :
        outgoing.find(in("_id", noteIds)).projection(new Document(OutboxRelay.FIELD, 1))) {
      List<Document> pending = doc.getList(OutboxRelay.FIELD, Document.class);
      if (relay != null && pending != null && !pending.isEmpty()) {
        relay.publishAfterWrite(doc.getString("_id"), pending);
      }
    }
  }

  @KafkaListener(
      id = "order-notes",
      topics = "${fourinone.topics.order-contributions}",
      groupId = "${spring.application.name}.order-notes",
      batch = "true")
  public void on(List<ConsumerRecord<String, byte[]>> records) {
    EventBatch.process(records, this::noteFor, notes -> notes.forEach(this::add));
  }

  private List<NoteContributed> noteFor(EventEnvelope event) {
    if (!OrderEvents.NOTE_CONTRIBUTED.equals(event.type())) {
      ignored.increment();
      return List.of();
    }
    NoteContributed note;
    try {
      note =
          JSON.readValue(new String(event.data(), StandardCharsets.UTF_8), NoteContributed.class);
    } catch (RuntimeException e) {
      throw new PoisonEventException("note event " + event.id() + " has unreadable data", e);
    }
    if (note.noteId() == null
        || note.orderId() == null
        || note.originSystem() == null
        || note.contributor() == null
        || note.text() == null
        || note.text().isBlank()
        || note.text().length() > 500) {
      throw new PoisonEventException(
          "note event " + event.id() + " lacks its order, origin, contributor or text");
    }
    return note.originSystem() == self ? List.of(note) : List.of();
  }

  private void add(NoteContributed note) {
    String by = note.contributor().serviceName();
    if (service.addNote(note.noteId(), note.orderId(), by, note.text())) {
      added.increment();
    } else {
      ignored.increment();
      log.info(
          "note {} for order {} changed nothing (not ours, or there already)",
          note.noteId(),
          note.orderId());
    }
  }
}
