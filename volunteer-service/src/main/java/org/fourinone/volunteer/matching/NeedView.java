package org.fourinone.volunteer.matching;

import java.util.List;
import org.bson.Document;

/** A need (服务需求) and how it is being matched. */
public record NeedView(
    String needId,
    String source,
    String orderId,
    String originSystem,
    String orderType,
    String title,
    String skill,
    String note,
    String communityId,
    String streetId,
    String state,
    Invitation invitation,
    String volunteerId,
    String volunteerName,
    String matchedAt,
    String matchedBy,
    List<Step> history,
    List<Ranking.Score> candidates,
    String createdAt) {

  public record Invitation(String volunteerId, String at, String until) {}

  public record Step(String volunteerId, String outcome, String at, String reason) {}

  static NeedView of(Document d, List<Ranking.Score> candidates) {
    Document invitation = d.get("invitation", Document.class);
    return new NeedView(
        d.getString("_id"),
        d.getString("source"),
        d.getString("orderId"),
        d.getString("originSystem"),
        d.getString("orderType"),
        d.getString("title"),
        d.getString("skill"),
        d.getString("note"),
        d.getString("communityId"),
        d.getString("streetId"),
        d.getString("state"),
        invitation == null
            ? null
            : new Invitation(
                invitation.getString("volunteerId"),
                invitation.getString("at"),
                invitation.getString("until")),
        d.getString("volunteerId"),
        d.getString("volunteerName"),
        d.getString("matchedAt"),
        d.getString("matchedBy"),
        d.getList("history", Document.class, List.of()).stream()
            .map(
                h ->
                    new Step(
                        h.getString("volunteerId"),
                        h.getString("outcome"),
                        h.getString("at"),
                        h.getString("reason")))
            .toList(),
        candidates,
        d.getString("createdAt"));
  }
}
