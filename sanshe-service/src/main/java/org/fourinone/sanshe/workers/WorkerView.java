package org.fourinone.sanshe.workers;

import java.math.BigDecimal;
import java.util.List;
import org.bson.Document;

/**
 * A worker's file (一人一表) as it is shown: with the pay coefficient and monthly pay of their grade
 * and the certificate allowance, computed from the district's ladder.
 */
public record WorkerView(
    String workerId,
    String name,
    String residentId,
    String kind,
    Employer employer,
    String communityId,
    String streetId,
    Post post,
    QualificationView qualification,
    BigDecimal monthlyAllowance,
    List<Training> trainings,
    BigDecimal trainingHours,
    String status,
    String joinedOn,
    List<Change> history,
    long sequence) {

  public record Employer(String type, String id) {}

  public record Post(String category, int grade, BigDecimal coefficient, BigDecimal monthlyPay) {}

  public record QualificationView(String level, String certificateNumber, int year) {}

  public record Training(String title, double hours, String date, String provider) {}

  public record Change(String change, String at, String by, String from, String to, String note) {}

  static WorkerView of(Document d, CareerLadder ladder) {
    Document employer = d.get("employer", Document.class);
    Document post = d.get("post", Document.class);
    Document q = d.get("qualification", Document.class);
    return new WorkerView(
        d.getString("_id"),
        d.getString("name"),
        d.getString("residentId"),
        d.getString("kind"),
        new Employer(employer.getString("type"), employer.getString("id")),
        d.getString("communityId"),
        d.getString("streetId"),
        post == null
            ? null
            : new Post(
                post.getString("category"),
                post.getInteger("grade"),
                ladder.coefficient(post.getInteger("grade")),
                ladder.pay(post.getInteger("grade"))),
        q == null
            ? null
            : new QualificationView(
                q.getString("level"), q.getString("certificateNumber"), q.getInteger("year")),
        q == null
            ? BigDecimal.ZERO
            : ladder.allowanceOf(Qualification.valueOf(q.getString("level"))),
        d.getList("trainings", Document.class, List.of()).stream()
            .map(
                t ->
                    new Training(
                        t.getString("title"),
                        t.get("hours", Number.class).doubleValue(),
                        t.getString("date"),
                        t.getString("provider")))
            .toList(),
        SocialWorkers.hours(d),
        d.getString("status"),
        d.getString("joinedOn"),
        d.getList("history", Document.class, List.of()).stream()
            .map(
                h ->
                    new Change(
                        h.getString("change"),
                        h.getString("at"),
                        h.getString("by"),
                        h.getString("from"),
                        h.getString("to"),
                        h.getString("note")))
            .toList(),
        d.get("sequence", Number.class).longValue());
  }

  /** The data of the worker events: the file without training details or the resident link. */
  static Document eventData(Document d) {
    Document data = new Document("workerId", d.getString("_id"));
    for (String field :
        List.of(
            "sequence",
            "name",
            "kind",
            "employer",
            "communityId",
            "streetId",
            "post",
            "qualification",
            "status",
            "joinedOn")) {
      data.append(field, d.get(field));
    }
    List<Document> history = d.getList("history", Document.class, List.of());
    data.append("lastChange", history.isEmpty() ? null : history.get(history.size() - 1));
    return data;
  }
}
