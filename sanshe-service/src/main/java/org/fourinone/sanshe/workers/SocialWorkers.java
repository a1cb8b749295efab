package org.fourinone.sanshe.workers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.sanshe.organisations.OrganisationStatus;
import org.fourinone.sanshe.organisations.Organisations;
import org.fourinone.sanshe.workers.WorkerRequests.EmployerRequest;
import org.fourinone.sanshe.workers.WorkerRequests.PostRequest;
import org.fourinone.sanshe.workers.WorkerRequests.QualifyRequest;
import org.fourinone.sanshe.workers.WorkerRequests.RegisterWorkerRequest;
import org.fourinone.sanshe.workers.WorkerRequests.TrainingRequest;
import org.fourinone.sanshe.workers.WorkerRequests.TransferRequest;

/**
 * The files of social workers (社工) and community workers (社区工作者, 一人一表): employer, post and grade
 * (三岗十八级), qualification, training, and the changes of their working life (join, transfer, leave,
 * qualify) as a history. One document per worker, its changes and events in one write. A worker is
 * registered under their platform account, the id orders are assigned to.
 *
 * <p>Scope: the district sees all; a street officer their street's; a community's staff their
 * community's; an organisation's staff their organisation's workers; a worker their own file. Files
 * are kept by the district, the street, the community (for community-employed workers) and the
 * organisation (for its own).
 */
public class SocialWorkers {

  public static final String COLLECTION = "social_workers";
  public static final String REGISTERED = "org.fourinone.sanshe.social-worker.registered.v1";
  public static final String QUALIFIED = "org.fourinone.sanshe.social-worker.qualified.v1";
  public static final String TRANSFERRED = "org.fourinone.sanshe.social-worker.transferred.v1";
  public static final String LEFT = "org.fourinone.sanshe.social-worker.left.v1";

  /** Kinds of worker. */
  public enum Kind {
    /** 专业社工. */
    SOCIAL_WORKER,
    /** 社区工作者 (居委会). */
    COMMUNITY_WORKER
  }

  /** Who employs them. */
  public enum EmployerType {
    ORGANISATION,
    COMMUNITY
  }

  private static final int MAX_ATTEMPTS = 5;

  private final MongoCollection<Document> workers;
  private final Organisations organisations;
  private final ReferenceReplica places;
  private final CareerLadder ladder;
  private final AuditTrail audit;
  private final ZoneId zone;
  private final Clock clock;
  private OutboxRelay relay;

  public SocialWorkers(
      MongoDatabase database,
      Organisations organisations,
      ReferenceReplica places,
      CareerLadder ladder,
      AuditTrail audit,
      ZoneId zone,
      Clock clock) {
    this.workers = database.getCollection(COLLECTION);
    this.organisations = organisations;
    this.places = places;
    this.ladder = ladder;
    this.audit = audit;
    this.zone = zone;
    this.clock = clock;
    workers.createIndex(Indexes.ascending("employer.id"), new IndexOptions().name("employer"));
    workers.createIndex(Indexes.ascending("communityId"), new IndexOptions().name("community"));
    workers.createIndex(Indexes.ascending("streetId"), new IndexOptions().name("street"));
  }

  public MongoCollection<Document> collection() {
    return workers;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  /** The district's ladder, for anyone with a business role. */
  public CareerLadder ladder() {
    AccessPolicy.requireBusinessRole(Actor.current());
    return ladder;
  }

  public WorkerView register(RegisterWorkerRequest r) {
    Actor caller = Actor.current();
    Kind kind = parse(Kind.class, "kind", r.kind());
    Document employer = employer(r.employer(), "employer");
    requireKeeper(caller, employer);
    requireNotFuture(r.joinedOn(), "joinedOn");
    Document post = post(r.post());
    Instant now = now();
    Document doc =
        new Document("_id", r.workerId())
            .append("name", r.name().trim())
            .append("residentId", r.residentId())
            .append("kind", kind.name())
            .append("employer", employer.get("employer"))
            .append("communityId", employer.getString("communityId"))
            .append("streetId", employer.getString("streetId"))
            .append("post", post)
            .append("qualification", null)
            .append("trainings", new ArrayList<Document>())
            .append("status", "ACTIVE")
            .append("joinedOn", r.joinedOn().toString())
            .append(
                "history",
                List.of(change("JOINED", caller.subject(), null, describe(employer), "入职", now)))
            .append("sequence", 1L);
    if (!relay.insert(doc, List.of(event(REGISTERED, doc, now)))) {
      throw Problem.conflict("sanshe.worker-already-registered", r.workerId())
          .with("workerId", r.workerId());
    }
    audit.record("WORKER_REGISTERED", "social-worker", r.workerId(), Outcome.SUCCESS, kind.name());
    return view(doc);
  }

  public WorkerView qualify(String workerId, QualifyRequest r) {
    Qualification level = parse(Qualification.class, "level", r.level());
    if (r.year() > LocalDate.now(clock.withZone(zone)).getYear()) {
      throw Problem.badRequest("sanshe.date-in-future", r.year()).with("field", "year");
    }
    Document qualification =
        new Document("level", level.name())
            .append("certificateNumber", r.certificateNumber())
            .append("year", r.year());
    return change(
        workerId,
        QUALIFIED,
        (doc, by, now) -> {
          doc.put("qualification", qualification);
          addHistory(doc, change("QUALIFIED", by, null, level.name(), r.certificateNumber(), now));
        });
  }

  public WorkerView train(String workerId, TrainingRequest r) {
    requireNotFuture(r.date(), "date");
    Document training =
        new Document("title", r.title().trim())
            .append("hours", r.hours().doubleValue())
            .append("date", r.date().toString())
            .append("provider", r.provider());
    return change(
        workerId,
        null, // training is kept in the file, not published
        (doc, by, now) -> {
          List<Document> trainings = new ArrayList<>(doc.getList("trainings", Document.class));
          trainings.add(training);
          doc.put("trainings", trainings);
        });
  }

  public WorkerView transfer(String workerId, TransferRequest r) {
    Document employer = employer(r.employer(), "employer");
    requireKeeper(Actor.current(), employer);
    Document post = post(r.post());
    return change(
        workerId,
        TRANSFERRED,
        (doc, by, now) -> {
          requireActive(doc);
          String from = describe(doc);
          doc.put("employer", employer.get("employer"));
          doc.put("communityId", employer.getString("communityId"));
          doc.put("streetId", employer.getString("streetId"));
          if (post != null) {
            doc.put("post", post);
          }
          addHistory(doc, change("TRANSFERRED", by, from, describe(employer), r.reason(), now));
        });
  }

  public WorkerView leave(String workerId, String reason) {
    return change(
        workerId,
        LEFT,
        (doc, by, now) -> {
          requireActive(doc);
          doc.put("status", "LEFT");
          addHistory(doc, change("LEFT", by, describe(doc), null, reason, now));
        });
  }

  /** A change of grade proposed by the appraisal and confirmed (三岗十八级). */
  public WorkerView changeGrade(String workerId, int grade, String reason) {
    return change(
        workerId,
        TRANSFERRED,
        (doc, by, now) -> {
          Document post = doc.get("post", Document.class);
          if (post == null) {
            throw Problem.conflict("sanshe.worker-has-no-post", workerId);
          }
          PostCategory category = PostCategory.valueOf(post.getString("category"));
          if (!ladder.allows(category, grade)) {
            throw Problem.unprocessable("sanshe.grade-outside-post", grade, category)
                .with("field", "grade");
          }
          String from = category + "-" + post.getInteger("grade");
          doc.put("post", new Document("category", category.name()).append("grade", grade));
          addHistory(doc, change("GRADE_CHANGED", by, from, category + "-" + grade, reason, now));
        });
  }

  public WorkerView read(String workerId) {
    return view(visible(workerId));
  }

  Document visible(String workerId) {
    Actor caller = Actor.current();
    AccessPolicy.requireBusinessRole(caller);
    return find(workerId)
        .filter(doc -> sees(caller, doc))
        .orElseThrow(() -> Problem.notFound("sanshe.worker-not-found", workerId));
  }

  public PageOf<WorkerView> list(
      String organisationId, String communityId, String qualification, int page, int size) {
    Actor caller = Actor.current();
    List<Bson> filter = new ArrayList<>();
    filter.add(scope(caller));
    if (organisationId != null) {
      filter.add(eq("employer.id", organisationId));
    }
    if (communityId != null) {
      filter.add(eq("communityId", communityId));
    }
    if (qualification != null) {
      filter.add(
          eq(
              "qualification.level",
              parse(Qualification.class, "qualification", qualification).name()));
    }
    Bson all = and(filter);
    long total = workers.countDocuments(all);
    List<WorkerView> items = new ArrayList<>();
    for (Document doc :
        workers.find(all).sort(Sorts.ascending("name", "_id")).skip(page * size).limit(size)) {
      items.add(view(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  /** An active worker employed by the organisation, if there is one under that id. */
  public Optional<Document> activeWorker(String workerId) {
    return find(workerId).filter(d -> "ACTIVE".equals(d.getString("status")));
  }

  public Optional<Document> find(String workerId) {
    return Optional.ofNullable(workers.find(eq("_id", workerId)).first());
  }

  /** The organisation that employs the worker, or null for a community's worker. */
  public static String organisationOf(Document worker) {
    Document employer = worker.get("employer", Document.class);
    return EmployerType.ORGANISATION.name().equals(employer.getString("type"))
        ? employer.getString("id")
        : null;
  }

  WorkerView view(Document doc) {
    return WorkerView.of(doc, ladder);
  }

  interface Change {
    void apply(Document doc, String by, Instant now);
  }

  private WorkerView change(String workerId, String eventType, Change change) {
    Actor caller = Actor.current();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current = visible(workerId);
      requireKeeper(caller, current);
      long sequence = current.get("sequence", Number.class).longValue();
      Document next = new Document(current);
      next.remove(OutboxRelay.FIELD);
      Instant now = now();
      change.apply(next, caller.subject(), now);
      next.put("sequence", sequence + 1);
      Document fields = new Document(next);
      fields.remove("_id");
      List<Document> events = eventType == null ? List.of() : List.of(event(eventType, next, now));
      if (relay.update(
          workerId,
          and(eq("_id", workerId), eq("sequence", sequence)),
          new Document("$set", fields),
          events)) {
        audit.record(
            "WORKER_CHANGED",
            "social-worker",
            workerId,
            Outcome.SUCCESS,
            eventType == null ? "TRAINING" : eventType);
        return view(next);
      }
    }
    throw Problem.conflict("sanshe.concurrent-change", workerId);
  }

  /**
   * The employer named in a request, checked: {@code employer}, {@code communityId}, {@code
   * streetId} of the result are what the file keeps.
   */
  private Document employer(EmployerRequest r, String field) {
    EmployerType type = parse(EmployerType.class, field + ".type", r.type());
    String communityId;
    String streetId;
    if (type == EmployerType.ORGANISATION) {
      Document organisation =
          organisations
              .find(r.id())
              .orElseThrow(
                  () ->
                      Problem.unprocessable("sanshe.organisation-unknown", r.id())
                          .with("field", field + ".id"));
      if (OrganisationStatus.ELIMINATED.name().equals(organisation.getString("status"))) {
        throw Problem.conflict("sanshe.organisation-eliminated", r.id());
      }
      communityId =
          r.communityId() != null ? r.communityId() : organisation.getString("homeCommunityId");
      streetId = organisation.getString("homeStreetId");
      if (r.communityId() != null) {
        streetOf(r.communityId(), field + ".communityId");
      }
    } else {
      communityId = r.id();
      streetId = streetOf(r.id(), field + ".id");
    }
    return new Document("employer", new Document("type", type.name()).append("id", r.id()))
        .append("communityId", communityId)
        .append("streetId", streetId);
  }

  private Document post(PostRequest r) {
    if (r == null) {
      return null;
    }
    PostCategory category = parse(PostCategory.class, "post.category", r.category());
    if (!ladder.allows(category, r.grade())) {
      CareerLadder.Range range = ladder.posts().get(category);
      throw Problem.unprocessable(
              "sanshe.grade-outside-post", r.grade(), category, range.lowest(), range.highest())
          .with("field", "post.grade");
    }
    return new Document("category", category.name()).append("grade", r.grade());
  }

  /** Who keeps a file: the district, the street, the employing community or organisation. */
  static void requireKeeper(Actor caller, Document file) {
    Document employer = file.get("employer", Document.class);
    String type = employer.getString("type");
    String id = employer.getString("id");
    boolean keeps =
        caller.has(Role.DISTRICT_ADMIN)
            || (caller.has(Role.STREET_OFFICER)
                && caller.streetId() != null
                && caller.streetId().equals(file.getString("streetId")))
            || (caller.has(Role.ORGANISATION_STAFF)
                && EmployerType.ORGANISATION.name().equals(type)
                && id.equals(caller.organisationId()))
            || (caller.has(Role.COMMUNITY_WORKER)
                && EmployerType.COMMUNITY.name().equals(type)
                && id.equals(caller.communityId()));
    if (!keeps) {
      throw Problem.forbidden();
    }
  }

  private static boolean sees(Actor caller, Document doc) {
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)
        || caller.subject().equals(doc.getString("_id"))) {
      return true;
    }
    Document employer = doc.get("employer", Document.class);
    if (caller.has(Role.ORGANISATION_STAFF)
        && EmployerType.ORGANISATION.name().equals(employer.getString("type"))
        && employer.getString("id").equals(caller.organisationId())) {
      return true;
    }
    if (caller.has(Role.STREET_OFFICER)
        && caller.streetId() != null
        && caller.streetId().equals(doc.getString("streetId"))) {
      return true;
    }
    return caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
        && caller.communityId() != null
        && caller.communityId().equals(doc.getString("communityId"));
  }

  /** Files are kept by the employer's community, street, organisation; everyone sees their own. */
  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityId", "streetId", "employer.id", null);

  private static Bson scope(Actor caller) {
    AccessPolicy.requireBusinessRole(caller);
    Bson own = eq("_id", caller.subject());
    return TERRITORY.within(caller).map(t -> Filters.or(own, t)).orElse(own);
  }

  private static void requireActive(Document doc) {
    if (!"ACTIVE".equals(doc.getString("status"))) {
      throw Problem.conflict("sanshe.worker-left", doc.getString("_id"));
    }
  }

  private static String describe(Document file) {
    Document employer = file.get("employer", Document.class);
    return employer.getString("type") + ":" + employer.getString("id");
  }

  private static Document change(
      String change, String by, String from, String to, String note, Instant at) {
    return new Document("change", change)
        .append("at", at.toString())
        .append("by", by)
        .append("from", from)
        .append("to", to)
        .append("note", note);
  }

  private static void addHistory(Document doc, Document entry) {
    List<Document> history = new ArrayList<>(doc.getList("history", Document.class));
    history.add(entry);
    doc.put("history", history);
  }

  private Document event(String type, Document doc, Instant at) {
    Document data = WorkerView.eventData(doc);
    return OutboxRelay.entry(
        UUID.randomUUID().toString(),
        type,
        doc.get("sequence", Number.class).longValue(),
        at,
        BsonJson.write(data),
        null);
  }

  private String streetOf(String communityId, String field) {
    return places
        .streetOf(communityId)
        .orElseThrow(
            () ->
                Problem.unprocessable("sanshe.unknown-community", communityId)
                    .with("field", field));
  }

  private void requireNotFuture(LocalDate date, String field) {
    if (date.isAfter(LocalDate.now(clock.withZone(zone)))) {
      throw Problem.badRequest("sanshe.date-in-future", date).with("field", field);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  static BigDecimal hours(Document doc) {
    return doc.getList("trainings", Document.class, List.of()).stream()
        .map(t -> BigDecimal.valueOf(t.get("hours", Number.class).doubleValue()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    return EnumValues.parse(type, field, value);
  }
}
