package org.fourinone.volunteer.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.application.ChangeOrder;
import org.fourinone.order.application.OrderNotes;
import org.fourinone.order.application.OrderService;
import org.fourinone.order.application.Orders;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automation of matching: every pass takes the needs that are due — new, declined, an
 * invitation run out, unmatched for a while — one at a time under a lease, ranks the candidates
 * ({@link Ranking}) and invites the best not yet asked, or marks the need unmatched. A match
 * (accepted by the volunteer) is then told to the order: this system's own order is accepted and
 * assigned to the volunteer; another system's gets the note 志愿者已匹配 through its origin. Both end up
 * on the order's one timeline in all four systems. Several instances may run.
 */
public class Matcher {

  private static final Logger log = LoggerFactory.getLogger(Matcher.class);
  private static final String BY = "volunteer-matching";
  private static final int BATCH = 50;

  private final Needs needs;
  private final Volunteers volunteers;
  private final Ranking ranking;
  private final ReferenceReplica places;
  private final Orders orders;
  private final OrderService service;
  private final OrderNotes notes;
  private final OriginSystem self;
  private final int candidates;
  private final Duration recheck;

  public Matcher(
      Needs needs,
      Volunteers volunteers,
      Ranking ranking,
      ReferenceReplica places,
      Orders orders,
      OrderService service,
      OrderNotes notes,
      OriginSystem self,
      int candidates,
      Duration recheck) {
    this.needs = needs;
    this.volunteers = volunteers;
    this.ranking = ranking;
    this.places = places;
    this.orders = orders;
    this.service = service;
    this.notes = notes;
    this.self = self;
    this.candidates = candidates;
    this.recheck = recheck;
  }

  /** One pass: what is due, then matches not yet told. Returns how many needs moved on. */
  public int runOnce() {
    int moved = 0;
    Map<String, double[]> locations = new HashMap<>();
    for (Document seen : needs.due(BATCH)) {
      Optional<Document> claimed = needs.claim(seen);
      if (claimed.isEmpty()) {
        continue;
      }
      try {
        if (move(claimed.get(), locations)) {
          moved++;
        }
      } catch (RuntimeException e) {
        log.warn("matching of need {} failed; it is due again later", seen.getString("_id"), e);
        needs.release(seen.getString("_id"));
      }
    }
    for (Document matched : needs.unannounced(Duration.ofSeconds(10), BATCH)) {
      announce(matched);
    }
    return moved;
  }

  /**
   * Moves one need on now if it is due and free (another instance may hold it): invites its best
   * candidate or marks it unmatched. Returns whether it moved.
   */
  public boolean matchOne(String needId, Map<String, double[]> locations) {
    Optional<Document> seen = needs.find(needId);
    if (seen.isEmpty()) {
      return false;
    }
    Optional<Document> claimed = needs.claim(seen.get());
    return claimed.isPresent() && move(claimed.get(), locations);
  }

  private boolean move(Document need, Map<String, double[]> locations) {
    List<Ranking.Score> ranked = rank(need, locations);
    if (ranked.isEmpty()) {
      return needs.unmatched(need, recheck);
    }
    Ranking.Score best = ranked.get(0);
    return needs.invite(need, best.volunteerId(), BY, "得分 " + best.total());
  }

  /** The candidates not yet asked for this need, best first. */
  List<Ranking.Score> rank(Document need, Map<String, double[]> locations) {
    String skill = need.getString("skill");
    String community = need.getString("communityId");
    Set<String> asked = new HashSet<>(need.getList("asked", String.class, List.of()));
    double[] here = locations.computeIfAbsent(community, this::location);
    Ranking.Where where =
        new Ranking.Where(community, here == null ? null : here[0], here == null ? null : here[1]);
    List<String> nearby = nearby(community);
    List<Ranking.Score> ranked =
        rankPool(
            skill == null
                ? volunteers.activeIn(nearby, candidates)
                : volunteers.activeWith(skill, nearby, candidates),
            skill,
            where,
            asked,
            locations);
    if (ranked.isEmpty() && skill != null) {
      // nobody near is left: anyone in the district with the skill
      ranked =
          rankPool(volunteers.activeWith(skill, null, candidates), skill, where, asked, locations);
    }
    return ranked;
  }

  private List<Ranking.Score> rankPool(
      List<Document> pool,
      String skill,
      Ranking.Where where,
      Set<String> asked,
      Map<String, double[]> locations) {
    for (Document c : pool) {
      for (String served : c.getList("communityIds", String.class, List.of())) {
        locations.computeIfAbsent(served, this::location);
      }
    }
    return ranking.rank(skill, where, needs.now(), pool, asked, locations);
  }

  /** The need's community and those within the ranking's distance of it, by their coordinates. */
  private List<String> nearby(String communityId) {
    double[] here = location(communityId);
    List<String> found = new java.util.ArrayList<>();
    found.add(communityId);
    if (here == null) {
      return found;
    }
    for (Document c : places.communities()) {
      Document l = c.get("location", Document.class);
      if (l != null
          && !c.getString("_id").equals(communityId)
          && org.fourinone.kit.geo.Distances.metres(
                  here[0],
                  here[1],
                  l.get("lat", Number.class).doubleValue(),
                  l.get("lng", Number.class).doubleValue())
              <= ranking.maxDistanceMetres()) {
        found.add(c.getString("_id"));
      }
    }
    return found;
  }

  private double[] location(String communityId) {
    return places
        .community(communityId)
        .map(c -> c.get("location", Document.class))
        .map(
            l ->
                new double[] {
                  l.get("lat", Number.class).doubleValue(), l.get("lng", Number.class).doubleValue()
                })
        .orElse(null);
  }

  /**
   * Tells the order about its match, once: assigns this system's own order to the volunteer, puts
   * 志愿者已匹配 on the timeline (of another system's order, through its origin).
   */
  void announce(Document need) {
    String needId = need.getString("_id");
    String orderId = need.getString("orderId");
    String volunteerId = need.getString("volunteerId");
    Optional<Order> found = orderId == null ? Optional.empty() : orders.find(orderId);
    if (found.isEmpty()) {
      needs.markAnnounced(needId);
      return;
    }
    Order order = found.get();
    Document volunteer = volunteers.find(volunteerId).orElse(new Document());
    String who =
        need.getString("volunteerName") + "（志愿者编号 " + volunteer.getString("volunteerNumber") + "）";
    try {
      if (order.originSystem() == self) {
        assignOwn(order, volunteerId);
      }
      notes.contribute(
          needId + ":" + volunteerId,
          orders.find(orderId).orElse(order),
          "volunteer-matched",
          "志愿者已匹配：" + who + "，由志愿者服务系统需求对接");
      needs.markAnnounced(needId);
    } catch (RuntimeException e) {
      log.warn("telling order {} of its match failed; tried again later", orderId, e);
    }
  }

  private void assignOwn(Order order, String volunteerId) {
    Order current = order;
    if (current.status() == OrderStatus.SUBMITTED) {
      current =
          service
              .actOnBehalf(
                  current.orderId(),
                  current.sequence(),
                  OrderAction.ACCEPTED,
                  new ChangeOrder("需求对接自动受理", null, null, null, null, null),
                  BY)
              .orElse(null);
    }
    if (current != null && current.status() == OrderStatus.ACCEPTED) {
      service.actOnBehalf(
          current.orderId(),
          current.sequence(),
          OrderAction.ASSIGNED,
          new ChangeOrder(
              "需求对接：志愿者接受邀请", null, AssigneeType.VOLUNTEER.name(), volunteerId, null, null),
          BY);
    }
  }

  Instant now() {
    return needs.now();
  }
}
