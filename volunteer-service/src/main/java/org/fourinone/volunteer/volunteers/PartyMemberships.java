package org.fourinone.volunteer.volunteers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.WriteModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.fourinone.kit.consumer.EventBatch;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * 党员身份 from the party system ({@code org.fourinone.party.membership.recorded.v1}): a volunteer who
 * is a resident of the registry is marked a confirmed party member of their branch — by event,
 * never by a call. A record is applied only if newer than the one held (its sequence), so a
 * redelivered or reordered event changes nothing.
 */
@Component
class PartyMemberships {

  static final String RECORDED = "org.fourinone.party.membership.recorded.v1";

  private final Volunteers volunteers;

  PartyMemberships(Volunteers volunteers) {
    this.volunteers = volunteers;
  }

  @KafkaListener(
      id = "party-memberships",
      topics = "${fourinone.topics.memberships}",
      groupId = "${spring.application.name}.party-memberships",
      batch = "true")
  public void on(List<ConsumerRecord<String, byte[]>> records) {
    EventBatch.<WriteModel<Document>>process(
        records,
        this::writesFor,
        writes -> {
          if (!writes.isEmpty()) {
            volunteers.collection().bulkWrite(writes);
          }
        });
  }

  List<WriteModel<Document>> writesFor(EventEnvelope event) {
    if (!RECORDED.equals(event.type())) {
      return List.of();
    }
    Document data;
    try {
      data = Document.parse(new String(event.data(), StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new PoisonEventException("event " + event.id() + " has unreadable data", e);
    }
    String residentId = data.getString("residentId");
    Boolean member = data.getBoolean("member");
    if (residentId == null || member == null) {
      throw new PoisonEventException("membership " + event.id() + " lacks resident or member");
    }
    Document party =
        new Document("declared", member)
            .append("confirmed", member)
            .append("branchId", data.getString("branchId"))
            .append("branchName", data.getString("branchName"))
            .append("sequence", event.sequence());
    return List.of(
        new UpdateManyModel<>(
            and(
                eq("residentId", residentId),
                or(
                    exists("partyMember.sequence", false),
                    lt("partyMember.sequence", event.sequence()))),
            new Document("$set", new Document("partyMember", party))));
  }
}
