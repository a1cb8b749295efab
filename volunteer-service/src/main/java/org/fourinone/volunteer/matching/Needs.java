package org.fourinone.volunteer.matching;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 服务需求 and their matching (需求对接): one document per need — an order that asks for a volunteer (this
 * system's, or another's with {@code volunteerWanted}) — with its invitation, the history of who
 * was asked and how it ended, and its outbox ({@code volunteer.matched}).
 *
 * <p>{@code OPEN → INVITED → MATCHED}; a decline or a silent invitation goes back to {@code OPEN}
 * for the next candidate; {@code UNMATCHED} when nobody is left (looked at again later); {@code
 * CLOSED} when the order ends first. The {@link Matcher} moves needs on under a lease.
 */
public class Needs {

  public static final String COLLECTION = "needs";
  public static final String MATCHED = "org.fourinone.volunteer.volunteer.matched.v1";

  /**
   * The need's {@code createdAt} in epoch milliseconds, set where a need is inserted
   * (NeedReactions): the statistics put a need on its day by it (VolunteerStatistics).
   */
  public static final String CREATED_AT_MILLIS = "createdAtMillis";

  /**
   * The time of a need's latest write in epoch milliseconds, set in the same write — every write
   * but the matcher's lease ({@code leaseUntil}: {@link #claim}, {@link #release}) and the outbox
   * relay's {@code $pull} of published events, which change nothing the statistics count: their
   * refresher finds the needs changed since its last pass by it. Needs written before it existed
   * are not found by it (nor by {@link #CREATED_AT_MILLIS}): they stay out of the statistics'
   * buckets until their next write.
   */
  public static final String CHANGED_AT = "changedAtMillis";

  public enum State {
    OPEN,
    INVITED,
    MATCHED,
    UNMATCHED,
    CLOSED
  }

  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityId", "streetId", null, null);

  private final MongoCollection<Document> needs;
  private final Volunteers volunteers;
  private final AuditTrail audit;
  private final Duration inviteWithin;
  private final Duration lease;
  private final Clock clock;
  private OutboxRelay relay;

  public Needs(
      MongoDatabase database,
      Volunteers volunteers,
      AuditTrail audit,
      Duration inviteWithin,
      Duration lease,
      Clock clock) {
    this.needs = database.getCollection(COLLECTION);
    this.volunteers = volunteers;
    this.audit = audit;
    this.inviteWithin = inviteWithin;
    this.lease = lease;
    this.clock = clock;
    needs.createIndex(Indexes.ascending("state", "dueAt"), new IndexOptions().name("due"));
    needs.createIndex(
        Indexes.ascending("invitation.volunteerId", "state"), new IndexOptions().name("invited"));
    needs.createIndex(Indexes.ascending("communityId", "state"), new IndexOptions().name("queue"));
    // a street's figures (VolunteerStatistics)
    needs.createIndex(
        Indexes.ascending("streetId", "state"), new IndexOptions().name("street_queue"));
    // the statistics' day of a community, of a street, and of the district (a day's recount,
    // today's part of the figures, the days that ended since the refresher's last pass)
    needs.createIndex(
        Indexes.ascending("communityId", CREATED_AT_MILLIS),
        new IndexOptions().name("community_created"));
    needs.createIndex(
        Indexes.ascending("streetId", CREATED_AT_MILLIS),
        new IndexOptions().name("street_created"));
    needs.createIndex(Indexes.ascending(CREATED_AT_MILLIS), new IndexOptions().name("created"));
  }

  public MongoCollection<Document> collection() {
    return needs;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  public static String idOf(String orderId) {
    return "N-" + orderId;
  }

  public Optional<Document> find(String needId) {
    return Optional.ofNullable(needs.find(eq("_id", needId)).first());
  }

  /** The needs due for the matcher: open, an invitation run out, unmatched and due a new look. */
  List<Document> due(int limit) {
    String now = now().toString();
    List<Document> found = new ArrayList<>();
    needs
        .find(
            and(
                in("state", State.OPEN.name(), State.INVITED.name(), State.UNMATCHED.name()),
                lt("dueAt", now),
                or(eq("leaseUntil", null), lt("leaseUntil", now))))
        .sort(Sorts.ascending("dueAt"))
        .limit(limit)
        .into(found);
    return found;
  }

  /** Matched needs whose match was not yet told to the order (a crash between the two). */
  List<Document> unannounced(Duration olderThan, int limit) {
    List<Document> found = new ArrayList<>();
    needs
        .find(
            and(
                eq("state", State.MATCHED.name()),
                eq("announced", false),
                lt("matchedAt", now().minus(olderThan).toString())))
        .limit(limit)
        .into(found);
    return found;
  }

  /**
   * Takes a need for one pass of the matcher; empty if another instance has it. The lease is the
   * matcher's bookkeeping: no {@link #CHANGED_AT}.
   */
  Optional<Document> claim(Document seen) {
    Instant now = now();
    return Optional.ofNullable(
        needs.findOneAndUpdate(
            and(
                eq("_id", seen.getString("_id")),
                eq("sequence", seen.get("sequence")),
                or(eq("leaseUntil", null), lt("leaseUntil", now.toString()))),
            new Document("$set", new Document("leaseUntil", now.plus(lease).toString())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  /** Invites a volunteer (the matcher's pick, or an organiser's) until the time runs out. */
  boolean invite(Document claimed, String volunteerId, String by, String reason) {
    Instant now = now();
    List<Document> history = history(claimed);
    Document current = claimed.get("invitation", Document.class);
    if (current != null && State.INVITED.name().equals(claimed.getString("state"))) {
      history.add(step(current.getString("volunteerId"), "TIMED_OUT", now, null));
    }
    history.add(step(volunteerId, "INVITED", now, reason));
    List<String> asked = new ArrayList<>(claimed.getList("asked", String.class, List.of()));
    if (!asked.contains(volunteerId)) {
      asked.add(volunteerId);
    }
    return write(
        claimed,
        new Document("state", State.INVITED.name())
            .append(
                "invitation",
                new Document("volunteerId", volunteerId)
                    .append("at", now.toString())
                    .append("until", now.plus(inviteWithin).toString())
                    .append("by", by))
            .append("asked", asked)
            .append("history", history)
            .append("dueAt", now.plus(inviteWithin).toString())
            .append("leaseUntil", null),
        null);
  }

  /** Nobody left to ask: unmatched, looked at again after {@code recheck}. */
  boolean unmatched(Document claimed, Duration recheck) {
    Instant now = now();
    List<Document> history = history(claimed);
    Document current = claimed.get("invitation", Document.class);
    if (current != null && State.INVITED.name().equals(claimed.getString("state"))) {
      history.add(step(current.getString("volunteerId"), "TIMED_OUT", now, null));
    }
    if (!State.UNMATCHED.name().equals(claimed.getString("state"))) {
      history.add(step(null, "UNMATCHED", now, "暂无可邀请的志愿者"));
    }
    return write(
        claimed,
        new Document("state", State.UNMATCHED.name())
            .append("invitation", null)
            .append("history", history)
            .append("dueAt", now.plus(recheck).toString())
            .append("leaseUntil", null),
        null);
  }

  /** Gives the lease back (bookkeeping: no {@link #CHANGED_AT}). */
  void release(String needId) {
    needs.updateOne(eq("_id", needId), new Document("$set", new Document("leaseUntil", null)));
  }

  /** 接受邀请: the invited volunteer takes the need; the match is an event and goes to the order. */
  Document accept(String needId) {
    Actor caller = Actor.current();
    Document volunteer =
        volunteers
            .ofAccount(caller.subject())
            .orElseThrow(() -> Problem.notFound("volunteer.not-registered", caller.subject()));
    String volunteerId = volunteer.getString("_id");
    for (int attempt = 0; attempt < 5; attempt++) {
      Document need = invitedFor(needId, volunteerId);
      Instant now = now();
      List<Document> history = history(need);
      history.add(step(volunteerId, "ACCEPTED", now, null));
      Document set =
          new Document("state", State.MATCHED.name())
              .append("volunteerId", volunteerId)
              .append("volunteerName", volunteer.getString("name"))
              .append("matchedAt", now.toString())
              .append("matchedBy", "invitation")
              .append("announced", false)
              .append("history", history)
              .append("leaseUntil", null);
      Document after = new Document(need);
      after.putAll(set);
      if (write(need, set, matchedEvent(after, volunteer, now))) {
        volunteers.matched(volunteerId, now); // the ranking's "recent load"
        audit.record("NEED_MATCHED", "need", needId, Outcome.SUCCESS, volunteerId);
        return find(needId).orElseThrow();
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", needId);
  }

  /** 婉拒: the next candidate is asked at the matcher's next pass. */
  Document decline(String needId, String reason) {
    Actor caller = Actor.current();
    Document volunteer =
        volunteers
            .ofAccount(caller.subject())
            .orElseThrow(() -> Problem.notFound("volunteer.not-registered", caller.subject()));
    String volunteerId = volunteer.getString("_id");
    for (int attempt = 0; attempt < 5; attempt++) {
      Document need = invitedFor(needId, volunteerId);
      List<Document> history = history(need);
      history.add(step(volunteerId, "DECLINED", now(), reason));
      if (write(
          need,
          new Document("state", State.OPEN.name())
              .append("invitation", null)
              .append("history", history)
              .append("dueAt", now().toString())
              .append("leaseUntil", null),
          null)) {
        audit.record("NEED_DECLINED", "need", needId, Outcome.SUCCESS, volunteerId);
        return find(needId).orElseThrow();
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", needId);
  }

  private Document invitedFor(String needId, String volunteerId) {
    Document need =
        find(needId).orElseThrow(() -> Problem.notFound("volunteer.need-not-found", needId));
    Document invitation = need.get("invitation", Document.class);
    boolean invited = invitation != null && volunteerId.equals(invitation.getString("volunteerId"));
    if (!invited
        && !volunteerId.equals(need.getString("volunteerId"))
        && !need.getList("asked", String.class, List.of()).contains(volunteerId)) {
      throw Problem.notFound("volunteer.need-not-found", needId);
    }
    if (!invited
        || !State.INVITED.name().equals(need.getString("state"))
        || Instant.parse(invitation.getString("until")).isBefore(now())) {
      throw Problem.conflict("volunteer.invitation-over", needId, need.getString("state"));
    }
    return need;
  }

  /** A need matched by hand (the order assigned to a volunteer by staff): no more invitations. */
  void markAnnounced(String needId) {
    needs.updateOne(
        eq("_id", needId),
        new Document(
            "$set", new Document("announced", true).append(CHANGED_AT, now().toEpochMilli())));
  }

  /** The need as the caller may see it: organisers of its community, the volunteer asked. */
  Document visible(String needId) {
    Actor caller = Actor.current();
    Document need =
        find(needId).orElseThrow(() -> Problem.notFound("volunteer.need-not-found", needId));
    if (Volunteers.mayOrganise(caller, need.getString("communityId"), need.getString("streetId"))
        || caller.has(Role.PARTNER_SYSTEM)) {
      return need;
    }
    Optional<Document> self = volunteers.ofAccount(caller.subject());
    if (self.isPresent()) {
      String id = self.get().getString("_id");
      Document invitation = need.get("invitation", Document.class);
      if (id.equals(need.getString("volunteerId"))
          || (invitation != null && id.equals(invitation.getString("volunteerId")))) {
        return need;
      }
    }
    throw Problem.notFound("volunteer.need-not-found", needId);
  }

  /** Organisers' list of needs in their scope. */
  PageOf<Document> list(String communityId, String state, int page, int size) {
    Actor caller = Actor.current();
    if (caller.roles().stream().noneMatch(Volunteers.ORGANISERS::contains)) {
      throw Problem.forbidden();
    }
    List<Bson> filter = new ArrayList<>();
    filter.add(TERRITORY.of(caller));
    if (communityId != null) {
      filter.add(eq("communityId", communityId));
    }
    if (state != null) {
      filter.add(eq("state", EnumValues.parse(State.class, "state", state).name()));
    }
    Bson all = and(filter);
    long total = needs.countDocuments(all);
    List<Document> items = new ArrayList<>();
    needs.find(all).sort(Sorts.descending("createdAt")).skip(page * size).limit(size).into(items);
    return PageOf.of(items, page, size, total);
  }

  /** The invitations waiting for the caller's answer. */
  List<Document> invitationsOfCaller() {
    Actor caller = Actor.current();
    Document volunteer =
        volunteers
            .ofAccount(caller.subject())
            .orElseThrow(() -> Problem.notFound("volunteer.not-registered", caller.subject()));
    List<Document> found = new ArrayList<>();
    needs
        .find(
            and(
                eq("invitation.volunteerId", volunteer.getString("_id")),
                eq("state", State.INVITED.name())))
        .into(found);
    return found;
  }

  /** Writes a change guarded by the need's sequence, with the event if there is one. */
  private boolean write(Document current, Document set, Document event) {
    long sequence = current.get("sequence", Number.class).longValue();
    Document fields =
        new Document(set).append("sequence", sequence + 1).append(CHANGED_AT, now().toEpochMilli());
    Bson guard = and(eq("_id", current.getString("_id")), eq("sequence", sequence));
    if (event == null) {
      return needs.updateOne(guard, new Document("$set", fields)).getModifiedCount() == 1;
    }
    return relay.update(
        current.getString("_id"), guard, new Document("$set", fields), List.of(event));
  }

  private Document matchedEvent(Document need, Document volunteer, Instant now) {
    Document data =
        new Document("needId", need.getString("_id"))
            .append("volunteerId", volunteer.getString("_id"))
            .append("volunteerNumber", volunteer.getString("volunteerNumber"))
            .append("orderId", need.getString("orderId"))
            .append("originSystem", need.getString("originSystem"))
            .append("skill", need.getString("skill"))
            .append("communityId", need.getString("communityId"))
            .append("streetId", need.getString("streetId"))
            .append("createdAt", need.getString("createdAt"))
            .append("matchedAt", now.toString());
    return OutboxRelay.entry(
        UUID.randomUUID().toString(),
        MATCHED,
        need.get("sequence", Number.class).longValue() + 1,
        now,
        BsonJson.write(data),
        null,
        volunteer.getString("_id"));
  }

  private static List<Document> history(Document need) {
    return new ArrayList<>(need.getList("history", Document.class, List.of()));
  }

  private static Document step(String volunteerId, String outcome, Instant at, String reason) {
    return new Document("volunteerId", volunteerId)
        .append("outcome", outcome)
        .append("at", at.toString())
        .append("reason", reason);
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
