package org.fourinone.sanshe.evaluation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.sanshe.organisations.OrganisationStatus;
import org.fourinone.sanshe.organisations.Organisations;

/**
 * The yearly evaluation round (星级评定): the community recommends (with its marks for community
 * influence and the activities held) → the street's preliminary review → the district's review,
 * when every recommended organisation the street passed is scored from what was measured (orders
 * fulfilled and their 好差评, people served), the party check-up and the recommendations → public
 * notice (公示) → publication, which gives each organisation its stars. Organisations below the
 * elimination score in this and the previous rounds are proposed for elimination (淘汰机制); the
 * district's decision records who decided and why.
 */
public class EvaluationRounds {

  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  static final String ROUNDS = "evaluation_rounds";
  static final String ENTRIES = "evaluation_entries";

  /** The stages of a round, in order. */
  public enum Stage {
    RECOMMENDATION,
    STREET_REVIEW,
    DISTRICT_REVIEW,
    PUBLIC_NOTICE,
    PUBLISHED;

    Stage next() {
      return this == PUBLISHED ? null : values()[ordinal() + 1];
    }
  }

  private final MongoDatabase database;
  private final MongoCollection<Document> rounds;
  private final MongoCollection<Document> entries;
  private final Organisations organisations;
  private final EvaluationRules rules;
  private final AuditTrail audit;
  private final Duration notice;
  private final ZoneId zone;
  private final Clock clock;

  public EvaluationRounds(
      MongoDatabase database,
      Organisations organisations,
      EvaluationRules rules,
      AuditTrail audit,
      Duration notice,
      ZoneId zone,
      Clock clock) {
    this.database = database;
    this.rounds = database.getCollection(ROUNDS);
    this.entries = database.getCollection(ENTRIES);
    this.organisations = organisations;
    this.rules = rules;
    this.audit = audit;
    this.notice = notice;
    this.zone = zone;
    this.clock = clock;
    entries.createIndex(
        Indexes.ascending("roundId", "organisationId"), new IndexOptions().name("round_entries"));
    entries.createIndex(
        Indexes.ascending("organisationId", "year"), new IndexOptions().name("organisation_years"));
  }

  public static String idOf(int year) {
    return "EVAL-" + year;
  }

  /** Opens the round of a year (区民政). */
  public RoundView open(int year) {
    Actor caller = requireDistrict();
    int thisYear = clock.instant().atZone(zone).getYear();
    if (year > thisYear || year < thisYear - 5) {
      throw Problem.badRequest("sanshe.round-year-invalid", year).with("field", "year");
    }
    Instant now = now();
    Document round =
        new Document("_id", idOf(year))
            .append("year", year)
            .append("stage", Stage.RECOMMENDATION.name())
            .append("openedAt", now.toString())
            .append("openedBy", caller.subject())
            .append("stages", List.of(stageEntry(Stage.RECOMMENDATION, caller, now)));
    try {
      rounds.insertOne(round);
    } catch (com.mongodb.MongoWriteException e) {
      if (e.getError().getCategory() == com.mongodb.ErrorCategory.DUPLICATE_KEY) {
        throw Problem.conflict("sanshe.round-exists", year).with("roundId", idOf(year));
      }
      throw e;
    }
    audit.record("EVALUATION_OPENED", "evaluation-round", idOf(year), Outcome.SUCCESS, null);
    return read(idOf(year));
  }

  /** 社区推荐: a community recommends an organisation that serves it. */
  public EntryView recommend(
      String roundId, String organisationId, int influence, int activitiesHeld, String note) {
    Actor caller = Actor.current();
    if (!caller.has(Role.COMMUNITY_WORKER) || caller.communityId() == null) {
      throw Problem.forbidden();
    }
    Document round = round(roundId);
    requireStage(round, Stage.RECOMMENDATION);
    Document organisation =
        organisations
            .find(organisationId)
            .filter(
                o ->
                    o.getList("communityIds", String.class, List.of())
                        .contains(caller.communityId()))
            .orElseThrow(() -> Problem.notFound("sanshe.organisation-not-found", organisationId));
    if (!OrganisationStatus.ACTIVE.name().equals(organisation.getString("status"))) {
      throw Problem.unprocessable(
          "sanshe.organisation-not-active",
          organisation.getString("name"),
          organisation.getString("status"));
    }
    String entryId = roundId + ":" + organisationId;
    Document recommendation =
        new Document("communityId", caller.communityId())
            .append("by", caller.subject())
            .append("influence", influence)
            .append("activitiesHeld", activitiesHeld)
            .append("note", note)
            .append("at", now().toString());
    Document onInsert =
        new Document("roundId", roundId)
            .append("year", round.getInteger("year"))
            .append("organisationId", organisationId)
            .append("organisationName", organisation.getString("name"))
            .append("streetIds", organisation.getList("streetIds", String.class))
            .append("communityIds", organisation.getList("communityIds", String.class))
            .append("status", "RECOMMENDED");
    try {
      var result =
          entries.updateOne(
              and(eq("_id", entryId), ne("recommendations.communityId", caller.communityId())),
              new Document("$setOnInsert", onInsert)
                  .append("$push", new Document("recommendations", recommendation)),
              new UpdateOptions().upsert(true));
      if (result.getMatchedCount() == 0 && result.getUpsertedId() == null) {
        throw Problem.conflict("sanshe.already-recommended", organisationId);
      }
    } catch (com.mongodb.MongoWriteException e) {
      if (e.getError().getCategory() == com.mongodb.ErrorCategory.DUPLICATE_KEY) {
        throw Problem.conflict("sanshe.already-recommended", organisationId);
      }
      throw e;
    }
    audit.record(
        "EVALUATION_RECOMMENDED",
        "evaluation-entry",
        entryId,
        Outcome.SUCCESS,
        caller.communityId());
    return entry(entryId);
  }

  /** 街道初审: the street passes or rejects a recommended organisation of its street. */
  public EntryView streetReview(
      String roundId, String organisationId, boolean approved, String note) {
    Actor caller = Actor.current();
    if (!caller.has(Role.STREET_OFFICER) || caller.streetId() == null) {
      throw Problem.forbidden();
    }
    requireStage(round(roundId), Stage.STREET_REVIEW);
    return review(
        caller,
        roundId,
        organisationId,
        e -> e.getList("streetIds", String.class).contains(caller.streetId()),
        "street",
        approved,
        note);
  }

  /** 区级复核: the district confirms or sets aside a scored entry before the notice. */
  public EntryView districtReview(
      String roundId, String organisationId, boolean approved, String note) {
    Actor caller = requireDistrict();
    requireStage(round(roundId), Stage.DISTRICT_REVIEW);
    return review(
        caller, roundId, organisationId, e -> e.get("score") != null, "district", approved, note);
  }

  /** A review of an entry the reviewer may act on: who, when, passed or not, why. */
  private EntryView review(
      Actor caller,
      String roundId,
      String organisationId,
      java.util.function.Predicate<Document> reviewable,
      String level,
      boolean approved,
      String note) {
    String entryId = roundId + ":" + organisationId;
    Optional.ofNullable(entries.find(eq("_id", entryId)).first())
        .filter(reviewable)
        .orElseThrow(() -> Problem.notFound("sanshe.entry-not-found", organisationId));
    String prefix = level.toUpperCase(java.util.Locale.ROOT);
    entries.updateOne(
        eq("_id", entryId),
        new Document(
            "$set",
            new Document("status", prefix + (approved ? "_PASSED" : "_REJECTED"))
                .append(
                    level,
                    new Document("approved", approved)
                        .append("by", caller.subject())
                        .append("note", note)
                        .append("at", now().toString()))));
    audit.record(
        "EVALUATION_" + prefix + "_REVIEWED",
        "evaluation-entry",
        entryId,
        Outcome.SUCCESS,
        "" + approved);
    return entry(entryId);
  }

  /**
   * Moves the round to its next stage (区民政). Entering the district review scores every entry the
   * street passed; entering the notice sets its end; publishing gives the stars and proposes
   * eliminations.
   */
  public RoundView advance(String roundId, String to) {
    Actor caller = requireDistrict();
    Stage target = EnumValues.parse(Stage.class, "stage", to);
    Document round = round(roundId);
    Stage current = Stage.valueOf(round.getString("stage"));
    if (current.next() != target) {
      throw Problem.conflict("sanshe.round-stage", current, target)
          .with("currentStage", current)
          .with("next", current.next());
    }
    Instant now = now();
    Document set = new Document("stage", target.name());
    switch (target) {
      case DISTRICT_REVIEW -> scoreAll(round);
      case PUBLIC_NOTICE -> set.append("noticeUntil", now.plus(notice).toString());
      case PUBLISHED -> publish(round, caller);
      default -> {
        // the street's review needs nothing prepared
      }
    }
    var moved =
        rounds.updateOne(
            and(eq("_id", roundId), eq("stage", current.name())),
            new Document("$set", set)
                .append("$push", new Document("stages", stageEntry(target, caller, now))));
    if (moved.getModifiedCount() == 0) {
      throw Problem.conflict("sanshe.concurrent-change", roundId);
    }
    audit.record("EVALUATION_STAGE", "evaluation-round", roundId, Outcome.SUCCESS, target.name());
    return read(roundId);
  }

  private void scoreAll(Document round) {
    int year = round.getInteger("year");
    for (Document entry :
        entries.find(and(eq("roundId", round.getString("_id")), eq("status", "STREET_PASSED")))) {
      Scoring.Score score = Scoring.score(inputs(entry, year), rules);
      entries.updateOne(
          eq("_id", entry.getString("_id")),
          new Document(
              "$set",
              new Document("status", "SCORED")
                  .append("score", Document.parse(JSON.writeValueAsString(score)))
                  .append("total", score.total())
                  .append("stars", score.stars())));
    }
  }

  /** What was measured and declared for an entry. */
  Scoring.Inputs inputs(Document entry, int year) {
    String organisationId = entry.getString("organisationId");
    FulfilmentRecord.Year measured =
        FulfilmentRecord.Year.of(FulfilmentRecord.find(database, organisationId), year);
    List<Document> recommendations = entry.getList("recommendations", Document.class, List.of());
    Document partyCheck =
        organisations
            .find(organisationId)
            .map(o -> o.get("inspections", Document.class))
            .map(i -> i.get(String.valueOf(year), Document.class))
            .map(i -> i.get("partyCheck", Document.class))
            .orElse(null);
    return new Scoring.Inputs(
        measured.completed(),
        measured.ratings(),
        measured.residentsServed(),
        recommendations.stream().mapToInt(r -> r.getInteger("activitiesHeld", 0)).max().orElse(0),
        recommendations.stream().map(r -> r.getInteger("influence")).toList(),
        partyCheck == null ? null : partyCheck.getBoolean("hasBranch"),
        partyCheck == null ? 0 : partyCheck.getInteger("activities", 0));
  }

  private void publish(Document round, Actor caller) {
    String roundId = round.getString("_id");
    int year = round.getInteger("year");
    for (Document entry :
        entries.find(and(eq("roundId", roundId), eq("status", "DISTRICT_PASSED")))) {
      String organisationId = entry.getString("organisationId");
      organisations.rate(organisationId, entry.getInteger("stars"), roundId);
      boolean low = entry.getDouble("total") < rules.elimination().belowScore();
      boolean lowBefore =
          low && lowInEarlierRounds(organisationId, year, rules.elimination().rounds() - 1);
      entries.updateOne(
          eq("_id", entry.getString("_id")),
          new Document(
              "$set",
              new Document("status", "PUBLISHED").append("eliminationProposed", lowBefore)));
    }
  }

  private boolean lowInEarlierRounds(String organisationId, int year, int rounds) {
    for (int i = 1; i <= rounds; i++) {
      Document earlier =
          entries.find(and(eq("organisationId", organisationId), eq("year", year - i))).first();
      if (earlier == null
          || earlier.get("total") == null
          || earlier.getDouble("total") >= rules.elimination().belowScore()) {
        return false;
      }
    }
    return true;
  }

  /** 淘汰决定: the district decides on a proposal, with why; eliminating changes the registry. */
  public EntryView decideElimination(
      String roundId, String organisationId, boolean eliminate, String reason) {
    Actor caller = requireDistrict();
    String entryId = roundId + ":" + organisationId;
    Document entry = entries.find(eq("_id", entryId)).first();
    if (entry == null) {
      throw Problem.notFound("sanshe.entry-not-found", organisationId);
    }
    if (!Boolean.TRUE.equals(entry.getBoolean("eliminationProposed"))) {
      throw Problem.conflict("sanshe.elimination-not-proposed", organisationId);
    }
    if (entry.get("elimination") != null) {
      throw Problem.conflict("sanshe.elimination-decided", organisationId);
    }
    Document decision =
        new Document("eliminate", eliminate)
            .append("by", caller.subject())
            .append("reason", reason)
            .append("at", now().toString());
    var decided =
        entries.updateOne(
            and(eq("_id", entryId), eq("elimination", null)),
            new Document("$set", new Document("elimination", decision)));
    if (decided.getModifiedCount() == 0) {
      throw Problem.conflict("sanshe.elimination-decided", organisationId);
    }
    if (eliminate) {
      organisations.changeStatus(
          organisationId, OrganisationStatus.ELIMINATED, caller.subject(), "淘汰：" + reason);
    }
    audit.record(
        "EVALUATION_ELIMINATION_DECIDED",
        "evaluation-entry",
        entryId,
        Outcome.SUCCESS,
        "" + eliminate);
    return entry(entryId);
  }

  /** A round with the entries the caller may see, best first once scored. */
  public RoundView read(String roundId) {
    Actor caller = Actor.current();
    Document round = round(roundId);
    List<Bson> filter = new ArrayList<>();
    filter.add(eq("roundId", roundId));
    filter.add(scope(caller));
    List<EntryView> items = new ArrayList<>();
    for (Document e :
        entries
            .find(and(filter))
            .sort(Sorts.orderBy(Sorts.descending("total"), Sorts.ascending("_id")))) {
      items.add(EntryView.of(e));
    }
    return RoundView.of(round, items);
  }

  public List<RoundView> list() {
    Actor caller = Actor.current();
    AccessPolicy.requireBusinessRole(caller);
    List<RoundView> all = new ArrayList<>();
    for (Document round : rounds.find().sort(Sorts.descending("year"))) {
      all.add(RoundView.of(round, List.of()));
    }
    return all;
  }

  EntryView entry(String entryId) {
    return EntryView.of(entries.find(eq("_id", entryId)).first());
  }

  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityIds", "streetIds", "organisationId", null);

  private static Bson scope(Actor caller) {
    return TERRITORY.of(caller);
  }

  private Document round(String roundId) {
    Document round = rounds.find(eq("_id", roundId)).first();
    if (round == null) {
      throw Problem.notFound("sanshe.round-not-found", roundId);
    }
    return round;
  }

  private static void requireStage(Document round, Stage stage) {
    if (!stage.name().equals(round.getString("stage"))) {
      throw Problem.conflict(
              "sanshe.round-stage-closed", round.getString("_id"), round.getString("stage"))
          .with("currentStage", round.getString("stage"));
    }
  }

  private static Actor requireDistrict() {
    Actor caller = Actor.current();
    if (!caller.has(Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    return caller;
  }

  private static Document stageEntry(Stage stage, Actor by, Instant at) {
    return new Document("stage", stage.name())
        .append("by", by.subject())
        .append("at", at.toString());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** A round and its entries. */
  public record RoundView(
      String roundId,
      int year,
      String stage,
      String noticeUntil,
      List<Map<String, Object>> stages,
      List<EntryView> entries) {
    static RoundView of(Document d, List<EntryView> entries) {
      List<Map<String, Object>> stages = new ArrayList<>();
      for (Document s : d.getList("stages", Document.class, List.of())) {
        stages.add(new LinkedHashMap<>(s));
      }
      return new RoundView(
          d.getString("_id"),
          d.getInteger("year"),
          d.getString("stage"),
          d.getString("noticeUntil"),
          stages,
          entries);
    }
  }

  /** One organisation in a round: recommendations, reviews, the score with its parts, stars. */
  public record EntryView(
      String organisationId,
      String organisationName,
      String status,
      List<Map<String, Object>> recommendations,
      Map<String, Object> street,
      Map<String, Object> score,
      Integer stars,
      Map<String, Object> district,
      boolean eliminationProposed,
      Map<String, Object> elimination) {
    static EntryView of(Document d) {
      return new EntryView(
          d.getString("organisationId"),
          d.getString("organisationName"),
          d.getString("status"),
          d.getList("recommendations", Document.class, List.of()).stream()
              .map(r -> (Map<String, Object>) new LinkedHashMap<String, Object>(r))
              .toList(),
          map(d.get("street", Document.class)),
          map(d.get("score", Document.class)),
          d.getInteger("stars"),
          map(d.get("district", Document.class)),
          Boolean.TRUE.equals(d.getBoolean("eliminationProposed")),
          map(d.get("elimination", Document.class)));
    }

    private static Map<String, Object> map(Document d) {
      return d == null ? null : new LinkedHashMap<>(d);
    }
  }
}
