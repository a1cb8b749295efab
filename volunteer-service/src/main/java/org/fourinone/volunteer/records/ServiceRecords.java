package org.fourinone.volunteer.records;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.fourinone.kit.geo.Distances;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.volunteer.activities.Activities;
import org.fourinone.volunteer.activities.Activities.ShiftAtPlace;
import org.fourinone.volunteer.calendar.Calendars;
import org.fourinone.volunteer.records.RecordRequests.ApproveRequest;
import org.fourinone.volunteer.records.RecordRequests.CheckInRequest;
import org.fourinone.volunteer.records.RecordRequests.CheckOutRequest;
import org.fourinone.volunteer.records.RecordRequests.DeclareRequest;
import org.fourinone.volunteer.timebank.Points;
import org.fourinone.volunteer.timebank.TimeBank;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 服务记录 — "谁组织谁记录、谁记录谁证明": a volunteer's service, from a shift (check-in and check-out with the
 * organiser's one-time code, the place compared with the activity's), declared by the volunteer for
 * unscheduled help, or made automatically when an order of any system that the volunteer took or
 * helped with is completed. {@code ENTERED → PENDING → APPROVED | DENIED}; approved by someone
 * other than the volunteer; an approved record is credited to the time bank exactly once ({@code
 * creditState DUE → DONE}, finished by a sweeper after a crash).
 *
 * <p>Against inflated hours: records of one volunteer never overlap and stay under the daily cap
 * (both checked in the volunteer's calendar, under its guard); a far check-in is flagged.
 */
public class ServiceRecords {

  public static final String COLLECTION = "service_records";
  public static final String HOURS_APPROVED = "org.fourinone.volunteer.hours.approved.v1";

  /**
   * The service's end ({@code end}) in epoch milliseconds, set in every write that sets {@code
   * end}: the statistics put a record on its day by it (VolunteerStatistics).
   */
  public static final String END_MILLIS = "endMillis";

  /**
   * The time of a record's latest write in epoch milliseconds, set in the same write — every write
   * of a record but the outbox relay's {@code $pull} of its published events, which changes nothing
   * the statistics count: their refresher finds the records changed since its last pass by it.
   * Records written before it existed are not found by it (nor by {@link #END_MILLIS}): they stay
   * out of the statistics' buckets until their next write.
   */
  public static final String CHANGED_AT = "changedAtMillis";

  public enum Status {
    ENTERED,
    PENDING,
    APPROVED,
    DENIED
  }

  public enum Source {
    SHIFT,
    DECLARED,
    ORDER
  }

  /** What an approver should look at. */
  public enum Flag {
    FAR_FROM_PLACE,
    NO_LOCATION,
    OVERLAPS,
    OVER_DAILY_CAP,
    HOURS_TO_SET,
    RECORDED_BY_ORGANISER
  }

  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityId", "streetId", null, null);

  private final MongoCollection<Document> records;
  private final Volunteers volunteers;
  private final Activities activities;
  private final Calendars calendars;
  private final TimeBank bank;
  private final AuditTrail audit;
  private final RecordRules rules;
  private final ZoneId zone;
  private final Clock clock;
  private OutboxRelay relay;

  public ServiceRecords(
      MongoDatabase database,
      Volunteers volunteers,
      Activities activities,
      Calendars calendars,
      TimeBank bank,
      AuditTrail audit,
      RecordRules rules,
      ZoneId zone,
      Clock clock) {
    this.records = database.getCollection(COLLECTION);
    this.volunteers = volunteers;
    this.activities = activities;
    this.calendars = calendars;
    this.bank = bank;
    this.audit = audit;
    this.rules = rules;
    this.zone = zone;
    this.clock = clock;
    records.createIndex(
        Indexes.ascending("volunteerId", "status"), new IndexOptions().name("volunteer"));
    records.createIndex(
        Indexes.ascending("communityId", "status"), new IndexOptions().name("queue"));
    // a street's figures (VolunteerStatistics)
    records.createIndex(
        Indexes.ascending("streetId", "status"), new IndexOptions().name("street_queue"));
    records.createIndex(Indexes.ascending("orderId"), new IndexOptions().name("order"));
    records.createIndex(
        Indexes.ascending("creditState", "decidedAt"), new IndexOptions().name("credit_due"));
    // the district's pending records (VolunteerStatistics)
    records.createIndex(Indexes.ascending("status"), new IndexOptions().name("status"));
    // the statistics' day of a community, of a street, and of the district (a day's recount,
    // today's part of the figures, the days that ended since the refresher's last pass)
    records.createIndex(
        Indexes.ascending("communityId", END_MILLIS), new IndexOptions().name("community_end"));
    records.createIndex(
        Indexes.ascending("streetId", END_MILLIS), new IndexOptions().name("street_end"));
    records.createIndex(Indexes.ascending(END_MILLIS), new IndexOptions().name("end"));
  }

  public MongoCollection<Document> collection() {
    return records;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  /** 签到 with the organiser's code: an {@code ENTERED} record, at most one per shift. */
  public RecordView checkIn(CheckInRequest r) {
    Actor caller = Actor.current();
    Instant now = now();
    Document volunteer;
    ShiftAtPlace shift;
    Instant at = now;
    boolean recordedByOrganiser = false;
    if (r.volunteerId() != null
        && volunteers.find(r.volunteerId()).filter(v -> Volunteers.isSelf(caller, v)).isEmpty()) {
      // 补录: an organiser records the check-in of a volunteer who signed up
      volunteer = volunteers.requireActive(r.volunteerId(), "volunteerId");
      shift = activities.signedUpShift(r.activityId(), r.shiftId(), volunteer.getString("_id"));
      if (!Volunteers.mayOrganise(
          caller, shift.communityId(), volunteers.streetOf(shift.communityId(), "activityId"))) {
        throw Problem.forbidden();
      }
      at = r.at() == null ? now : r.at().truncatedTo(ChronoUnit.SECONDS);
      if (at.isAfter(now.plusSeconds(60))) {
        throw Problem.badRequest("volunteer.in-future", at).with("field", "at");
      }
      recordedByOrganiser = true;
    } else {
      volunteer = self(caller);
      if (r.code() == null) {
        throw Problem.badRequest("request.field-required", "code").with("field", "code");
      }
      shift =
          activities.verifyCode(r.activityId(), r.shiftId(), volunteer.getString("_id"), r.code());
    }
    String volunteerId = volunteer.getString("_id");
    if (at.isBefore(shift.start().minus(rules.earlyCheckIn())) || !at.isBefore(shift.end())) {
      throw Problem.conflict("volunteer.outside-shift-time", shift.start(), shift.end());
    }
    List<String> flags = new ArrayList<>();
    Document place = place(at, r.location(), shift, flags);
    if (recordedByOrganiser) {
      flags.remove(Flag.NO_LOCATION.name());
      flags.add(Flag.RECORDED_BY_ORGANISER.name());
      place.append("recordedBy", caller.subject());
    }
    Document doc =
        base(volunteer, Source.SHIFT, Status.ENTERED, shift.communityId(), shift.serviceKind())
            .append("_id", "SR-" + shift.activityId() + "-" + shift.shiftId() + "-" + volunteerId)
            .append("description", shift.title())
            .append("activityId", shift.activityId())
            .append("shiftId", shift.shiftId())
            .append("shiftStart", shift.start().toString())
            .append("shiftEnd", shift.end().toString())
            .append("checkIn", place)
            .append("flags", flags);
    try {
      records.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw Problem.conflict("volunteer.already-checked-in", shift.activityId(), shift.shiftId())
            .with("recordId", doc.getString("_id"));
      }
      throw e;
    }
    audit.record("CHECKED_IN", "service-record", doc.getString("_id"), Outcome.SUCCESS, null);
    return RecordView.of(doc);
  }

  /**
   * 签退: the record becomes {@code PENDING} with the minutes spent within the shift; refused if they
   * overlap another record or pass the daily cap.
   */
  public RecordView checkOut(String recordId, CheckOutRequest r) {
    Actor caller = Actor.current();
    Document record = visible(recordId);
    boolean self = isSelf(caller, record);
    if (!self && !organises(caller, record)) {
      throw Problem.forbidden();
    }
    if (!Status.ENTERED.name().equals(record.getString("status"))) {
      throw Problem.conflict("volunteer.not-checked-in", recordId, record.getString("status"));
    }
    Instant now = now();
    Instant checkedIn = Instant.parse(record.get("checkIn", Document.class).getString("at"));
    Instant at = r == null || r.at() == null ? now : r.at().truncatedTo(ChronoUnit.SECONDS);
    if (at.isBefore(checkedIn)) {
      throw Problem.badRequest("volunteer.check-out-before-check-in", at, checkedIn)
          .with("field", "at");
    }
    if (at.isAfter(now.plusSeconds(60))) {
      throw Problem.badRequest("volunteer.in-future", at).with("field", "at");
    }
    Instant shiftStart = Instant.parse(record.getString("shiftStart"));
    Instant shiftEnd = Instant.parse(record.getString("shiftEnd"));
    Instant start = checkedIn.isAfter(shiftStart) ? checkedIn : shiftStart;
    Instant end = at.isBefore(shiftEnd) ? at : shiftEnd;
    long minutes = Math.max(0, Duration.between(start, end).toMinutes());
    List<String> flags = new ArrayList<>(record.getList("flags", String.class, List.of()));
    if (minutes == 0) {
      flags.add(Flag.HOURS_TO_SET.name());
    } else {
      bookOrRefuse(
          record, start, start.plus(Duration.ofMinutes(minutes)), Set.of(shiftRef(record)));
    }
    Document checkOut = new Document("at", at.toString());
    if (r != null && r.location() != null) {
      checkOut.append("lat", r.location().lat()).append("lng", r.location().lng());
    }
    Document set =
        new Document("status", Status.PENDING.name())
            .append("start", start.toString())
            .append("minutes", minutes)
            .append("checkOut", checkOut)
            .append("flags", List.copyOf(new LinkedHashSet<>(flags)))
            .append(CHANGED_AT, now.toEpochMilli());
    ending(set, start.plus(Duration.ofMinutes(minutes)));
    if (records
            .updateOne(
                and(eq("_id", recordId), eq("status", Status.ENTERED.name())),
                new Document("$set", set))
            .getModifiedCount()
        != 1) {
      calendars.release(record.getString("volunteerId"), "record:" + recordId);
      throw Problem.conflict("volunteer.not-checked-in", recordId, "?");
    }
    audit.record("CHECKED_OUT", "service-record", recordId, Outcome.SUCCESS, minutes + " min");
    return read(recordId);
  }

  /** 自主申报: unscheduled help, {@code PENDING} for an organiser's approval. */
  public RecordView declare(DeclareRequest r, String idempotencyKey) {
    Actor caller = Actor.current();
    Document volunteer;
    if (r.volunteerId() == null) {
      volunteer = self(caller);
    } else {
      volunteer =
          volunteers.find(r.volunteerId()).filter(v -> Volunteers.isSelf(caller, v)).orElse(null);
      if (volunteer == null) {
        String street = volunteers.streetOf(r.communityId(), "communityId");
        if (!Volunteers.mayOrganise(caller, r.communityId(), street)) {
          throw Problem.forbidden();
        }
        volunteer = volunteers.requireActive(r.volunteerId(), "volunteerId");
      }
    }
    volunteers.requireActive(volunteer.getString("_id"), "volunteerId");
    volunteers.skills().require(r.serviceKind(), "serviceKind");
    String street = volunteers.streetOf(r.communityId(), "communityId");
    Instant now = now();
    Instant start = r.start().truncatedTo(ChronoUnit.SECONDS);
    Instant end = r.end().truncatedTo(ChronoUnit.SECONDS);
    if (!end.isAfter(start)) {
      throw Problem.badRequest("volunteer.ends-before-start", start, end).with("field", "end");
    }
    if (end.isAfter(now.plusSeconds(60))) {
      throw Problem.badRequest("volunteer.in-future", end).with("field", "end");
    }
    if (start.isBefore(now.minus(rules.declareWithin()))) {
      throw Problem.unprocessable("volunteer.declared-too-late", rules.declareWithin().toDays())
          .with("field", "start");
    }
    if (Duration.between(start, end).compareTo(rules.longestDeclared()) > 0) {
      throw Problem.unprocessable("volunteer.declared-too-long", rules.longestDeclared().toHours())
          .with("field", "end");
    }
    String volunteerId = volunteer.getString("_id");
    String id =
        idempotencyKey != null
            ? "SR-" + volunteerId + "-" + idempotencyKey
            : "SR-" + RandomIds.chars(12);
    Optional<Document> earlier = find(id);
    if (earlier.isPresent()) {
      return RecordView.of(earlier.get());
    }
    Document doc =
        base(volunteer, Source.DECLARED, Status.PENDING, r.communityId(), r.serviceKind())
            .append("_id", id)
            .append("streetId", street)
            .append("description", r.description().trim())
            .append("start", start.toString())
            .append("minutes", Duration.between(start, end).toMinutes())
            .append("declaredBy", caller.subject())
            .append("flags", List.of());
    ending(doc, end);
    bookOrRefuse(doc, start, end, Set.of());
    try {
      records.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return RecordView.of(find(id).orElseThrow());
      }
      calendars.release(volunteerId, "record:" + id);
      throw e;
    }
    audit.record("HOURS_DECLARED", "service-record", id, Outcome.SUCCESS, null);
    return RecordView.of(doc);
  }

  /** What an order's completion tells about a volunteer's service. */
  public record OrderService(
      String orderId,
      String originSystem,
      String title,
      String volunteerId,
      String role,
      String communityId,
      String streetId,
      String serviceKind,
      Instant start,
      Instant end) {}

  /**
   * 自动生成服务记录: an order of any system completed with the volunteer as assignee or helper becomes a
   * {@code PENDING} record, once per order and volunteer. Overlaps and the daily cap are flagged
   * for the approver, not refused: the service happened.
   */
  public boolean fromOrder(OrderService s) {
    Document volunteer = volunteers.find(s.volunteerId()).orElse(null);
    if (volunteer == null) {
      return false; // a volunteer the registry does not know: no record to keep
    }
    String id = "SR-" + s.orderId() + "-" + s.volunteerId();
    if (find(id).isPresent()) {
      return false;
    }
    List<String> flags = new ArrayList<>();
    long minutes = 0;
    Document doc =
        base(volunteer, Source.ORDER, Status.PENDING, s.communityId(), s.serviceKind())
            .append("_id", id)
            .append("streetId", s.streetId())
            .append("description", s.title())
            .append("orderId", s.orderId())
            .append("originSystem", s.originSystem())
            .append("role", s.role());
    if (s.start() != null && s.end() != null && s.end().isAfter(s.start())) {
      minutes =
          Math.min(Duration.between(s.start(), s.end()).toMinutes(), rules.dailyCap().toMinutes());
      if (minutes < Duration.between(s.start(), s.end()).toMinutes()) {
        flags.add(Flag.OVER_DAILY_CAP.name());
      }
      if (minutes == 0) {
        flags.add(Flag.HOURS_TO_SET.name()); // started and completed within a minute
      }
      doc.append("start", s.start().toString());
      ending(doc, s.start().plus(Duration.ofMinutes(minutes)));
      try {
        if (minutes > 0) { // no span, no time taken: the approver sets the minutes
          bookOrRefuse(doc, s.start(), s.start().plus(Duration.ofMinutes(minutes)), Set.of());
        }
      } catch (Problem clash) {
        flags.add(
            "volunteer.daily-cap-exceeded".equals(clash.code())
                ? Flag.OVER_DAILY_CAP.name()
                : Flag.OVERLAPS.name());
      }
    } else {
      flags.add(Flag.HOURS_TO_SET.name());
      ending(doc, s.end());
    }
    doc.append("minutes", minutes).append("flags", flags);
    try {
      records.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
    return true;
  }

  /** The resident's rating (好差评) of an order, on the records it made. */
  public void rated(String orderId, String level) {
    records.updateMany(
        eq("orderId", orderId),
        new Document(
            "$set", new Document("rating", level).append(CHANGED_AT, now().toEpochMilli())));
  }

  /** 审核通过 — by someone other than the volunteer — and credited to the time bank once. */
  public RecordView approve(String recordId, ApproveRequest r) {
    Actor caller = Actor.current();
    Document record = visible(recordId);
    if (isSelf(caller, record)) {
      throw Problem.forbidden("volunteer.cannot-approve-own");
    }
    if (!organises(caller, record)) {
      throw Problem.forbidden();
    }
    Status status = Status.valueOf(record.getString("status"));
    if (status == Status.APPROVED) {
      return RecordView.of(record); // approved already (a retried request): nothing twice
    }
    if (status != Status.PENDING) {
      throw Problem.conflict("volunteer.record-not-pending", recordId, status);
    }
    long minutes = record.get("minutes", Number.class).longValue();
    Set<String> flags = new LinkedHashSet<>(record.getList("flags", String.class, List.of()));
    if (r != null && r.minutes() != null) {
      if (r.minutes() > rules.dailyCap().toMinutes()) {
        throw Problem.unprocessable("volunteer.daily-cap-exceeded", rules.dailyCap().toHours())
            .with("field", "minutes");
      }
      minutes = r.minutes();
      flags.remove(Flag.HOURS_TO_SET.name());
    }
    if (minutes <= 0 || flags.contains(Flag.HOURS_TO_SET.name())) {
      throw Problem.unprocessable("volunteer.hours-to-set", recordId).with("field", "minutes");
    }
    String kind = record.getString("serviceKind");
    long points = bank.rules().pointsFor(minutes, kind);
    Instant now = now();
    Document set =
        new Document("status", Status.APPROVED.name())
            .append("minutes", minutes)
            .append("start", startFor(record, minutes))
            .append("flags", new ArrayList<>(flags))
            .append("points", points)
            .append("pointsPerHour", bank.rules().rateOf(kind).toPlainString())
            .append("decidedBy", caller.subject())
            .append("decidedAt", now.toString())
            .append("decisionNote", r == null ? null : r.note())
            .append("creditState", "DUE")
            .append(CHANGED_AT, now.toEpochMilli());
    Document approved = new Document(record).append("minutes", minutes).append("points", points);
    approved.putAll(set);
    if (!relay.update(
        recordId,
        and(eq("_id", recordId), eq("status", Status.PENDING.name())),
        new Document("$set", set),
        List.of(hoursApproved(approved, now)))) {
      Document now2 = find(recordId).orElseThrow();
      if (Status.APPROVED.name().equals(now2.getString("status"))) {
        return RecordView.of(now2);
      }
      throw Problem.conflict("volunteer.record-not-pending", recordId, now2.getString("status"));
    }
    audit.record("HOURS_APPROVED", "service-record", recordId, Outcome.SUCCESS, minutes + " min");
    credit(approved);
    return read(recordId);
  }

  /** The outcome of one record of a batch approval. */
  public record Approval(String recordId, String outcome, String problem) {}

  /** The service's start: its end less the minutes approved (the approver may set them). */
  private static String startFor(Document record, long minutes) {
    String end = record.getString("end");
    if (end == null) {
      return record.getString("start");
    }
    return Instant.parse(end).minus(Duration.ofMinutes(minutes)).toString();
  }

  /** 批量审核: each record approved on its own; one refused does not stop the others. */
  public List<Approval> approveMany(List<String> recordIds, String note) {
    List<Approval> outcomes = new ArrayList<>();
    for (String id : new LinkedHashSet<>(recordIds)) {
      try {
        RecordView view = approve(id, new ApproveRequest(note, null));
        outcomes.add(new Approval(id, view.status(), null));
      } catch (Problem refused) {
        outcomes.add(new Approval(id, "REFUSED", refused.code()));
      }
    }
    return outcomes;
  }

  /** 不予认定, with the reason; the time it booked is freed. */
  public RecordView deny(String recordId, String reason) {
    Actor caller = Actor.current();
    Document record = visible(recordId);
    if (isSelf(caller, record)) {
      throw Problem.forbidden("volunteer.cannot-approve-own");
    }
    if (!organises(caller, record)) {
      throw Problem.forbidden();
    }
    String status = record.getString("status");
    if (!Status.PENDING.name().equals(status) && !Status.ENTERED.name().equals(status)) {
      throw Problem.conflict("volunteer.record-not-pending", recordId, status);
    }
    Instant now = now();
    if (records
            .updateOne(
                and(eq("_id", recordId), eq("status", status)),
                new Document(
                    "$set",
                    new Document("status", Status.DENIED.name())
                        .append("decidedBy", caller.subject())
                        .append("decidedAt", now.toString())
                        .append("decisionNote", reason.trim())
                        .append(CHANGED_AT, now.toEpochMilli())))
            .getModifiedCount()
        != 1) {
      throw Problem.conflict("volunteer.record-not-pending", recordId, "?");
    }
    calendars.release(record.getString("volunteerId"), "record:" + recordId);
    audit.record("HOURS_DENIED", "service-record", recordId, Outcome.SUCCESS, reason);
    return read(recordId);
  }

  /**
   * Credits an approved record — the ledger's transaction for it is made once whoever calls — and
   * sets the volunteer's hours and stars, then marks it done.
   */
  private void credit(Document record) {
    String id = record.getString("_id");
    String volunteerId = record.getString("volunteerId");
    long minutes = record.get("minutes", Number.class).longValue();
    long points = record.get("points", Number.class).longValue();
    var tx =
        bank.creditHours(
            id,
            volunteerId,
            points,
            minutes,
            record.getString("serviceKind"),
            record.getString("description"));
    volunteers.approvedMinutes(volunteerId, bank.approvedMinutes(volunteerId));
    Instant now = now();
    records.updateOne(
        and(eq("_id", id), eq("creditState", "DUE")),
        new Document(
            "$set",
            new Document("creditState", "DONE")
                .append("transactionId", tx.transactionId())
                .append("creditedAt", now.toString())
                .append(CHANGED_AT, now.toEpochMilli())));
  }

  /**
   * The sweeper's part: credits approved records still {@code DUE} a while after their approval (a
   * crash between approval and credit). Returns how many.
   */
  public int creditDue(Duration olderThan, int limit) {
    String cutoff = now().minus(olderThan).toString();
    int done = 0;
    for (Document record :
        records
            .find(and(eq("creditState", "DUE"), lt("decidedAt", cutoff)))
            .limit(limit)
            .into(new ArrayList<>())) {
      credit(record);
      done++;
    }
    return done;
  }

  public RecordView read(String recordId) {
    return RecordView.of(visible(recordId));
  }

  /** The records of the caller's scope (an approval queue), or a volunteer's own. */
  public PageOf<RecordView> list(
      String volunteerId, String status, String communityId, int page, int size) {
    Actor caller = Actor.current();
    List<Bson> filter = new ArrayList<>();
    Optional<Document> own = volunteers.ofAccount(caller.subject());
    if (volunteerId != null && own.isPresent() && own.get().getString("_id").equals(volunteerId)) {
      filter.add(eq("volunteerId", volunteerId));
    } else {
      filter.add(TERRITORY.of(caller));
      if (caller.roles().stream().noneMatch(Volunteers.ORGANISERS::contains)
          && !caller.has(Role.PARTNER_SYSTEM)) {
        throw Problem.forbidden();
      }
      if (volunteerId != null) {
        filter.add(eq("volunteerId", volunteerId));
      }
    }
    if (status != null) {
      filter.add(eq("status", EnumValues.parse(Status.class, "status", status).name()));
    }
    if (communityId != null) {
      filter.add(eq("communityId", communityId));
    }
    Bson all = and(filter);
    long total = records.countDocuments(all);
    List<RecordView> items = new ArrayList<>();
    for (Document doc :
        records.find(all).sort(Sorts.descending("createdAt")).skip(page * size).limit(size)) {
      items.add(RecordView.of(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  /** A volunteer's approved records with service between the two dates, oldest first. */
  public List<Document> approvedOf(String volunteerId, LocalDate from, LocalDate to) {
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    List<Document> found = new ArrayList<>();
    records
        .find(
            and(
                eq("volunteerId", volunteerId),
                eq("status", Status.APPROVED.name()),
                gte("end", start.toString()),
                lte("end", end.toString())))
        .sort(Sorts.ascending("start"))
        .into(found);
    return found;
  }

  private Document visible(String recordId) {
    Actor caller = Actor.current();
    Document record =
        find(recordId).orElseThrow(() -> Problem.notFound("volunteer.record-not-found", recordId));
    if (isSelf(caller, record) || organises(caller, record) || caller.has(Role.PARTNER_SYSTEM)) {
      return record;
    }
    throw Problem.notFound("volunteer.record-not-found", recordId);
  }

  public Optional<Document> find(String recordId) {
    return Optional.ofNullable(records.find(eq("_id", recordId)).first());
  }

  private static boolean isSelf(Actor caller, Document record) {
    return caller.subject() != null
        && (caller.subject().equals(record.getString("volunteerId"))
            || caller.subject().equals(record.getString("accountId")));
  }

  private static boolean organises(Actor caller, Document record) {
    return Volunteers.mayOrganise(
        caller, record.getString("communityId"), record.getString("streetId"));
  }

  private Document self(Actor caller) {
    Document volunteer =
        volunteers
            .ofAccount(caller.subject())
            .orElseThrow(() -> Problem.notFound("volunteer.not-registered", caller.subject()));
    return volunteers.requireActive(volunteer.getString("_id"), "volunteerId");
  }

  private Document base(
      Document volunteer, Source source, Status status, String communityId, String serviceKind) {
    Instant now = now();
    return new Document("volunteerId", volunteer.getString("_id"))
        .append("accountId", volunteer.getString("accountId"))
        .append("volunteerName", volunteer.getString("name"))
        .append("residentId", volunteer.getString("residentId"))
        .append("source", source.name())
        .append("status", status.name())
        .append("communityId", communityId)
        .append("streetId", volunteers.streetOf(communityId, "communityId"))
        .append("serviceKind", serviceKind)
        .append("creditState", "NONE")
        .append("createdAt", now.toString())
        .append(CHANGED_AT, now.toEpochMilli());
  }

  /** The service's end, and the same in epoch milliseconds for the statistics (none: both null). */
  private static void ending(Document fields, Instant end) {
    fields
        .append("end", end == null ? null : end.toString())
        .append(END_MILLIS, end == null ? null : end.toEpochMilli());
  }

  private Document place(
      Instant at, RecordRequests.Position location, ShiftAtPlace shift, List<String> flags) {
    Document place = new Document("at", at.toString());
    if (location == null) {
      flags.add(Flag.NO_LOCATION.name());
      return place;
    }
    place.append("lat", location.lat()).append("lng", location.lng());
    if (!Double.isNaN(shift.lat())) {
      long metres =
          Math.round(Distances.metres(location.lat(), location.lng(), shift.lat(), shift.lng()));
      place.append("distanceMetres", metres);
      if (metres > rules.maxCheckInDistanceMetres()) {
        flags.add(Flag.FAR_FROM_PLACE.name());
      }
    }
    return place;
  }

  /** Books the record's time: 409 if it overlaps another record, 422 past the daily cap. */
  private void bookOrRefuse(Document record, Instant start, Instant end, Set<String> compatible) {
    long cap = rules.dailyCap().toMinutes();
    calendars.book(
        record.getString("volunteerId"),
        "record:" + record.getString("_id"),
        "RECORD",
        start,
        end,
        record.getString("description"),
        compatible,
        (held, s, e) -> {
          LocalDate day = s.atZone(zone).toLocalDate();
          long sameDay =
              held.stream()
                  .filter(b -> "RECORD".equals(b.kind()))
                  .filter(b -> b.start().atZone(zone).toLocalDate().equals(day))
                  .mapToLong(b -> Duration.between(b.start(), b.end()).toMinutes())
                  .sum();
          if (sameDay + Duration.between(s, e).toMinutes() > cap) {
            throw Problem.unprocessable("volunteer.daily-cap-exceeded", rules.dailyCap().toHours())
                .with("field", "end");
          }
        });
  }

  private static String shiftRef(Document record) {
    return Activities.shiftRef(record.getString("activityId"), record.getString("shiftId"));
  }

  private Document hoursApproved(Document record, Instant now) {
    Document volunteer = volunteers.find(record.getString("volunteerId")).orElse(new Document());
    Document party = volunteer.get("partyMember", Document.class);
    Document data =
        new Document("recordId", record.getString("_id"))
            .append("volunteerId", record.getString("volunteerId"))
            .append("volunteerNumber", volunteer.getString("volunteerNumber"))
            .append("residentId", record.getString("residentId"))
            .append("partyMember", party != null && party.getBoolean("confirmed", false))
            .append("source", record.getString("source"))
            .append("serviceKind", record.getString("serviceKind"))
            .append("communityId", record.getString("communityId"))
            .append("streetId", record.getString("streetId"))
            .append("orderId", record.getString("orderId"))
            .append("originSystem", record.getString("originSystem"))
            .append("activityId", record.getString("activityId"))
            .append("start", record.getString("start"))
            .append("end", record.getString("end"))
            .append("minutes", record.get("minutes", Number.class).longValue())
            .append("hours", record.get("minutes", Number.class).longValue() / 60.0)
            .append("points", Points.asNumber(record.get("points", Number.class).longValue()))
            .append("approvedBy", record.getString("decidedBy"))
            .append("approvedAt", now.toString());
    return OutboxRelay.entry(
        UUID.randomUUID().toString(),
        HOURS_APPROVED,
        1,
        now,
        BsonJson.write(data),
        null,
        record.getString("volunteerId"));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
