package org.fourinone.order.residents;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.fourinone.kit.consumer.EventBatch;
import org.fourinone.kit.consumer.IdempotentWrites;
import org.fourinone.kit.consumer.SequencedUpsert;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.fourinone.order.OrderEvents;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The reference data a system other than public-service keeps: residents and communities, fed by
 * public-service's events a poll at a time, with only the fields it needs (never a clear ID number
 * or phone).
 */
public class ReferenceReplica implements ResidentDirectory {

  static final List<String> RESIDENT_FIELDS =
      List.of("name", "communityId", "streetId", "idNumberMasked", "phoneMasked");
  static final List<String> COMMUNITY_FIELDS =
      List.of("name", "streetId", "streetName", "district", "address", "officePhone", "location");

  private final MongoCollection<Document> residents;
  private final MongoCollection<Document> communities;
  private final MeterRegistry meters;

  public ReferenceReplica(MongoDatabase database, MeterRegistry meters) {
    this.residents = database.getCollection("residents");
    this.communities = database.getCollection("communities");
    this.meters = meters;
  }

  @Override
  public Optional<ResidentSummary> find(String residentId) {
    return Optional.ofNullable(residents.find(eq("_id", residentId)).first())
        .map(d -> ResidentSummary.of(residentId, d));
  }

  /** The resident's replicated fields: name, community, street, masked ID number and phone. */
  public Optional<Document> resident(String residentId) {
    return Optional.ofNullable(residents.find(eq("_id", residentId)).first());
  }

  /**
   * A community the replica knows, from its in-memory copy (a district's geography changes a few
   * times a year; dispatch and matching read it for every order); one not in the copy is looked up
   * in the store, so that a community registered since is never missed.
   */
  public Optional<Document> community(String communityId) {
    Document known = geography().byId().get(communityId);
    if (known != null) {
      return Optional.of(new Document(known));
    }
    Document stored = communities.find(eq("_id", communityId)).first();
    if (stored != null) {
      geography = null; // newer than the copy: read it again next time
    }
    return Optional.ofNullable(stored);
  }

  /**
   * Every community the replica knows (a district has hundreds), each a copy of its replicated
   * fields.
   */
  public List<Document> communities() {
    return geography().byId().values().stream().map(Document::new).toList();
  }

  /**
   * The replica's communities in memory, read again after {@link #GEOGRAPHY_AGE} (another instance
   * of this system may have applied the event) or as soon as this one applies one.
   */
  private record Geography(long readAt, Map<String, Document> byId) {}

  static final Duration GEOGRAPHY_AGE = Duration.ofSeconds(30);

  private volatile Geography geography;

  private Geography geography() {
    Geography current = geography;
    long now = System.nanoTime();
    if (current == null || now - current.readAt() > GEOGRAPHY_AGE.toNanos()) {
      Map<String, Document> byId = new LinkedHashMap<>();
      for (Document c : communities.find()) {
        byId.put(c.getString("_id"), c);
      }
      current = new Geography(now, Collections.unmodifiableMap(byId));
      geography = current;
    }
    return current;
  }

  /** The street of a community the replica knows. */
  public Optional<String> streetOf(String communityId) {
    return community(communityId).map(c -> c.getString("streetId"));
  }

  /** How many communities of the street the replica knows (0: an unknown street). */
  public long communitiesOf(String streetId) {
    long known =
        geography().byId().values().stream()
            .filter(c -> streetId.equals(c.getString("streetId")))
            .count();
    return known > 0 ? known : communities.countDocuments(eq("streetId", streetId));
  }

  @KafkaListener(
      id = "resident-replica",
      topics = "${fourinone.topics.residents}",
      groupId = "${spring.application.name}.residents",
      batch = "true")
  public void onResidents(List<ConsumerRecord<String, byte[]>> records) {
    apply(records, OrderEvents.RESIDENT_REGISTERED, residents, RESIDENT_FIELDS);
  }

  @KafkaListener(
      id = "community-replica",
      topics = "${fourinone.topics.geography}",
      groupId = "${spring.application.name}.geography",
      batch = "true")
  public void onCommunities(List<ConsumerRecord<String, byte[]>> records) {
    apply(records, OrderEvents.COMMUNITY_REGISTERED, communities, COMMUNITY_FIELDS);
    geography = null;
  }

  private void apply(
      List<ConsumerRecord<String, byte[]>> records,
      String expectedType,
      MongoCollection<Document> collection,
      List<String> fields) {
    EventBatch.<UpdateOneModel<Document>>process(
        records,
        event -> decode(event, expectedType, fields),
        writes -> {
          int applied = IdempotentWrites.apply(collection, writes);
          meters.counter("reference.replica", "outcome", "applied").increment(applied);
          meters
              .counter("reference.replica", "outcome", "stale")
              .increment(writes.size() - applied);
        });
  }

  private List<UpdateOneModel<Document>> decode(
      EventEnvelope event, String expectedType, List<String> fields) {
    if (!expectedType.equals(event.type())) {
      meters.counter("reference.replica", "outcome", "skipped").increment();
      return List.of();
    }
    Document data;
    try {
      data = Document.parse(new String(event.data(), StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new PoisonEventException("event " + event.id() + " has unreadable data", e);
    }
    Document kept = new Document();
    for (String field : fields) {
      if (data.containsKey(field)) {
        kept.put(field, data.get(field));
      }
    }
    return List.of(SequencedUpsert.ifNewer(event.subject(), event.sequence(), kept));
  }
}
