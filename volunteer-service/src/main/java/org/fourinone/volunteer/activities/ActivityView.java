package org.fourinone.volunteer.activities;

import java.util.List;
import org.bson.Document;

/** An activity with its shifts, as organisers and volunteers see it (check-in codes never). */
public record ActivityView(
    String activityId,
    String title,
    String description,
    String communityId,
    String streetId,
    String address,
    ActivityLocation location,
    String serviceKind,
    String teamId,
    String organiser,
    String status,
    List<Shift> shifts,
    String publishedAt) {

  public record ActivityLocation(double lat, double lng) {}

  public record Shift(
      String shiftId,
      String start,
      String end,
      int places,
      List<String> skills,
      int taken,
      int waiting,
      List<SignUp> signups,
      List<SignUp> waitingList) {}

  public record SignUp(String volunteerId, String name, String at) {}

  static ActivityView of(Document d) {
    Document location = d.get("location", Document.class);
    return new ActivityView(
        d.getString("_id"),
        d.getString("title"),
        d.getString("description"),
        d.getString("communityId"),
        d.getString("streetId"),
        d.getString("address"),
        location == null
            ? null
            : new ActivityLocation(
                location.get("lat", Number.class).doubleValue(),
                location.get("lng", Number.class).doubleValue()),
        d.getString("serviceKind"),
        d.getString("teamId"),
        d.getString("organiser"),
        d.getString("status"),
        d.getList("shifts", Document.class, List.of()).stream().map(ActivityView::shift).toList(),
        d.getString("publishedAt"));
  }

  private static Shift shift(Document s) {
    List<SignUp> signups = signups(s, "signups");
    List<SignUp> waiting = signups(s, "waiting");
    return new Shift(
        s.getString("shiftId"),
        s.getString("start"),
        s.getString("end"),
        s.getInteger("places"),
        s.getList("skills", String.class, List.of()),
        signups.size(),
        waiting.size(),
        signups,
        waiting);
  }

  private static List<SignUp> signups(Document s, String field) {
    return s.getList(field, Document.class, List.of()).stream()
        .map(u -> new SignUp(u.getString("volunteerId"), u.getString("name"), u.getString("at")))
        .toList();
  }
}
