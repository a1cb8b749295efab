package org.fourinone.volunteer.teams;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 志愿者队伍: teams at three levels — the district association (区志愿者协会), street teams, community teams —
 * each attached to a community, a social organisation, a party branch or a partner unit (共建单位),
 * with leaders and members who join and leave (kept as a history). The level and place give the
 * team its scope: the district sees all, a street its street's, a community's staff their
 * community's; members and leaders see their own team.
 */
public class Teams {

  public static final String COLLECTION = "volunteer_teams";
  private static final int MAX_ATTEMPTS = 8;

  public enum Level {
    DISTRICT,
    STREET,
    COMMUNITY
  }

  public enum AttachedTo {
    COMMUNITY,
    ORGANISATION,
    PARTY_BRANCH,
    PARTNER_UNIT
  }

  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityId", "streetId", "attachedTo.id", null);

  private final MongoCollection<Document> teams;
  private final Volunteers volunteers;
  private final AuditTrail audit;
  private final Clock clock;

  public Teams(MongoDatabase database, Volunteers volunteers, AuditTrail audit, Clock clock) {
    this.teams = database.getCollection(COLLECTION);
    this.volunteers = volunteers;
    this.audit = audit;
    this.clock = clock;
    teams.createIndex(Indexes.ascending("members.volunteerId"), new IndexOptions().name("member"));
    teams.createIndex(Indexes.ascending("level", "streetId"), new IndexOptions().name("level"));
    // a community's teams (its figures, its list)
    teams.createIndex(
        Indexes.ascending("communityId", "level"), new IndexOptions().name("community_level"));
  }

  public MongoCollection<Document> collection() {
    return teams;
  }

  public TeamView create(TeamRequests.CreateTeamRequest r) {
    Actor caller = Actor.current();
    Level level = EnumValues.parse(Level.class, "level", r.level());
    AttachedTo attached =
        EnumValues.parse(AttachedTo.class, "attachedTo.kind", r.attachedTo().kind());
    String street = null;
    String community = null;
    switch (level) {
      case DISTRICT -> {
        if (!caller.has(Role.DISTRICT_ADMIN)) {
          throw Problem.forbidden();
        }
      }
      case STREET -> {
        street = required(r.streetId(), "streetId");
        if (!caller.has(Role.DISTRICT_ADMIN)
            && !(caller.has(Role.STREET_OFFICER) && street.equals(caller.streetId()))) {
          throw Problem.forbidden();
        }
      }
      case COMMUNITY -> {
        community = required(r.communityId(), "communityId");
        street = volunteers.streetOf(community, "communityId");
        if (!Volunteers.mayOrganise(caller, community, street)) {
          throw Problem.forbidden();
        }
      }
    }
    if (r.parentTeamId() != null) {
      Document parent = teams.find(eq("_id", r.parentTeamId())).first();
      Level expected = level == Level.COMMUNITY ? Level.STREET : Level.DISTRICT;
      if (parent == null
          || level == Level.DISTRICT
          || !expected.name().equals(parent.getString("level"))
          || (expected == Level.STREET && !parent.getString("streetId").equals(street))) {
        throw Problem.unprocessable("volunteer.team-parent-invalid", r.parentTeamId(), level)
            .with("field", "parentTeamId");
      }
    }
    Instant now = now();
    Document doc =
        new Document("_id", "T-" + RandomIds.chars(8))
            .append("name", r.name().trim())
            .append("level", level.name())
            .append("parentTeamId", r.parentTeamId())
            .append(
                "attachedTo",
                new Document("kind", attached.name())
                    .append("id", r.attachedTo().id())
                    .append("name", r.attachedTo().name()))
            .append("streetId", street)
            .append("communityId", community)
            .append("members", new ArrayList<Document>())
            .append("history", new ArrayList<Document>())
            .append("createdBy", caller.subject())
            .append("createdAt", now.toString())
            .append("sequence", 1L);
    teams.insertOne(doc);
    audit.record("TEAM_CREATED", "team", doc.getString("_id"), Outcome.SUCCESS, r.name());
    return TeamView.of(doc);
  }

  public TeamView read(String teamId) {
    return TeamView.of(visible(teamId));
  }

  public PageOf<TeamView> list(
      String level, String communityId, String volunteerId, int page, int size) {
    Actor caller = Actor.current();
    List<Bson> filter = new ArrayList<>();
    boolean own =
        volunteerId != null
            && volunteers
                .ofAccount(caller.subject())
                .map(v -> v.getString("_id").equals(volunteerId))
                .orElse(false);
    if (own) {
      filter.add(eq("members.volunteerId", volunteerId));
    } else {
      if (caller.roles().stream().noneMatch(Volunteers.ORGANISERS::contains)
          && !caller.hasAny(Role.ORGANISATION_STAFF, Role.PARTNER_SYSTEM)) {
        throw Problem.forbidden();
      }
      filter.add(
          caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)
              ? new Document()
              : TERRITORY.of(caller));
      if (volunteerId != null) {
        filter.add(eq("members.volunteerId", volunteerId));
      }
    }
    if (level != null) {
      filter.add(eq("level", EnumValues.parse(Level.class, "level", level).name()));
    }
    if (communityId != null) {
      filter.add(eq("communityId", communityId));
    }
    Bson all = and(filter);
    long total = teams.countDocuments(all);
    List<TeamView> items = new ArrayList<>();
    for (Document doc :
        teams.find(all).sort(Sorts.ascending("level", "name")).skip(page * size).limit(size)) {
      items.add(TeamView.of(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  /** 加入队伍: a volunteer themself, or an organiser or leader adding one; leaders by organisers. */
  public TeamView join(String teamId, String volunteerId, boolean leader) {
    Actor caller = Actor.current();
    Document team = visibleOrMember(teamId, caller);
    Document volunteer = volunteers.requireActive(volunteerId, "volunteerId");
    boolean self = Volunteers.isSelf(caller, volunteer);
    boolean organiser = organises(caller, team);
    if (!organiser && !(self && !leader) && !(leads(caller, team) && !leader)) {
      throw Problem.forbidden();
    }
    return change(
        teamId,
        doc -> {
          List<Document> members = new ArrayList<>(doc.getList("members", Document.class));
          members.removeIf(m -> m.getString("volunteerId").equals(volunteerId));
          members.add(
              new Document("volunteerId", volunteerId)
                  .append("name", volunteer.getString("name"))
                  .append("leader", leader)
                  .append("joinedAt", now().toString()));
          doc.put("members", members);
          history(doc, volunteerId, leader ? "LEADER" : "JOINED", caller.subject());
        });
  }

  /** 退出队伍: the volunteer themself, a leader, an organiser. */
  public TeamView leave(String teamId, String volunteerId) {
    Actor caller = Actor.current();
    Document team = visibleOrMember(teamId, caller);
    boolean self =
        volunteers.find(volunteerId).map(v -> Volunteers.isSelf(caller, v)).orElse(false);
    if (!self && !organises(caller, team) && !leads(caller, team)) {
      throw Problem.forbidden();
    }
    return change(
        teamId,
        doc -> {
          List<Document> members = new ArrayList<>(doc.getList("members", Document.class));
          if (!members.removeIf(m -> m.getString("volunteerId").equals(volunteerId))) {
            throw Problem.notFound("volunteer.not-a-member", volunteerId, teamId);
          }
          doc.put("members", members);
          history(doc, volunteerId, "LEFT", caller.subject());
        });
  }

  private void history(Document doc, String volunteerId, String action, String by) {
    List<Document> history = new ArrayList<>(doc.getList("history", Document.class));
    history.add(
        new Document("volunteerId", volunteerId)
            .append("action", action)
            .append("at", now().toString())
            .append("by", by));
    doc.put("history", history);
  }

  interface Change {
    void apply(Document doc);
  }

  private TeamView change(String teamId, Change change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current = teams.find(eq("_id", teamId)).first();
      long sequence = current.get("sequence", Number.class).longValue();
      Document next = new Document(current);
      change.apply(next);
      next.put("sequence", sequence + 1);
      Document fields = new Document(next);
      fields.remove("_id");
      if (teams
              .updateOne(
                  and(eq("_id", teamId), eq("sequence", sequence)), new Document("$set", fields))
              .getModifiedCount()
          == 1) {
        audit.record("TEAM_CHANGED", "team", teamId, Outcome.SUCCESS, null);
        return TeamView.of(next);
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", teamId);
  }

  private Document visible(String teamId) {
    return visibleOrMember(teamId, Actor.current());
  }

  private Document visibleOrMember(String teamId, Actor caller) {
    Document team = teams.find(eq("_id", teamId)).first();
    if (team != null
        && (organises(caller, team)
            || member(caller, team)
            || sees(caller, team)
            || servesItsPlace(caller, team))) {
      return team;
    }
    throw Problem.notFound("volunteer.team-not-found", teamId);
  }

  /** A volunteer serving the team's community (or street; any, for the district's) may join. */
  private boolean servesItsPlace(Actor caller, Document team) {
    return volunteers
        .ofAccount(caller.subject())
        .map(
            v ->
                Level.DISTRICT.name().equals(team.getString("level"))
                    || (team.getString("communityId") != null
                        && v.getList("communityIds", String.class, List.of())
                            .contains(team.getString("communityId")))
                    || (Level.STREET.name().equals(team.getString("level"))
                        && v.getList("streetIds", String.class, List.of())
                            .contains(team.getString("streetId"))))
        .orElse(false);
  }

  private static boolean sees(Actor caller, Document team) {
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      return true;
    }
    if (caller.has(Role.STREET_OFFICER)
        && caller.streetId() != null
        && caller.streetId().equals(team.getString("streetId"))) {
      return true;
    }
    Document attached = team.get("attachedTo", Document.class);
    return caller.has(Role.ORGANISATION_STAFF)
        && caller.organisationId() != null
        && caller.organisationId().equals(attached.getString("id"));
  }

  private static boolean organises(Actor caller, Document team) {
    String level = team.getString("level");
    if (Level.DISTRICT.name().equals(level)) {
      return caller.has(Role.DISTRICT_ADMIN);
    }
    if (Level.STREET.name().equals(level)) {
      return caller.has(Role.DISTRICT_ADMIN)
          || (caller.has(Role.STREET_OFFICER)
              && team.getString("streetId").equals(caller.streetId()));
    }
    return Volunteers.mayOrganise(
        caller, team.getString("communityId"), team.getString("streetId"));
  }

  private boolean member(Actor caller, Document team) {
    return volunteers
        .ofAccount(caller.subject())
        .map(
            v ->
                team.getList("members", Document.class).stream()
                    .anyMatch(m -> m.getString("volunteerId").equals(v.getString("_id"))))
        .orElse(false);
  }

  private boolean leads(Actor caller, Document team) {
    return volunteers
        .ofAccount(caller.subject())
        .map(
            v ->
                team.getList("members", Document.class).stream()
                    .anyMatch(
                        m ->
                            m.getString("volunteerId").equals(v.getString("_id"))
                                && m.getBoolean("leader", false)))
        .orElse(false);
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw Problem.badRequest("request.field-required", field).with("field", field);
    }
    return value;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
