package org.fourinone.volunteer.statistics;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.rollup.Counts;
import org.fourinone.kit.rollup.Rollup;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.volunteer.activities.Activities;
import org.fourinone.volunteer.matching.Needs;
import org.fourinone.volunteer.records.ServiceRecords;
import org.fourinone.volunteer.teams.Teams;
import org.fourinone.volunteer.volunteers.VolunteerStatus;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 志愿服务统计 of a community, a street or the district for a year: volunteers registered and active (and
 * party members among them), approved hours and records, needs met and the median time to a match,
 * teams by level, activities and sign-ups.
 *
 * <p>The two large parts come from per-community day buckets: the approved records and hours of the
 * year ({@link RecordStatistics}, by the service's end) and the needs of the year with their median
 * time to a match ({@link NeedStatistics}, by the need's creation) — the ended days from the
 * buckets, today and a partial day from the records, after a refresher pass so that a figure read
 * right after a change holds it. The rest are counts by the store through the scope's indexes: the
 * pending records (all time, and a pending record may have no end yet, so no bucket day), the
 * volunteers, teams and activities (smaller collections).
 */
public class VolunteerStatistics {

  private final MongoDatabase database;
  private final org.fourinone.order.residents.ReferenceReplica places;
  private final RecordStatistics records;
  private final NeedStatistics needs;
  private final ZoneId zone;

  public VolunteerStatistics(
      MongoDatabase database,
      org.fourinone.order.residents.ReferenceReplica places,
      RecordStatistics records,
      NeedStatistics needs,
      ZoneId zone) {
    this.database = database;
    this.places = places;
    this.records = records;
    this.needs = needs;
    this.zone = zone;
  }

  public record Scope(String communityId, String streetId, int year) {}

  public record Figures(
      Scope scope,
      long registered,
      long active,
      long partyMembers,
      Map<String, Long> volunteersByStatus,
      BigDecimal approvedHours,
      long approvedRecords,
      long pendingRecords,
      long needs,
      long needsMatched,
      long needsUnmatched,
      Long medianMinutesToMatch,
      Map<String, Long> teamsByLevel,
      long activities,
      long signups) {}

  /** The caller's scope: 400 naming both, 404 for another community or street. */
  public Scope scope(String communityId, String streetId, int year) {
    Actor caller = Actor.current();
    if (communityId != null && streetId != null) {
      throw Problem.badRequest("volunteer.one-scope").with("field", "streetId");
    }
    if (caller.has(Role.DISTRICT_ADMIN) || caller.has(Role.PARTNER_SYSTEM)) {
      return new Scope(communityId, streetId, year);
    }
    if (caller.has(Role.STREET_OFFICER)) {
      if (streetId == null && communityId == null) {
        return new Scope(null, caller.streetId(), year);
      }
      if (streetId != null && !streetId.equals(caller.streetId())) {
        throw Problem.notFound("volunteer.scope-not-found", streetId);
      }
      if (communityId != null
          && !places.streetOf(communityId).map(caller.streetId()::equals).orElse(false)) {
        throw Problem.notFound("volunteer.scope-not-found", communityId);
      }
      return new Scope(communityId, streetId, year);
    }
    if (caller.roles().stream().anyMatch(Volunteers.ORGANISERS::contains)
        && caller.communityId() != null) {
      if ((communityId != null && !communityId.equals(caller.communityId())) || streetId != null) {
        throw Problem.notFound(
            "volunteer.scope-not-found", communityId != null ? communityId : streetId);
      }
      return new Scope(caller.communityId(), null, year);
    }
    throw Problem.forbidden();
  }

  public Figures figures(Scope scope) {
    // records and needs from their buckets (ended days) and themselves (today): RecordStatistics,
    // NeedStatistics; the smaller collections counted here
    Instant from = java.time.LocalDate.of(scope.year(), 1, 1).atStartOfDay(zone).toInstant();
    Instant to = java.time.LocalDate.of(scope.year() + 1, 1, 1).atStartOfDay(zone).toInstant();
    Bson volunteersIn = where(scope, "communityIds", "streetIds");
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (VolunteerStatus status : VolunteerStatus.values()) {
      byStatus.put(
          status.name(),
          database
              .getCollection(Volunteers.COLLECTION)
              .countDocuments(and(volunteersIn, eq("status", status.name()))));
    }
    long registered = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long partyMembers =
        database
            .getCollection(Volunteers.COLLECTION)
            .countDocuments(and(volunteersIn, eq("partyMember.confirmed", true)));
    Bson bucketsIn = bucketScope(scope);
    Bson scopeIn = where(scope, "communityId", "streetId");
    Counts ofRecords = records.count(bucketsIn, scopeIn, from.toEpochMilli(), to.toEpochMilli());
    long approvedMinutes = RecordStatistics.approvedMinutes(ofRecords);
    long approvedRecords =
        ofRecords.get(RecordStatistics.BY_STATUS, ServiceRecords.Status.APPROVED.name());
    long pending =
        database
            .getCollection(ServiceRecords.COLLECTION)
            .countDocuments(and(scopeIn, eq("status", ServiceRecords.Status.PENDING.name())));
    Counts ofNeeds = needs.count(bucketsIn, scopeIn, from.toEpochMilli(), to.toEpochMilli());
    long allNeeds = ofNeeds.total(NeedStatistics.BY_STATE);
    long matched = ofNeeds.get(NeedStatistics.BY_STATE, Needs.State.MATCHED.name());
    long unmatched = ofNeeds.get(NeedStatistics.BY_STATE, Needs.State.UNMATCHED.name());
    Long median = NeedStatistics.medianMinutesToMatch(ofNeeds);
    Map<String, Long> teams = new LinkedHashMap<>();
    for (Teams.Level level : Teams.Level.values()) {
      Bson teamsIn =
          level == Teams.Level.DISTRICT ? new Document() : where(scope, "communityId", "streetId");
      teams.put(
          level.name(),
          database
              .getCollection(Teams.COLLECTION)
              .countDocuments(and(teamsIn, eq("level", level.name()))));
    }
    Bson activitiesIn =
        and(
            where(scope, "communityId", "streetId"),
            gte("firstStart", from.toString()),
            lt("firstStart", to.toString()));
    long activities = 0;
    long signups = 0;
    for (Document a :
        database
            .getCollection(Activities.COLLECTION)
            .find(activitiesIn)
            .projection(Projections.include("shifts.signups.volunteerId"))) {
      activities++;
      for (Document shift : a.getList("shifts", Document.class, List.of())) {
        signups += shift.getList("signups", Document.class, List.of()).size();
      }
    }
    return new Figures(
        scope,
        registered,
        byStatus.get(VolunteerStatus.ACTIVE.name()),
        partyMembers,
        byStatus,
        BigDecimal.valueOf(approvedMinutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN),
        approvedRecords,
        pending,
        allNeeds,
        matched,
        unmatched,
        median,
        teams,
        activities,
        signups);
  }

  /** The scope as a filter on the buckets: a community's, a street's communities', or all. */
  private static Bson bucketScope(Scope scope) {
    if (scope.communityId() != null) {
      return Rollup.scope(scope.communityId());
    }
    if (scope.streetId() != null) {
      return new Document("streetId", scope.streetId());
    }
    return new Document();
  }

  private static Bson where(Scope scope, String communityField, String streetField) {
    if (scope.communityId() != null) {
      return eq(communityField, scope.communityId());
    }
    if (scope.streetId() != null) {
      return eq(streetField, scope.streetId());
    }
    return new Document();
  }
}
