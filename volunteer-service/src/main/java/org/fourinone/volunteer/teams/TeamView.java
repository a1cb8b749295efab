package org.fourinone.volunteer.teams;

import java.util.List;
import org.bson.Document;

/** A team with its members and leaders. */
public record TeamView(
    String teamId,
    String name,
    String level,
    String parentTeamId,
    String attachedToKind,
    String attachedToId,
    String attachedToName,
    String streetId,
    String communityId,
    List<Member> members,
    List<Change> history,
    String createdAt) {

  public record Member(String volunteerId, String name, boolean leader, String joinedAt) {}

  public record Change(String volunteerId, String action, String at, String by) {}

  static TeamView of(Document d) {
    Document attached = d.get("attachedTo", Document.class);
    return new TeamView(
        d.getString("_id"),
        d.getString("name"),
        d.getString("level"),
        d.getString("parentTeamId"),
        attached.getString("kind"),
        attached.getString("id"),
        attached.getString("name"),
        d.getString("streetId"),
        d.getString("communityId"),
        d.getList("members", Document.class, List.of()).stream()
            .map(
                m ->
                    new Member(
                        m.getString("volunteerId"),
                        m.getString("name"),
                        m.getBoolean("leader", false),
                        m.getString("joinedAt")))
            .toList(),
        d.getList("history", Document.class, List.of()).stream()
            .map(
                h ->
                    new Change(
                        h.getString("volunteerId"),
                        h.getString("action"),
                        h.getString("at"),
                        h.getString("by")))
            .toList(),
        d.getString("createdAt"));
  }
}
