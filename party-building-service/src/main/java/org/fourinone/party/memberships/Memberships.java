package org.fourinone.party.memberships;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.residents.ReferenceReplica;

/**
 * 党员身份: the party system says which residents are party members of which branch, by event on {@code
 * party.memberships.v1} — the volunteer system links its volunteers to it without a call. One
 * document per resident; every record is a new state with its event in the same write. It also
 * counts party members' volunteering from the volunteer system's {@code hours.approved} events
 * ({@link MemberVolunteering}).
 */
public class Memberships {

  public static final String COLLECTION = "memberships";
  public static final String RECORDED = "org.fourinone.party.membership.recorded.v1";
  private static final int MAX_ATTEMPTS = 5;

  private final MongoCollection<Document> memberships;
  private final ReferenceReplica residents;
  private final AuditTrail audit;
  private final Clock clock;
  private OutboxRelay relay;

  public Memberships(
      MongoDatabase database, ReferenceReplica residents, AuditTrail audit, Clock clock) {
    this.memberships = database.getCollection(COLLECTION);
    this.residents = residents;
    this.audit = audit;
    this.clock = clock;
  }

  MongoCollection<Document> collection() {
    return memberships;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  public record MembershipView(
      String residentId,
      boolean member,
      String branchId,
      String branchName,
      String recordedBy,
      String recordedAt,
      long sequence) {

    static MembershipView of(Document d) {
      return new MembershipView(
          d.getString("_id"),
          d.getBoolean("member"),
          d.getString("branchId"),
          d.getString("branchName"),
          d.getString("recordedBy"),
          d.getString("recordedAt"),
          d.get("sequence", Number.class).longValue());
    }
  }

  /** Party staff of the resident's community, or the district, record a resident's membership. */
  public MembershipView record(
      String residentId, boolean member, String branchId, String branchName) {
    Actor caller = Actor.current();
    if (!caller.hasAny(Role.PARTY_STAFF, Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    var resident =
        residents
            .find(residentId)
            .orElseThrow(
                () ->
                    Problem.unprocessable("party.unknown-resident", residentId)
                        .with("field", "residentId"));
    if (!caller.has(Role.DISTRICT_ADMIN) && !resident.communityId().equals(caller.communityId())) {
      throw Problem.unprocessable("party.unknown-resident", residentId).with("field", "residentId");
    }
    if (member && (branchId == null || branchId.isBlank())) {
      throw Problem.badRequest("request.field-required", "branchId").with("field", "branchId");
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document held = memberships.find(eq("_id", residentId)).first();
      long sequence = held == null ? 1 : held.get("sequence", Number.class).longValue() + 1;
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      Document state =
          new Document("member", member)
              .append("branchId", member ? branchId : null)
              .append("branchName", member ? branchName : null)
              .append("communityId", resident.communityId())
              .append("recordedBy", caller.subject())
              .append("recordedAt", now.toString())
              .append("sequence", sequence);
      Document data = new Document("residentId", residentId);
      data.putAll(state);
      Document event =
          OutboxRelay.entry(
              UUID.randomUUID().toString(), RECORDED, sequence, now, BsonJson.write(data), null);
      boolean written;
      if (held == null) {
        Document doc = new Document("_id", residentId);
        doc.putAll(state);
        written = relay.insert(doc, List.of(event));
      } else {
        written =
            relay.update(
                residentId,
                and(eq("_id", residentId), eq("sequence", sequence - 1)),
                new Document("$set", state),
                List.of(event));
      }
      if (written) {
        audit.record(
            "MEMBERSHIP_RECORDED",
            "membership",
            residentId,
            Outcome.SUCCESS,
            member + " " + branchId);
        return MembershipView.of(memberships.find(eq("_id", residentId)).first());
      }
    }
    throw Problem.conflict("party.concurrent-change", residentId);
  }
}
