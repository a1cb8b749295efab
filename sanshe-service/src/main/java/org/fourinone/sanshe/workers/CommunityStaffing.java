package org.fourinone.sanshe.workers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.residents.ReferenceReplica;

/**
 * 一居一档: a community's file of its workers — the posts it has (per category of 三岗十八级: the district's
 * default, or what its street set), the people in them, the vacancies, and the changes (joined,
 * transferred in or out, left) of everyone who has worked there, newest first.
 */
public class CommunityStaffing {

  static final String COLLECTION = "community_posts";

  private final MongoCollection<Document> posts;
  private final SocialWorkers workers;
  private final ReferenceReplica places;
  private final CareerLadder ladder;
  private final AuditTrail audit;
  private final Clock clock;

  public CommunityStaffing(
      MongoDatabase database,
      SocialWorkers workers,
      ReferenceReplica places,
      CareerLadder ladder,
      AuditTrail audit,
      Clock clock) {
    this.posts = database.getCollection(COLLECTION);
    this.workers = workers;
    this.places = places;
    this.ladder = ladder;
    this.audit = audit;
    this.clock = clock;
  }

  public record Person(
      String workerId, String name, String category, Integer grade, String qualification) {}

  public record StaffChange(
      String workerId,
      String name,
      String change,
      String at,
      String by,
      String from,
      String to,
      String note) {}

  public record StaffingView(
      String communityId,
      String streetId,
      Map<String, Integer> posts,
      Map<String, Integer> filled,
      Map<String, Integer> vacancies,
      List<Person> people,
      List<StaffChange> changes) {}

  /** The street (or the district) sets the posts of one of its communities. */
  public StaffingView setPosts(String communityId, Map<PostCategory, Integer> counts) {
    Actor caller = Actor.current();
    String street = streetOf(communityId);
    if (!caller.has(Role.DISTRICT_ADMIN)
        && !(caller.has(Role.STREET_OFFICER) && street.equals(caller.streetId()))) {
      throw Problem.forbidden();
    }
    Document set = new Document();
    for (PostCategory category : PostCategory.values()) {
      Integer n = counts.get(category);
      if (n == null || n < 0 || n > 200) {
        throw Problem.badRequest("sanshe.posts-invalid", category).with("field", category.name());
      }
      set.append("posts." + category.name(), n);
    }
    set.append("updatedBy", caller.subject())
        .append("updatedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    posts.updateOne(
        eq("_id", communityId), new Document("$set", set), new UpdateOptions().upsert(true));
    audit.record("COMMUNITY_POSTS_SET", "community", communityId, Outcome.SUCCESS, set.toJson());
    return read(communityId);
  }

  public StaffingView read(String communityId) {
    Actor caller = Actor.current();
    String street = streetOf(communityId);
    boolean sees =
        caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)
            || (caller.has(Role.STREET_OFFICER) && street.equals(caller.streetId()))
            || (caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
                && communityId.equals(caller.communityId()));
    if (!sees) {
      if (caller.roles().isEmpty()
          || caller.hasAny(Role.RESIDENT, Role.VOLUNTEER, Role.ORGANISATION_STAFF)) {
        throw Problem.forbidden();
      }
      throw Problem.notFound("sanshe.unknown-community", communityId);
    }
    Map<String, Integer> established = new LinkedHashMap<>();
    Document held = posts.find(eq("_id", communityId)).first();
    Document set = held == null ? null : held.get("posts", Document.class);
    for (PostCategory category : PostCategory.values()) {
      Integer n = set == null ? null : set.getInteger(category.name());
      established.put(
          category.name(), n != null ? n : ladder.defaultPosts().getOrDefault(category, 0));
    }
    String tag = SocialWorkers.EmployerType.COMMUNITY.name() + ":" + communityId;
    Map<String, Integer> filled = new LinkedHashMap<>();
    established.keySet().forEach(k -> filled.put(k, 0));
    List<Person> people = new ArrayList<>();
    List<StaffChange> changes = new ArrayList<>();
    for (Document w :
        workers
            .collection()
            .find(
                or(
                    and(eq("employer.type", "COMMUNITY"), eq("employer.id", communityId)),
                    eq("history.to", tag),
                    eq("history.from", tag)))
            .sort(Sorts.ascending("name"))) {
      Document employer = w.get("employer", Document.class);
      boolean here =
          "ACTIVE".equals(w.getString("status"))
              && "COMMUNITY".equals(employer.getString("type"))
              && communityId.equals(employer.getString("id"));
      Document post = w.get("post", Document.class);
      Document q = w.get("qualification", Document.class);
      if (here) {
        String category = post == null ? null : post.getString("category");
        if (category != null) {
          filled.merge(category, 1, Integer::sum);
        }
        people.add(
            new Person(
                w.getString("_id"),
                w.getString("name"),
                category,
                post == null ? null : post.getInteger("grade"),
                q == null ? null : q.getString("level")));
      }
      for (Document h : w.getList("history", Document.class, List.of())) {
        boolean concerns =
            tag.equals(h.getString("to"))
                || tag.equals(h.getString("from"))
                || (here && !"TRANSFERRED".equals(h.getString("change")));
        if (concerns) {
          changes.add(
              new StaffChange(
                  w.getString("_id"),
                  w.getString("name"),
                  h.getString("change"),
                  h.getString("at"),
                  h.getString("by"),
                  h.getString("from"),
                  h.getString("to"),
                  h.getString("note")));
        }
      }
    }
    changes.sort((a, b) -> b.at().compareTo(a.at()));
    Map<String, Integer> vacancies = new LinkedHashMap<>();
    established.forEach((k, n) -> vacancies.put(k, Math.max(0, n - filled.get(k))));
    return new StaffingView(communityId, street, established, filled, vacancies, people, changes);
  }

  private String streetOf(String communityId) {
    return places
        .streetOf(communityId)
        .orElseThrow(() -> Problem.notFound("sanshe.unknown-community", communityId));
  }

  static Map<PostCategory, Integer> counts(Integer principal, Integer deputy, Integer staff) {
    Map<PostCategory, Integer> counts = new EnumMap<>(PostCategory.class);
    counts.put(PostCategory.PRINCIPAL, principal);
    counts.put(PostCategory.DEPUTY, deputy);
    counts.put(PostCategory.STAFF, staff);
    return counts;
  }
}
