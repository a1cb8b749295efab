package org.fourinone.volunteer.volunteers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.personaldata.Masking;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.kit.validation.IdNumbers;
import org.fourinone.kit.validation.MobileNumbers;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.volunteers.VolunteerRequests.AvailabilityRequest;
import org.fourinone.volunteer.volunteers.VolunteerRequests.ChangeStatusRequest;
import org.fourinone.volunteer.volunteers.VolunteerRequests.RegisterVolunteerRequest;
import org.fourinone.volunteer.volunteers.VolunteerRequests.UpdateVolunteerRequest;

/**
 * The volunteer registry (志愿者注册): real-name volunteers, a resident of the registry or a person with
 * a validated ID number (encrypted at rest, masked everywhere else, a clear read audited). A
 * volunteer is one document with its status history and its outbox; every change and its event are
 * one write.
 *
 * <p>Scope: the district sees every volunteer; a street officer those of their street; a
 * community's staff those at home in, or serving, their community; a volunteer themself. Others
 * with a business role get 404; roles that never read the registry 403.
 */
public class Volunteers {

  public static final String COLLECTION = "volunteers";
  public static final String REGISTERED = "org.fourinone.volunteer.volunteer.registered.v1";
  public static final String STATUS_CHANGED = "org.fourinone.volunteer.volunteer.status-changed.v1";
  public static final String LEVEL_REACHED = "org.fourinone.volunteer.level.reached.v1";

  private static final int MAX_ATTEMPTS = 8;
  private static final int MATCHES_KEPT = 20;

  /** Who registers and reviews volunteers for a community: its staff, the street, the district. */
  public static final Set<Role> ORGANISERS =
      Set.of(
          Role.COMMUNITY_WORKER,
          Role.SOCIAL_WORKER,
          Role.PARTY_STAFF,
          Role.STREET_OFFICER,
          Role.DISTRICT_ADMIN);

  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityIds", "streetIds", null, null);

  private final MongoCollection<Document> volunteers;
  private final MongoCollection<Document> counters;
  private final Skills skills;
  private final ReferenceReplica places;
  private final PersonalData pii;
  private final IdempotencyKeys idempotency;
  private final AuditTrail audit;
  private final String numberPrefix;
  private final int minimumAge;
  private final List<Integer> starHours;
  private final ZoneId zone;
  private final Clock clock;
  private OutboxRelay relay;

  public Volunteers(
      MongoDatabase database,
      Skills skills,
      ReferenceReplica places,
      PersonalData pii,
      IdempotencyKeys idempotency,
      AuditTrail audit,
      String numberPrefix,
      int minimumAge,
      List<Integer> starHours,
      ZoneId zone,
      Clock clock) {
    this.volunteers = database.getCollection(COLLECTION);
    this.counters = database.getCollection("volunteer_counters");
    this.skills = skills;
    this.places = places;
    this.pii = pii;
    this.idempotency = idempotency;
    this.audit = audit;
    this.numberPrefix = numberPrefix;
    this.minimumAge = minimumAge;
    this.starHours = List.copyOf(starHours);
    this.zone = zone;
    this.clock = clock;
    volunteers.createIndex(
        Indexes.ascending("residentId"),
        new IndexOptions().unique(true).sparse(true).name("one_volunteer_per_resident"));
    volunteers.createIndex(
        Indexes.ascending("idNumberHash"),
        new IndexOptions().unique(true).sparse(true).name("one_volunteer_per_person"));
    volunteers.createIndex(
        Indexes.ascending("volunteerNumber"),
        new IndexOptions().unique(true).name("volunteer_number"));
    volunteers.createIndex(Indexes.ascending("status", "skills"), new IndexOptions().name("match"));
    volunteers.createIndex(Indexes.ascending("communityIds"), new IndexOptions().name("serves"));
    // a street's figures (VolunteerStatistics) and its officer's list
    volunteers.createIndex(Indexes.ascending("streetIds"), new IndexOptions().name("streets"));
    // the district's party members (VolunteerStatistics)
    volunteers.createIndex(
        Indexes.ascending("partyMember.confirmed"), new IndexOptions().name("party_members"));
  }

  public MongoCollection<Document> collection() {
    return volunteers;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  public Skills skills() {
    return skills;
  }

  public record Registered(VolunteerView volunteer, boolean replayed) {}

  public Registered register(RegisterVolunteerRequest request, String idempotencyKey) {
    Actor caller = Actor.current();
    boolean organiser = caller.roles().stream().anyMatch(ORGANISERS::contains);
    boolean hasResident = request.residentId() != null;
    if (hasResident == (request.person() != null)) {
      throw Problem.badRequest("volunteer.resident-or-person").with("field", "residentId");
    }
    String accountId;
    if (organiser) {
      accountId = blankToNull(request.accountId());
    } else if (caller.hasAny(Role.RESIDENT, Role.VOLUNTEER)) {
      // self-registration: under the caller's own login, as the resident they are
      if (hasResident && !request.residentId().equals(caller.residentId())) {
        throw Problem.forbidden();
      }
      accountId = caller.subject();
    } else {
      throw Problem.forbidden();
    }
    Document doc = newDocument(request, caller, organiser);
    doc.put("accountId", accountId);
    String volunteerId = accountId != null ? accountId : "V-" + RandomIds.chars(10);
    boolean replayed = false;
    if (idempotencyKey != null) {
      var claim =
          idempotency.claim(
              "volunteers:" + caller.subject(),
              idempotencyKey,
              fingerprint(request),
              () -> volunteerId);
      if (!claim.firstTime()) {
        Optional<Document> earlier = find(claim.resourceId());
        if (earlier.isPresent()) {
          return new Registered(VolunteerView.of(earlier.get()), true);
        }
        replayed = true;
      }
      doc.put("_id", claim.resourceId());
    } else {
      doc.put("_id", volunteerId);
    }
    Instant now = now();
    doc.append("volunteerNumber", nextNumber(now))
        .append("status", VolunteerStatus.PENDING_REVIEW.name())
        .append(
            "statusHistory",
            List.of(
                new Document("status", VolunteerStatus.PENDING_REVIEW.name())
                    .append("at", now.toString())
                    .append("by", caller.subject())
                    .append("reason", "注册")))
        .append("stars", 0)
        .append("approvedMinutes", 0L)
        .append("rating", new Document("sum", 0L).append("count", 0L))
        .append("matchedAt", new ArrayList<String>())
        .append("registeredAt", now.toString())
        .append("registeredBy", caller.subject())
        .append("sequence", 1L);
    if (!relay.insert(doc, List.of(event(REGISTERED, doc, now)))) {
      throw alreadyRegistered(doc);
    }
    audit.record(
        "VOLUNTEER_REGISTERED",
        "volunteer",
        doc.getString("_id"),
        Outcome.SUCCESS,
        doc.getString("volunteerNumber"));
    return new Registered(VolunteerView.of(doc), replayed);
  }

  private Problem alreadyRegistered(Document doc) {
    List<Bson> any = new ArrayList<>();
    any.add(eq("_id", doc.getString("_id")));
    if (doc.getString("residentId") != null) {
      any.add(eq("residentId", doc.getString("residentId")));
    }
    if (doc.getString("idNumberHash") != null) {
      any.add(eq("idNumberHash", doc.getString("idNumberHash")));
    }
    Document holder = volunteers.find(com.mongodb.client.model.Filters.or(any)).first();
    String holderId = holder == null ? "?" : holder.getString("_id");
    return Problem.conflict("volunteer.already-registered", holderId).with("volunteerId", holderId);
  }

  private Document newDocument(RegisterVolunteerRequest r, Actor caller, boolean organiser) {
    Document doc = new Document();
    String home;
    if (r.residentId() != null) {
      Document resident =
          places
              .resident(r.residentId())
              .orElseThrow(
                  () ->
                      Problem.unprocessable("volunteer.unknown-resident", r.residentId())
                          .with("field", "residentId"));
      home = resident.getString("communityId");
      doc.append("residentId", r.residentId())
          .append("name", resident.getString("name"))
          .append("idNumberMasked", resident.getString("idNumberMasked"))
          .append("phoneMasked", resident.getString("phoneMasked"))
          .append("identity", "REGISTRY");
    } else {
      var p = r.person();
      String idNumber =
          IdNumbers.parse(p.idNumber())
              .orElseThrow(
                  () ->
                      Problem.badRequest("volunteer.id-number-invalid")
                          .with("field", "person.idNumber"));
      LocalDate today = LocalDate.now(clock.withZone(zone));
      if (!IdNumbers.plausibleBirthDate(idNumber, today)) {
        throw Problem.badRequest("volunteer.id-number-invalid").with("field", "person.idNumber");
      }
      LocalDate born =
          LocalDate.of(
              Integer.parseInt(idNumber.substring(6, 10)),
              Integer.parseInt(idNumber.substring(10, 12)),
              Integer.parseInt(idNumber.substring(12, 14)));
      if (born.plusYears(minimumAge).isAfter(today)) {
        throw Problem.unprocessable("volunteer.too-young", minimumAge)
            .with("field", "person.idNumber");
      }
      String mobile =
          MobileNumbers.parse(p.phone())
              .orElseThrow(
                  () ->
                      Problem.badRequest("volunteer.phone-invalid").with("field", "person.phone"));
      home = p.communityId();
      doc.append("name", p.name().trim())
          .append("idNumberMasked", Masking.idNumber(idNumber))
          .append("idNumberEncrypted", pii.encrypt(idNumber))
          .append("idNumberHash", pii.hash(idNumber))
          .append("phoneMasked", Masking.mobile(mobile))
          .append("phoneEncrypted", pii.encrypt(mobile))
          .append("birthYear", born.getYear())
          .append("identity", "ID_CARD");
    }
    String street = streetOf(home, r.residentId() != null ? "residentId" : "person.communityId");
    if (organiser && !mayOrganise(caller, home, street)) {
      // a community's staff register the people of their own community
      throw r.residentId() != null
          ? Problem.unprocessable("volunteer.unknown-resident", r.residentId())
              .with("field", "residentId")
          : Problem.forbidden();
    }
    List<String> served =
        r.communityIds() == null || r.communityIds().isEmpty()
            ? List.of(home)
            : List.copyOf(new LinkedHashSet<>(r.communityIds()));
    doc.append("homeCommunityId", home).append("streetId", street);
    applyProfile(
        doc,
        r.skills(),
        r.languages(),
        r.availability(),
        served,
        r.health() == null ? null : r.health().fit(),
        r.health() == null ? null : r.health().note(),
        r.insurance() == null ? null : r.insurance().insured(),
        r.insurance() == null ? null : r.insurance().until());
    doc.append(
        "partyMember",
        new Document("declared", Boolean.TRUE.equals(r.partyMember())).append("confirmed", false));
    return doc;
  }

  private void applyProfile(
      Document doc,
      List<String> skillCodes,
      List<String> languages,
      List<AvailabilityRequest> availability,
      List<String> communities,
      Boolean fit,
      String healthNote,
      Boolean insured,
      LocalDate insuredUntil) {
    if (skillCodes != null) {
      List<String> codes = List.copyOf(new LinkedHashSet<>(skillCodes));
      for (String code : codes) {
        skills.require(code, "skills");
      }
      doc.put("skills", codes);
    }
    if (languages != null) {
      doc.put("languages", List.copyOf(new LinkedHashSet<>(languages)));
    } else if (!doc.containsKey("languages")) {
      doc.put("languages", List.of("zh"));
    }
    if (availability != null) {
      List<Document> slots = new ArrayList<>();
      for (AvailabilityRequest slot : availability) {
        DayOfWeek day = EnumValues.parse(DayOfWeek.class, "availability.day", slot.day());
        if (!minutesOf(slot.from()).isBefore(minutesOf(slot.to()))) {
          throw Problem.badRequest("volunteer.slot-ends-before-start", slot.from(), slot.to())
              .with("field", "availability");
        }
        slots.add(
            new Document("day", day.name()).append("from", slot.from()).append("to", slot.to()));
      }
      doc.put("availability", slots);
    } else if (!doc.containsKey("availability")) {
      doc.put("availability", List.of());
    }
    if (communities != null) {
      Set<String> streets = new LinkedHashSet<>();
      streets.add(doc.getString("streetId"));
      for (String community : communities) {
        streets.add(streetOf(community, "communityIds"));
      }
      doc.put("communityIds", communities);
      doc.put("streetIds", new ArrayList<>(streets));
    }
    if (fit != null) {
      doc.put("health", new Document("fit", fit).append("note", blankToNull(healthNote)));
    } else if (!doc.containsKey("health")) {
      doc.put("health", new Document("fit", true));
    }
    if (insured != null) {
      if (Boolean.TRUE.equals(insured) && insuredUntil == null) {
        throw Problem.badRequest("request.field-required", "insurance.until")
            .with("field", "insurance.until");
      }
      doc.put(
          "insurance",
          new Document("insured", insured)
              .append("until", insuredUntil == null ? null : insuredUntil.toString()));
    } else if (!doc.containsKey("insurance")) {
      doc.put("insurance", new Document("insured", false));
    }
  }

  private static LocalTime minutesOf(String time) {
    return "24:00".equals(time) ? LocalTime.MAX : LocalTime.parse(time);
  }

  /** 志愿者编号: prefix, year, six digits from a counter (gaps after a crash are harmless). */
  private String nextNumber(Instant now) {
    int year = now.atZone(zone).getYear();
    Document counter =
        counters.findOneAndUpdate(
            eq("_id", "volunteer-number-" + year),
            new Document("$inc", new Document("value", 1L)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    return numberPrefix
        + year
        + String.format("%06d", counter.get("value", Number.class).longValue());
  }

  /** The volunteer as the caller may see them (masked), or 404 / 403. */
  public VolunteerView read(String volunteerId) {
    return VolunteerView.of(visible(volunteerId));
  }

  /** The caller's own volunteer file, or 404 if they have none. */
  public VolunteerView mine() {
    Actor caller = Actor.current();
    return VolunteerView.of(
        ofAccount(caller.subject())
            .orElseThrow(() -> Problem.notFound("volunteer.not-registered", caller.subject())));
  }

  public Optional<Document> ofAccount(String accountId) {
    Document byId = volunteers.find(eq("_id", accountId)).first();
    if (byId != null) {
      return Optional.of(byId);
    }
    return Optional.ofNullable(volunteers.find(eq("accountId", accountId)).first());
  }

  /** The document, if the caller may see it: 404 otherwise, 403 for roles that never may. */
  public Document visible(String volunteerId) {
    Actor caller = Actor.current();
    Document doc = find(volunteerId).orElse(null);
    if (doc != null && isSelf(caller, doc)) {
      return doc;
    }
    requireReader(caller);
    if (doc == null || !sees(caller, doc)) {
      throw Problem.notFound("volunteer.not-found", volunteerId);
    }
    return doc;
  }

  /** Whether the caller is this volunteer. */
  public static boolean isSelf(Actor caller, Document volunteer) {
    return caller.subject() != null
        && (caller.subject().equals(volunteer.getString("_id"))
            || caller.subject().equals(volunteer.getString("accountId")));
  }

  /** Whether the caller, as staff, covers the volunteer's communities. */
  public static boolean sees(Actor caller, Document doc) {
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      return true;
    }
    if (caller.has(Role.STREET_OFFICER)
        && doc.getList("streetIds", String.class, List.of()).contains(caller.streetId())) {
      return true;
    }
    return caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
        && caller.communityId() != null
        && doc.getList("communityIds", String.class, List.of()).contains(caller.communityId());
  }

  /** Whether the caller organises volunteers where {@code community} is. */
  public static boolean mayOrganise(Actor caller, String community, String street) {
    if (caller.has(Role.DISTRICT_ADMIN)) {
      return true;
    }
    if (caller.has(Role.STREET_OFFICER) && street != null && street.equals(caller.streetId())) {
      return true;
    }
    return caller.hasAny(Role.COMMUNITY_WORKER, Role.SOCIAL_WORKER, Role.PARTY_STAFF)
        && community != null
        && community.equals(caller.communityId());
  }

  /** Whether the caller organises volunteers in one of the volunteer's communities. */
  public boolean organises(Actor caller, Document volunteer) {
    for (String community : volunteer.getList("communityIds", String.class, List.of())) {
      if (mayOrganise(caller, community, places.streetOf(community).orElse(null))) {
        return true;
      }
    }
    return false;
  }

  private static void requireReader(Actor caller) {
    AccessPolicy.requireBusinessRole(caller);
    if (caller.roles().stream()
        .noneMatch(
            r ->
                ORGANISERS.contains(r)
                    || r == Role.PARTNER_SYSTEM
                    || r == Role.CALL_CENTER_OPERATOR)) {
      throw Problem.forbidden();
    }
  }

  /** The volunteers of the caller's scope, filtered, by number. */
  public PageOf<VolunteerView> list(
      String communityId, String status, String skill, int page, int size) {
    Actor caller = Actor.current();
    requireReader(caller);
    List<Bson> filter = new ArrayList<>();
    filter.add(TERRITORY.of(caller));
    if (communityId != null) {
      filter.add(eq("communityIds", communityId));
    }
    if (status != null) {
      filter.add(eq("status", EnumValues.parse(VolunteerStatus.class, "status", status).name()));
    }
    if (skill != null) {
      filter.add(eq("skills", skills.require(skill, "skill").code()));
    }
    Bson all = and(filter);
    long total = volunteers.countDocuments(all);
    List<VolunteerView> items = new ArrayList<>();
    for (Document doc :
        volunteers
            .find(all)
            .sort(Sorts.ascending("volunteerNumber"))
            .skip(page * size)
            .limit(size)) {
      items.add(VolunteerView.of(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  /** 审核 / 暂停 / 恢复 / 退出, with who and why; a volunteer may leave by themself. */
  public VolunteerView changeStatus(String volunteerId, ChangeStatusRequest request) {
    Actor caller = Actor.current();
    VolunteerStatus to = EnumValues.parse(VolunteerStatus.class, "status", request.status());
    Document current = visible(volunteerId);
    boolean self = isSelf(caller, current);
    if (!(self && to == VolunteerStatus.LEFT) && !organises(caller, current)) {
      throw Problem.forbidden();
    }
    return change(
        volunteerId,
        STATUS_CHANGED,
        doc -> {
          VolunteerStatus from = VolunteerStatus.valueOf(doc.getString("status"));
          if (!from.next().contains(to)) {
            throw Problem.conflict("volunteer.illegal-status-change", from, to)
                .with("currentStatus", from)
                .with("allowed", from.next());
          }
          doc.put("status", to.name());
          List<Document> history = new ArrayList<>(doc.getList("statusHistory", Document.class));
          history.add(
              new Document("status", to.name())
                  .append("at", now().toString())
                  .append("by", caller.subject())
                  .append("reason", request.reason().trim()));
          doc.put("statusHistory", history);
        },
        "STATUS " + to);
  }

  /** The volunteer changes their own skills, languages, availability, communities, flags. */
  public VolunteerView update(String volunteerId, UpdateVolunteerRequest r) {
    Actor caller = Actor.current();
    Document current = visible(volunteerId);
    if (!isSelf(caller, current) && !organises(caller, current)) {
      throw Problem.forbidden();
    }
    return changeWithoutEvent(
        volunteerId,
        doc ->
            applyProfile(
                doc,
                r.skills(),
                r.languages(),
                r.availability(),
                r.communityIds() == null
                    ? null
                    : List.copyOf(new LinkedHashSet<>(r.communityIds())),
                r.health() == null ? null : r.health().fit(),
                r.health() == null ? null : r.health().note(),
                r.insurance() == null ? null : r.insurance().insured(),
                r.insurance() == null ? null : r.insurance().until()));
  }

  /** The ID number and phone in clear: the volunteer themself and their organisers; audited. */
  public VolunteerPersonalData personalData(String volunteerId) {
    Actor caller = Actor.current();
    Document doc = visible(volunteerId);
    if (!isSelf(caller, doc) && !organises(caller, doc)) {
      throw Problem.forbidden();
    }
    if (doc.getString("idNumberEncrypted") == null) {
      // a resident of the registry: their personal data is kept by public-service alone
      throw Problem.notFound("volunteer.personal-data-in-registry", doc.getString("residentId"));
    }
    audit.record("VOLUNTEER_PERSONAL_DATA_READ", "volunteer", volunteerId, Outcome.SUCCESS, null);
    return new VolunteerPersonalData(
        doc.getString("name"),
        pii.decrypt(doc.getString("idNumberEncrypted")),
        pii.decrypt(doc.getString("phoneEncrypted")));
  }

  public record VolunteerPersonalData(String name, String idNumber, String phone) {}

  public Optional<Document> find(String volunteerId) {
    return Optional.ofNullable(volunteers.find(eq("_id", volunteerId)).first());
  }

  /** An active volunteer, or 422 naming the field (unknown, or not in service). */
  public Document requireActive(String volunteerId, String field) {
    Document doc =
        find(volunteerId)
            .orElseThrow(
                () ->
                    Problem.unprocessable("volunteer.unknown-volunteer", volunteerId)
                        .with("field", field));
    if (!VolunteerStatus.ACTIVE.name().equals(doc.getString("status"))) {
      throw Problem.unprocessable("volunteer.not-active", volunteerId, doc.getString("status"))
          .with("field", field);
    }
    return doc;
  }

  /**
   * The active volunteers with a skill who serve one of the communities (any, when null), with the
   * fields the matcher ranks by.
   */
  public List<Document> activeWith(String skill, List<String> communities, int limit) {
    List<Document> found = new ArrayList<>();
    Bson filter = and(eq("status", VolunteerStatus.ACTIVE.name()), eq("skills", skill));
    if (communities != null) {
      filter = and(filter, in("communityIds", communities));
    }
    volunteers
        .find(filter)
        .projection(
            new Document("communityIds", 1)
                .append("homeCommunityId", 1)
                .append("availability", 1)
                .append("matchedAt", 1)
                .append("rating", 1)
                .append("health", 1)
                .append("name", 1)
                .append("skills", 1))
        .limit(limit)
        .into(found);
    return found;
  }

  /** The active volunteers serving one of the communities, for needs that ask for any skill. */
  public List<Document> activeIn(List<String> communities, int limit) {
    List<Document> found = new ArrayList<>();
    volunteers
        .find(and(eq("status", VolunteerStatus.ACTIVE.name()), in("communityIds", communities)))
        .limit(limit)
        .into(found);
    return found;
  }

  /** Remembers a match (for the ranking's "recent load"): the last few times only. */
  public void matched(String volunteerId, Instant at) {
    volunteers.updateOne(
        eq("_id", volunteerId),
        new Document(
            "$push",
            new Document(
                "matchedAt",
                new Document("$each", List.of(at.toString())).append("$slice", -MATCHES_KEPT))));
  }

  /**
   * The volunteer's cumulative approved minutes now (recounted by the records, so setting it twice
   * is harmless); reaching a star level (一星 … 五星) is an event.
   */
  public void approvedMinutes(String volunteerId, long totalMinutes) {
    int stars = starsFor(totalMinutes);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current = find(volunteerId).orElse(null);
      if (current == null) {
        return;
      }
      long held = current.get("approvedMinutes", Number.class).longValue();
      int heldStars = current.getInteger("stars", 0);
      if (held == totalMinutes && heldStars >= stars) {
        return;
      }
      long sequence = current.get("sequence", Number.class).longValue();
      Document set = new Document("approvedMinutes", totalMinutes);
      Bson guard = and(eq("_id", volunteerId), eq("sequence", sequence));
      if (stars > heldStars) {
        set.append("stars", stars).append("sequence", sequence + 1);
        Document next =
            new Document(current).append("stars", stars).append("sequence", sequence + 1);
        next.put("approvedMinutes", totalMinutes);
        Instant now = now();
        Document data =
            new Document("volunteerId", volunteerId)
                .append("volunteerNumber", current.getString("volunteerNumber"))
                .append("stars", stars)
                .append("thresholdHours", starHours.get(stars - 1))
                .append("approvedHours", VolunteerView.hours(totalMinutes).doubleValue())
                .append("homeCommunityId", current.getString("homeCommunityId"))
                .append("reachedAt", now.toString());
        if (relay.update(
            volunteerId,
            guard,
            new Document("$set", set),
            List.of(
                OutboxRelay.entry(
                    UUID.randomUUID().toString(),
                    LEVEL_REACHED,
                    sequence + 1,
                    now,
                    BsonJson.write(data),
                    null)))) {
          return;
        }
      } else if (volunteers
              .updateOne(and(guard, lt("approvedMinutes", totalMinutes)), new Document("$set", set))
              .getModifiedCount()
          == 1) {
        return;
      } else if (find(volunteerId)
          .map(d -> d.get("approvedMinutes", Number.class).longValue() >= totalMinutes)
          .orElse(true)) {
        return;
      }
    }
  }

  /** 一星 … 五星 for cumulative approved minutes, by the district's thresholds in hours. */
  public int starsFor(long minutes) {
    int stars = 0;
    for (int i = 0; i < starHours.size(); i++) {
      if (minutes >= starHours.get(i) * 60L) {
        stars = i + 1;
      }
    }
    return stars;
  }

  interface Change {
    void apply(Document doc);
  }

  private VolunteerView change(String volunteerId, String eventType, Change change, String note) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current =
          find(volunteerId).orElseThrow(() -> Problem.notFound("volunteer.not-found", volunteerId));
      long sequence = current.get("sequence", Number.class).longValue();
      Document next = new Document(current);
      next.remove(OutboxRelay.FIELD);
      change.apply(next);
      next.put("sequence", sequence + 1);
      Document fields = new Document(next);
      fields.remove("_id");
      if (relay.update(
          volunteerId,
          and(eq("_id", volunteerId), eq("sequence", sequence)),
          new Document("$set", fields),
          List.of(event(eventType, next, now())))) {
        audit.record("VOLUNTEER_CHANGED", "volunteer", volunteerId, Outcome.SUCCESS, note);
        return VolunteerView.of(next);
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", volunteerId);
  }

  private VolunteerView changeWithoutEvent(String volunteerId, Change change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current =
          find(volunteerId).orElseThrow(() -> Problem.notFound("volunteer.not-found", volunteerId));
      long sequence = current.get("sequence", Number.class).longValue();
      Document next = new Document(current);
      next.remove(OutboxRelay.FIELD);
      change.apply(next);
      Document fields = new Document(next);
      fields.remove("_id");
      fields.remove("sequence");
      if (volunteers
              .updateOne(
                  and(eq("_id", volunteerId), eq("sequence", sequence)),
                  new Document("$set", fields))
              .getModifiedCount()
          == 1) {
        audit.record("VOLUNTEER_CHANGED", "volunteer", volunteerId, Outcome.SUCCESS, "PROFILE");
        return VolunteerView.of(next);
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", volunteerId);
  }

  private Document event(String type, Document doc, Instant at) {
    long sequence = doc.get("sequence", Number.class).longValue();
    return OutboxRelay.entry(
        UUID.randomUUID().toString(),
        type,
        sequence,
        at,
        BsonJson.write(VolunteerView.eventData(doc)),
        null);
  }

  /** The street of a community the platform knows, or 422 naming the field. */
  public String streetOf(String communityId, String field) {
    return places
        .streetOf(communityId)
        .orElseThrow(
            () ->
                Problem.unprocessable("volunteer.unknown-community", communityId)
                    .with("field", field));
  }

  private static String fingerprint(RegisterVolunteerRequest r) {
    return String.join(
        "|",
        String.valueOf(r.residentId()),
        r.person() == null ? "-" : r.person().name() + "/" + r.person().communityId(),
        String.valueOf(r.accountId()),
        String.valueOf(r.skills()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
