package org.fourinone.party.memberships;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.fourinone.kit.consumer.EventBatch;
import org.fourinone.kit.consumer.IdempotentWrites;
import org.fourinone.kit.consumer.Inbox;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * 党员志愿服务: the volunteer system's {@code hours.approved} events of party members, summed per
 * resident and year (once per event, by the inbox) — what the party branch counts of its members'
 * volunteering, beside their organisation life.
 */
public class MemberVolunteering {

  public static final String COLLECTION = "member_volunteering";
  static final String HOURS_APPROVED = "org.fourinone.volunteer.hours.approved.v1";
  private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

  private final MongoCollection<Document> volunteering;

  public MemberVolunteering(MongoDatabase database) {
    this.volunteering = database.getCollection(COLLECTION);
  }

  @KafkaListener(
      id = "member-volunteering",
      topics = "${fourinone.topics.volunteers}",
      groupId = "${spring.application.name}.member-volunteering",
      batch = "true")
  public void on(List<ConsumerRecord<String, byte[]>> records) {
    EventBatch.process(
        records, this::writesFor, writes -> IdempotentWrites.apply(volunteering, writes));
  }

  List<UpdateOneModel<Document>> writesFor(EventEnvelope event) {
    if (!HOURS_APPROVED.equals(event.type())) {
      return List.of(); // the volunteer system's other events: not counted here
    }
    Document data;
    try {
      data = Document.parse(new String(event.data(), StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new PoisonEventException("event " + event.id() + " has unreadable data", e);
    }
    if (!Boolean.TRUE.equals(data.getBoolean("partyMember"))
        || data.getString("residentId") == null) {
      return List.of();
    }
    Number minutes = data.get("minutes", Number.class);
    // the year of the service (its end; when it has none, its approval), in the district's zone
    String when =
        data.getString("end") != null ? data.getString("end") : data.getString("approvedAt");
    int year;
    try {
      year = java.time.Instant.parse(when).atZone(ZONE).getYear();
    } catch (RuntimeException e) {
      throw new PoisonEventException("hours event " + event.id() + " has no usable time", e);
    }
    if (minutes == null) {
      throw new PoisonEventException("hours event " + event.id() + " lacks minutes");
    }
    String id = data.getString("residentId") + ":" + year;
    return List.of(
        Inbox.updateOnce(
            eq("_id", id),
            new Document("$inc", new Document("minutes", minutes.longValue()).append("records", 1))
                .append(
                    "$set",
                    new Document("residentId", data.getString("residentId"))
                        .append("year", year)
                        .append("communityId", data.getString("communityId"))),
            event.id(),
            true));
  }

  public record Volunteering(String residentId, int year, double hours, long records) {}

  /** A member's volunteering in a year, for party staff and the district. */
  public Volunteering of(String residentId, int year) {
    Actor caller = Actor.current();
    if (!caller.hasAny(Role.PARTY_STAFF, Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    Document doc = volunteering.find(eq("_id", residentId + ":" + year)).first();
    if (doc == null) {
      return new Volunteering(residentId, year, 0, 0);
    }
    if (!caller.has(Role.DISTRICT_ADMIN)
        && !java.util.Objects.equals(doc.getString("communityId"), caller.communityId())) {
      throw Problem.notFound("party.membership-not-found", residentId);
    }
    return new Volunteering(
        residentId,
        year,
        doc.get("minutes", Number.class).longValue() / 60.0,
        doc.get("records", Number.class).longValue());
  }
}
