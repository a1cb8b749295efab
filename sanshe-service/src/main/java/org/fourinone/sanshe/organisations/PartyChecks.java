package org.fourinone.sanshe.organisations;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.UpdateOneModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.fourinone.kit.consumer.EventBatch;
import org.fourinone.kit.consumer.IdempotentWrites;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * 党建体检 from the party system ({@code org.fourinone.party.organisation-check.reported.v1}): kept in
 * the registry beside the year's 年检, where the star rating reads it. A report is applied only if
 * newer than the one held (its sequence), so a redelivered or reordered event changes nothing; a
 * report for an organisation the registry does not know changes nothing either.
 */
@Component
class PartyChecks {

  static final String REPORTED = "org.fourinone.party.organisation-check.reported.v1";

  private final Organisations organisations;

  PartyChecks(Organisations organisations) {
    this.organisations = organisations;
  }

  @KafkaListener(
      id = "party-checks",
      topics = "${fourinone.topics.organisation-checks}",
      groupId = "${spring.application.name}.party-checks",
      batch = "true")
  public void on(List<ConsumerRecord<String, byte[]>> records) {
    EventBatch.process(
        records,
        this::writesFor,
        writes -> IdempotentWrites.apply(organisations.collection(), writes));
  }

  List<UpdateOneModel<Document>> writesFor(EventEnvelope event) {
    if (!REPORTED.equals(event.type())) {
      return List.of(); // a type it does not handle: skipped on purpose
    }
    Document data;
    try {
      data = Document.parse(new String(event.data(), StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new PoisonEventException("event " + event.id() + " has unreadable data", e);
    }
    String organisationId = data.getString("organisationId");
    Integer year = data.getInteger("year");
    Boolean hasBranch = data.getBoolean("hasBranch");
    if (organisationId == null || year == null || hasBranch == null) {
      throw new PoisonEventException(
          "party check " + event.id() + " lacks organisation, year or branch");
    }
    String path = "inspections." + year + ".partyCheck";
    Document check =
        new Document("hasBranch", hasBranch)
            .append("branchName", data.getString("branchName"))
            .append("activities", data.getInteger("activities", 0))
            .append("by", data.getString("reportedBy"))
            .append("at", data.getString("reportedAt"))
            .append("source", "party-system")
            .append("sequence", event.sequence());
    return List.of(
        new UpdateOneModel<>(
            and(
                eq("_id", organisationId),
                or(exists(path + ".sequence", false), lt(path + ".sequence", event.sequence()))),
            new Document("$set", new Document(path, check))));
  }
}
