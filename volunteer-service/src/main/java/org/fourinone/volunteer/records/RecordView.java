package org.fourinone.volunteer.records;

import java.math.BigDecimal;
import java.util.List;
import org.bson.Document;
import org.fourinone.volunteer.timebank.Points;

/** A service record (服务记录) as the volunteer and their organisers see it. */
public record RecordView(
    String recordId,
    String volunteerId,
    String volunteerName,
    String source,
    String status,
    String communityId,
    String serviceKind,
    String description,
    String activityId,
    String shiftId,
    String orderId,
    String originSystem,
    String start,
    String end,
    long minutes,
    BigDecimal hours,
    List<String> flags,
    Place checkIn,
    Place checkOut,
    String rating,
    BigDecimal points,
    String creditState,
    String transactionId,
    String decidedBy,
    String decidedAt,
    String decisionNote,
    String createdAt) {

  public record Place(String at, Double lat, Double lng, Long distanceMetres) {}

  static RecordView of(Document d) {
    long minutes =
        d.get("minutes", Number.class) == null ? 0 : d.get("minutes", Number.class).longValue();
    Number points = d.get("points", Number.class);
    return new RecordView(
        d.getString("_id"),
        d.getString("volunteerId"),
        d.getString("volunteerName"),
        d.getString("source"),
        d.getString("status"),
        d.getString("communityId"),
        d.getString("serviceKind"),
        d.getString("description"),
        d.getString("activityId"),
        d.getString("shiftId"),
        d.getString("orderId"),
        d.getString("originSystem"),
        d.getString("start"),
        d.getString("end"),
        minutes,
        BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.DOWN),
        d.getList("flags", String.class, List.of()),
        place(d.get("checkIn", Document.class)),
        place(d.get("checkOut", Document.class)),
        d.getString("rating"),
        points == null ? null : Points.format(points.longValue()),
        d.getString("creditState"),
        d.getString("transactionId"),
        d.getString("decidedBy"),
        d.getString("decidedAt"),
        d.getString("decisionNote"),
        d.getString("createdAt"));
  }

  private static Place place(Document p) {
    if (p == null) {
      return null;
    }
    Number lat = p.get("lat", Number.class);
    Number lng = p.get("lng", Number.class);
    Number distance = p.get("distanceMetres", Number.class);
    return new Place(
        p.getString("at"),
        lat == null ? null : lat.doubleValue(),
        lng == null ? null : lng.doubleValue(),
        distance == null ? null : distance.longValue());
  }
}
