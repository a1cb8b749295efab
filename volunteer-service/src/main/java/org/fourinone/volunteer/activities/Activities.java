package org.fourinone.volunteer.activities;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.personaldata.Masking;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.access.Actor;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.activities.ActivityRequests.PublishActivityRequest;
import org.fourinone.volunteer.activities.ActivityRequests.ShiftRequest;
import org.fourinone.volunteer.calendar.Calendars;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 志愿服务活动: an organiser publishes an activity with shifts (time, places, skills); volunteers sign up
 * for open shifts, with a waiting list when a shift is full, and never for two shifts that overlap
 * ({@link Calendars}). At the shift, the organiser shows a one-time code (签到码) that the volunteer
 * enters to check in.
 */
public class Activities {

  public static final String COLLECTION = "activities";
  private static final int MAX_ATTEMPTS = 20;
  private static final Duration LONGEST_SHIFT = Duration.ofHours(24);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration ORPHAN_AFTER = Duration.ofMinutes(1);

  public enum SignUpState {
    CONFIRMED,
    WAITLISTED
  }

  /** How a sign-up ended: a place, or a place on the waiting list. */
  public record SignUpOutcome(SignUpState state, int position) {}

  /** A check-in code for a shift, shown once to the organiser. */
  public record CheckInCode(String code, String validUntil) {}

  /** What a check-in needs to know of its shift. */
  public record ShiftAtPlace(
      String activityId,
      String shiftId,
      String title,
      String communityId,
      String serviceKind,
      Instant start,
      Instant end,
      double lat,
      double lng) {

    public String ref() {
      return shiftRef(activityId, shiftId);
    }
  }

  private final MongoCollection<Document> activities;
  private final Volunteers volunteers;
  private final Calendars calendars;
  private final ReferenceReplica places;
  private final AuditTrail audit;
  private final Duration codeValidFor;
  private final Clock clock;

  public Activities(
      MongoDatabase database,
      Volunteers volunteers,
      Calendars calendars,
      ReferenceReplica places,
      AuditTrail audit,
      Duration codeValidFor,
      Clock clock) {
    this.activities = database.getCollection(COLLECTION);
    this.volunteers = volunteers;
    this.calendars = calendars;
    this.places = places;
    this.audit = audit;
    this.codeValidFor = codeValidFor;
    this.clock = clock;
    activities.createIndex(
        Indexes.ascending("communityId", "status"), new IndexOptions().name("community_open"));
    // a street's figures (VolunteerStatistics)
    activities.createIndex(
        Indexes.ascending("streetId", "status"), new IndexOptions().name("street_open"));
    activities.createIndex(
        Indexes.ascending("shifts.signups.volunteerId"), new IndexOptions().name("volunteer"));
    // the district's activities of a year (VolunteerStatistics)
    activities.createIndex(Indexes.ascending("firstStart"), new IndexOptions().name("first_start"));
  }

  public MongoCollection<Document> collection() {
    return activities;
  }

  public static String shiftRef(String activityId, String shiftId) {
    return "shift:" + activityId + "/" + shiftId;
  }

  public ActivityView publish(PublishActivityRequest r) {
    Actor caller = Actor.current();
    String street = volunteers.streetOf(r.communityId(), "communityId");
    if (!Volunteers.mayOrganise(caller, r.communityId(), street)) {
      throw Problem.forbidden();
    }
    volunteers.skills().require(r.serviceKind(), "serviceKind");
    Instant now = now();
    List<Document> shifts = new ArrayList<>();
    int index = 1;
    for (ShiftRequest shift : r.shifts()) {
      if (!shift.end().isAfter(shift.start())) {
        throw Problem.badRequest("volunteer.ends-before-start", shift.start(), shift.end())
            .with("field", "shifts[" + (index - 1) + "].end");
      }
      if (Duration.between(shift.start(), shift.end()).compareTo(LONGEST_SHIFT) > 0) {
        throw Problem.badRequest("volunteer.shift-too-long", LONGEST_SHIFT.toHours())
            .with("field", "shifts[" + (index - 1) + "].end");
      }
      List<String> skills = shift.skills() == null ? List.of() : List.copyOf(shift.skills());
      for (String skill : skills) {
        volunteers.skills().require(skill, "shifts[" + (index - 1) + "].skills");
      }
      shifts.add(
          new Document("shiftId", "S" + index++)
              .append("start", shift.start().truncatedTo(ChronoUnit.SECONDS).toString())
              .append("end", shift.end().truncatedTo(ChronoUnit.SECONDS).toString())
              .append("places", shift.places())
              .append("skills", skills)
              .append("signups", new ArrayList<Document>())
              .append("waiting", new ArrayList<Document>()));
    }
    Document location;
    if (r.location() != null) {
      location = new Document("lat", r.location().lat()).append("lng", r.location().lng());
    } else {
      location =
          places
              .community(r.communityId())
              .map(c -> c.get("location", Document.class))
              .orElse(null);
    }
    Document doc =
        new Document("_id", "A-" + RandomIds.chars(10))
            .append("title", r.title().trim())
            .append("description", r.description())
            .append("communityId", r.communityId())
            .append("streetId", street)
            .append("address", r.address().trim())
            .append("location", location)
            .append("serviceKind", r.serviceKind())
            .append("teamId", r.teamId())
            .append("organiser", caller.subject())
            .append("status", "OPEN")
            .append("shifts", shifts)
            .append("firstStart", shifts.get(0).getString("start"))
            .append("publishedAt", now.toString())
            .append("sequence", 1L);
    activities.insertOne(doc);
    audit.record(
        "ACTIVITY_PUBLISHED", "activity", doc.getString("_id"), Outcome.SUCCESS, r.title());
    return view(doc, caller);
  }

  /** Open activities of a community (for volunteers), or all of the organiser's scope. */
  public PageOf<ActivityView> list(String communityId, boolean upcomingOnly, int page, int size) {
    Actor caller = Actor.current();
    List<Bson> filter = new ArrayList<>();
    if (communityId != null) {
      filter.add(eq("communityId", communityId));
    }
    filter.add(eq("status", "OPEN"));
    if (upcomingOnly) {
      filter.add(gte("shifts.end", now().toString()));
    }
    Bson all = and(filter);
    long total = activities.countDocuments(all);
    List<ActivityView> items = new ArrayList<>();
    for (Document doc :
        activities
            .find(all)
            .sort(Sorts.ascending("firstStart", "_id"))
            .skip(page * size)
            .limit(size)) {
      items.add(view(doc, caller));
    }
    return PageOf.of(items, page, size, total);
  }

  public ActivityView read(String activityId) {
    return view(find(activityId), Actor.current());
  }

  /** Organisers see who signed up by name; others see masked names. */
  private ActivityView view(Document doc, Actor caller) {
    if (Volunteers.mayOrganise(caller, doc.getString("communityId"), doc.getString("streetId"))) {
      return ActivityView.of(doc);
    }
    Document masked = new Document(doc);
    List<Document> shifts = new ArrayList<>();
    for (Document s : doc.getList("shifts", Document.class)) {
      Document copy = new Document(s);
      copy.put("signups", maskNames(s.getList("signups", Document.class)));
      copy.put("waiting", maskNames(s.getList("waiting", Document.class)));
      shifts.add(copy);
    }
    masked.put("shifts", shifts);
    return ActivityView.of(masked);
  }

  private static List<Document> maskNames(List<Document> signups) {
    return signups.stream()
        .map(u -> new Document(u).append("name", Masking.publicName(u.getString("name"))))
        .toList();
  }

  private Document find(String activityId) {
    Document doc = activities.find(eq("_id", activityId)).first();
    if (doc == null) {
      throw Problem.notFound("volunteer.activity-not-found", activityId);
    }
    return doc;
  }

  /**
   * 报名: a place in the shift, or the waiting list when it is full; refused (409) if the shift
   * overlaps another of the volunteer's bookings, also under concurrent sign-ups.
   */
  public SignUpOutcome signUp(String activityId, String shiftId, String volunteerId) {
    Actor caller = Actor.current();
    Document activity = find(activityId);
    Document volunteer = actingFor(caller, volunteerId, activity);
    String id = volunteer.getString("_id");
    Document shift = shift(activity, shiftId);
    requireOpen(activity, shift);
    for (String skill : shift.getList("skills", String.class, List.of())) {
      if (!volunteer.getList("skills", String.class, List.of()).contains(skill)) {
        throw Problem.unprocessable("volunteer.lacks-skill", skill).with("field", "volunteerId");
      }
    }
    Optional<SignUpOutcome> already = existing(shift, id);
    if (already.isPresent()) {
      return already.get();
    }
    Instant start = Instant.parse(shift.getString("start"));
    Instant end = Instant.parse(shift.getString("end"));
    String ref = shiftRef(activityId, shiftId);
    String title = activity.getString("title") + " " + shiftId;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current = find(activityId);
      Document s = shift(current, shiftId);
      boolean full = s.getList("signups", Document.class).size() >= s.getInteger("places");
      if (!full) {
        bookFreeingOrphans(id, ref, start, end, title);
      }
      long sequence = current.get("sequence", Number.class).longValue();
      Document entry =
          new Document("volunteerId", id)
              .append("name", volunteer.getString("name"))
              .append("at", now().toString());
      String field = full ? "waiting" : "signups";
      List<Document> shifts = new ArrayList<>();
      for (Document each : current.getList("shifts", Document.class)) {
        Document copy = new Document(each);
        if (each.getString("shiftId").equals(shiftId)) {
          List<Document> list = new ArrayList<>(each.getList(field, Document.class));
          list.add(entry);
          copy.put(field, list);
        }
        shifts.add(copy);
      }
      boolean written = writeShifts(activityId, sequence, shifts);
      if (written) {
        audit.record(
            "SHIFT_SIGNED_UP", "activity", activityId, Outcome.SUCCESS, shiftId + " " + id);
        int position = (full ? s.getList("waiting", Document.class).size() : 0) + 1;
        return new SignUpOutcome(full ? SignUpState.WAITLISTED : SignUpState.CONFIRMED, position);
      }
      if (!full) {
        calendars.release(id, ref); // lost the race for the last place: give the time back
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", activityId);
  }

  /**
   * Books the shift's time; a booking of a shift that does not list the volunteer a minute after it
   * was made (a crash between booking and signing up) is freed first. A younger one may be a
   * sign-up in flight, and stands.
   */
  private void bookFreeingOrphans(
      String volunteerId, String ref, Instant start, Instant end, String title) {
    try {
      calendars.book(volunteerId, ref, "SHIFT", start, end, title, Set.of());
    } catch (Problem clash) {
      Object other = clash.properties().get("overlaps");
      if (other instanceof String otherRef
          && otherRef.startsWith("shift:")
          && calendars
              .find(volunteerId, otherRef)
              .map(b -> b.bookedAt() != null && b.bookedAt().isBefore(now().minus(ORPHAN_AFTER)))
              .orElse(false)
          && orphan(otherRef, volunteerId)) {
        calendars.release(volunteerId, otherRef);
        calendars.book(volunteerId, ref, "SHIFT", start, end, title, Set.of());
        return;
      }
      throw clash;
    }
  }

  private boolean orphan(String ref, String volunteerId) {
    String[] parts = ref.substring("shift:".length()).split("/", 2);
    Document activity = activities.find(eq("_id", parts[0])).first();
    if (activity == null) {
      return true;
    }
    Document shift =
        activity.getList("shifts", Document.class).stream()
            .filter(s -> s.getString("shiftId").equals(parts[1]))
            .findFirst()
            .orElse(null);
    return shift == null
        || shift.getList("signups", Document.class).stream()
            .noneMatch(u -> volunteerId.equals(u.getString("volunteerId")));
  }

  /** 取消报名: frees the place and the time; the first on the waiting list who is free moves up. */
  public ActivityView cancel(String activityId, String shiftId, String volunteerId) {
    Actor caller = Actor.current();
    Document activity = find(activityId);
    Document volunteer = actingFor(caller, volunteerId, activity);
    String id = volunteer.getString("_id");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current = find(activityId);
      Document s = shift(current, shiftId);
      boolean confirmed = listed(s, "signups", id);
      boolean waiting = listed(s, "waiting", id);
      if (!confirmed && !waiting) {
        throw Problem.notFound("volunteer.signup-not-found", activityId, shiftId, id);
      }
      long sequence = current.get("sequence", Number.class).longValue();
      List<Document> shifts = new ArrayList<>();
      String promoted = null;
      for (Document each : current.getList("shifts", Document.class)) {
        Document copy = new Document(each);
        if (each.getString("shiftId").equals(shiftId)) {
          List<Document> signups = without(each.getList("signups", Document.class), id);
          List<Document> queue = without(each.getList("waiting", Document.class), id);
          if (confirmed && !queue.isEmpty()) {
            Document next = queue.get(0);
            if (tryBook(next.getString("volunteerId"), current, each)) {
              promoted = next.getString("volunteerId");
              signups = new ArrayList<>(signups);
              signups.add(new Document(next).append("promotedAt", now().toString()));
              queue = queue.subList(1, queue.size());
            }
          }
          copy.put("signups", signups);
          copy.put("waiting", queue);
        }
        shifts.add(copy);
      }
      if (writeShifts(activityId, sequence, shifts)) {
        if (confirmed) {
          calendars.release(id, shiftRef(activityId, shiftId));
        }
        audit.record(
            "SHIFT_CANCELLED",
            "activity",
            activityId,
            Outcome.SUCCESS,
            shiftId + " " + id + (promoted == null ? "" : " → " + promoted));
        return view(find(activityId), caller);
      }
      if (promoted != null) {
        calendars.release(promoted, shiftRef(activityId, shiftId));
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", activityId);
  }

  private boolean writeShifts(String activityId, long sequence, List<Document> shifts) {
    return activities
            .updateOne(
                and(eq("_id", activityId), eq("sequence", sequence)),
                new Document(
                    "$set", new Document("shifts", shifts).append("sequence", sequence + 1)))
            .getModifiedCount()
        == 1;
  }

  private boolean tryBook(String volunteerId, Document activity, Document shift) {
    try {
      calendars.book(
          volunteerId,
          shiftRef(activity.getString("_id"), shift.getString("shiftId")),
          "SHIFT",
          Instant.parse(shift.getString("start")),
          Instant.parse(shift.getString("end")),
          activity.getString("title") + " " + shift.getString("shiftId"),
          Set.of());
      return true;
    } catch (Problem busy) {
      return false; // booked elsewhere meanwhile: stays waiting
    }
  }

  /** 签到码: a fresh six-digit code for the shift, valid a short while; only its hash is kept. */
  public CheckInCode issueCode(String activityId, String shiftId) {
    Actor caller = Actor.current();
    Document activity = find(activityId);
    requireOrganiser(caller, activity);
    shift(activity, shiftId);
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    Instant until = now().plus(codeValidFor);
    for (int attempt = 0; ; attempt++) {
      Document current = find(activityId);
      List<Document> shifts = new ArrayList<>();
      for (Document each : current.getList("shifts", Document.class)) {
        Document copy = new Document(each);
        if (each.getString("shiftId").equals(shiftId)) {
          copy.append("code", hash(activityId, shiftId, code))
              .append("codeValidUntil", until.toString());
        }
        shifts.add(copy);
      }
      if (writeShifts(activityId, current.get("sequence", Number.class).longValue(), shifts)) {
        break;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw Problem.conflict("volunteer.concurrent-change", activityId);
      }
    }
    audit.record("CHECK_IN_CODE_ISSUED", "activity", activityId, Outcome.SUCCESS, shiftId);
    return new CheckInCode(code, until.toString());
  }

  /**
   * The shift a volunteer checks in or out of with the organiser's code: 422 for a wrong or expired
   * code, 409 if they did not sign up.
   */
  public ShiftAtPlace verifyCode(
      String activityId, String shiftId, String volunteerId, String code) {
    Document activity = find(activityId);
    Document shift = shift(activity, shiftId);
    String held = shift.getString("code");
    String until = shift.getString("codeValidUntil");
    if (held == null
        || until == null
        || Instant.parse(until).isBefore(now())
        || !MessageDigest.isEqual(
            held.getBytes(StandardCharsets.UTF_8),
            hash(activityId, shiftId, code).getBytes(StandardCharsets.UTF_8))) {
      throw Problem.unprocessable("volunteer.check-in-code-invalid").with("field", "code");
    }
    if (!listed(shift, "signups", volunteerId)) {
      throw Problem.conflict("volunteer.not-signed-up", activityId, shiftId);
    }
    return atPlace(activity, shift);
  }

  /** A shift the volunteer signed up for, for an organiser's 补录 of their check-in. */
  public ShiftAtPlace signedUpShift(String activityId, String shiftId, String volunteerId) {
    Document activity = find(activityId);
    Document shift = shift(activity, shiftId);
    if (!listed(shift, "signups", volunteerId)) {
      throw Problem.conflict("volunteer.not-signed-up", activityId, shiftId);
    }
    return atPlace(activity, shift);
  }

  private static ShiftAtPlace atPlace(Document activity, Document shift) {
    Document location = activity.get("location", Document.class);
    return new ShiftAtPlace(
        activity.getString("_id"),
        shift.getString("shiftId"),
        activity.getString("title"),
        activity.getString("communityId"),
        activity.getString("serviceKind"),
        Instant.parse(shift.getString("start")),
        Instant.parse(shift.getString("end")),
        location == null ? Double.NaN : location.get("lat", Number.class).doubleValue(),
        location == null ? Double.NaN : location.get("lng", Number.class).doubleValue());
  }

  /** The shifts a volunteer signed up for (or waits for), soonest first. */
  public List<ActivityView> shiftsOf(String volunteerId) {
    Actor caller = Actor.current();
    List<ActivityView> found = new ArrayList<>();
    for (Document doc :
        activities
            .find(
                com.mongodb.client.model.Filters.or(
                    eq("shifts.signups.volunteerId", volunteerId),
                    eq("shifts.waiting.volunteerId", volunteerId)))
            .sort(Sorts.ascending("firstStart"))
            .limit(100)) {
      found.add(view(doc, caller));
    }
    return found;
  }

  /** The volunteer the caller acts for: themself, or (an organiser) the volunteer named. */
  private Document actingFor(Actor caller, String volunteerId, Document activity) {
    if (volunteerId == null) {
      Document self =
          volunteers
              .ofAccount(caller.subject())
              .orElseThrow(() -> Problem.notFound("volunteer.not-registered", caller.subject()));
      return volunteers.requireActive(self.getString("_id"), "volunteerId");
    }
    Document named = volunteers.find(volunteerId).orElse(null);
    if (named != null && Volunteers.isSelf(caller, named)) {
      return volunteers.requireActive(volunteerId, "volunteerId");
    }
    requireOrganiser(caller, activity);
    return volunteers.requireActive(volunteerId, "volunteerId");
  }

  private static void requireOrganiser(Actor caller, Document activity) {
    if (!Volunteers.mayOrganise(
        caller, activity.getString("communityId"), activity.getString("streetId"))) {
      throw Problem.forbidden();
    }
  }

  private void requireOpen(Document activity, Document shift) {
    if (!"OPEN".equals(activity.getString("status"))) {
      throw Problem.conflict("volunteer.activity-closed", activity.getString("_id"));
    }
    if (!Instant.parse(shift.getString("end")).isAfter(now())) {
      throw Problem.conflict("volunteer.shift-over", shift.getString("shiftId"));
    }
  }

  private static Optional<SignUpOutcome> existing(Document shift, String volunteerId) {
    if (listed(shift, "signups", volunteerId)) {
      return Optional.of(new SignUpOutcome(SignUpState.CONFIRMED, 0));
    }
    List<Document> waiting = shift.getList("waiting", Document.class);
    for (int i = 0; i < waiting.size(); i++) {
      if (volunteerId.equals(waiting.get(i).getString("volunteerId"))) {
        return Optional.of(new SignUpOutcome(SignUpState.WAITLISTED, i + 1));
      }
    }
    return Optional.empty();
  }

  private static boolean listed(Document shift, String field, String volunteerId) {
    return shift.getList(field, Document.class, List.of()).stream()
        .anyMatch(u -> volunteerId.equals(u.getString("volunteerId")));
  }

  private static List<Document> without(List<Document> list, String volunteerId) {
    return list.stream().filter(u -> !volunteerId.equals(u.getString("volunteerId"))).toList();
  }

  private static Document shift(Document activity, String shiftId) {
    return activity.getList("shifts", Document.class).stream()
        .filter(s -> s.getString("shiftId").equals(shiftId))
        .findFirst()
        .orElseThrow(
            () ->
                Problem.notFound("volunteer.shift-not-found", activity.getString("_id"), shiftId));
  }

  private static String hash(String activityId, String shiftId, String code) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(
              sha.digest(
                  (activityId + "/" + shiftId + "/" + code).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
