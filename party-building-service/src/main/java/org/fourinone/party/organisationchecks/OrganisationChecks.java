package org.fourinone.party.organisationchecks;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

/**
 * 党建体检 (the "三三三" method's third synchronisation, with the annual inspection): the party system
 * reports, per social organisation and year, whether it has a party organisation (branch) and how
 * many activities it held. One document per organisation and year; every report is a new state of
 * it with its event in the same write, on {@code party.organisation-checks.v1}, which 三社联动 reads
 * into its registry (beside the 年检) and its star rating.
 */
public class OrganisationChecks {

  public static final String COLLECTION = "organisation_checks";
  public static final String REPORTED = "org.fourinone.party.organisation-check.reported.v1";
  private static final int MAX_ATTEMPTS = 5;

  private final MongoCollection<Document> checks;
  private final AuditTrail audit;
  private final ZoneId zone;
  private final Clock clock;
  private OutboxRelay relay;

  public OrganisationChecks(MongoDatabase database, AuditTrail audit, ZoneId zone, Clock clock) {
    this.checks = database.getCollection(COLLECTION);
    this.audit = audit;
    this.zone = zone;
    this.clock = clock;
  }

  MongoCollection<Document> collection() {
    return checks;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  public record CheckView(
      String checkId,
      String organisationId,
      int year,
      boolean hasBranch,
      String branchName,
      int activities,
      String note,
      String reportedBy,
      String reportedAt,
      long sequence) {

    static CheckView of(Document d) {
      return new CheckView(
          d.getString("_id"),
          d.getString("organisationId"),
          d.getInteger("year"),
          d.getBoolean("hasBranch"),
          d.getString("branchName"),
          d.getInteger("activities"),
          d.getString("note"),
          d.getString("reportedBy"),
          d.getString("reportedAt"),
          d.get("sequence", Number.class).longValue());
    }
  }

  /** Party staff and the district report the check-up of an organisation for a year. */
  public CheckView report(
      String organisationId,
      int year,
      boolean hasBranch,
      String branchName,
      int activities,
      String note) {
    Actor caller = Actor.current();
    if (!caller.hasAny(Role.PARTY_STAFF, Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    if (year > clock.instant().atZone(zone).getYear()) {
      throw Problem.badRequest("party.year-in-future", year).with("field", "year");
    }
    if (!hasBranch && branchName != null && !branchName.isBlank()) {
      throw Problem.badRequest("party.branch-name-without-branch").with("field", "branchName");
    }
    String id = organisationId + ":" + year;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document held = checks.find(eq("_id", id)).first();
      long sequence = held == null ? 1 : held.get("sequence", Number.class).longValue() + 1;
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      Document state =
          new Document("organisationId", organisationId)
              .append("year", year)
              .append("hasBranch", hasBranch)
              .append("branchName", hasBranch ? branchName : null)
              .append("activities", activities)
              .append("note", note)
              .append("reportedBy", caller.subject())
              .append("reportedAt", now.toString())
              .append("sequence", sequence);
      Document data = new Document("checkId", id);
      data.putAll(state);
      Document event =
          OutboxRelay.entry(
              UUID.randomUUID().toString(), REPORTED, sequence, now, BsonJson.write(data), null);
      boolean written;
      if (held == null) {
        Document doc = new Document("_id", id);
        doc.putAll(state);
        written = relay.insert(doc, List.of(event));
      } else {
        written =
            relay.update(
                id,
                and(eq("_id", id), eq("sequence", sequence - 1)),
                new Document("$set", state),
                List.of(event));
      }
      if (written) {
        audit.record(
            "ORGANISATION_CHECK_REPORTED",
            "organisation-check",
            id,
            Outcome.SUCCESS,
            "" + hasBranch);
        Document doc = new Document("_id", id);
        doc.putAll(state);
        return CheckView.of(doc);
      }
    }
    throw Problem.conflict("party.concurrent-change", id);
  }

  public List<CheckView> of(String organisationId) {
    Actor caller = Actor.current();
    if (!caller.hasAny(Role.PARTY_STAFF, Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      throw Problem.forbidden();
    }
    List<CheckView> all = new ArrayList<>();
    for (Document d :
        checks.find(eq("organisationId", organisationId)).sort(Sorts.descending("year"))) {
      all.add(CheckView.of(d));
    }
    return all;
  }
}
