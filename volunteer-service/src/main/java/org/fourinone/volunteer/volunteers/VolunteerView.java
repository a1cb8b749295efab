package org.fourinone.volunteer.volunteers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.bson.Document;

/**
 * A volunteer as callers see them: ID number and phone masked, never in clear.
 *
 * @param volunteerId the platform id (their login when they have one) — what orders are assigned to
 * @param volunteerNumber 志愿者编号
 */
public record VolunteerView(
    String volunteerId,
    String volunteerNumber,
    String name,
    String idNumberMasked,
    String phoneMasked,
    String residentId,
    String accountId,
    String homeCommunityId,
    String streetId,
    List<String> communityIds,
    List<String> skills,
    List<String> languages,
    List<Slot> availability,
    Health health,
    Insurance insurance,
    PartyMember partyMember,
    String status,
    List<StatusChange> statusHistory,
    int stars,
    BigDecimal approvedHours,
    RatingSummary rating,
    String registeredAt) {

  public record Slot(String day, String from, String to) {}

  public record Health(boolean fit, String note) {}

  public record Insurance(boolean insured, String until) {}

  /** 是否党员: declared at registration, confirmed by the party system's event. */
  public record PartyMember(
      boolean declared, boolean confirmed, String branchId, String branchName) {}

  public record StatusChange(String status, String at, String by, String reason) {}

  /** The residents' 好差评 of the orders the volunteer helped with: average 1–5, how many. */
  public record RatingSummary(BigDecimal average, long count) {}

  static VolunteerView of(Document d) {
    Document health = d.get("health", Document.class);
    Document insurance = d.get("insurance", Document.class);
    Document party = d.get("partyMember", Document.class);
    Document rating = d.get("rating", Document.class);
    long ratingCount = rating == null ? 0 : rating.get("count", Number.class).longValue();
    long ratingSum = rating == null ? 0 : rating.get("sum", Number.class).longValue();
    return new VolunteerView(
        d.getString("_id"),
        d.getString("volunteerNumber"),
        d.getString("name"),
        d.getString("idNumberMasked"),
        d.getString("phoneMasked"),
        d.getString("residentId"),
        d.getString("accountId"),
        d.getString("homeCommunityId"),
        d.getString("streetId"),
        d.getList("communityIds", String.class, List.of()),
        d.getList("skills", String.class, List.of()),
        d.getList("languages", String.class, List.of()),
        d.getList("availability", Document.class, List.of()).stream()
            .map(s -> new Slot(s.getString("day"), s.getString("from"), s.getString("to")))
            .toList(),
        health == null
            ? null
            : new Health(health.getBoolean("fit", true), health.getString("note")),
        insurance == null
            ? null
            : new Insurance(insurance.getBoolean("insured", false), insurance.getString("until")),
        party == null
            ? new PartyMember(false, false, null, null)
            : new PartyMember(
                party.getBoolean("declared", false),
                party.getBoolean("confirmed", false),
                party.getString("branchId"),
                party.getString("branchName")),
        d.getString("status"),
        d.getList("statusHistory", Document.class, List.of()).stream()
            .map(
                h ->
                    new StatusChange(
                        h.getString("status"),
                        h.getString("at"),
                        h.getString("by"),
                        h.getString("reason")))
            .toList(),
        d.getInteger("stars", 0),
        hours(d.get("approvedMinutes", Number.class)),
        new RatingSummary(
            ratingCount == 0
                ? null
                : BigDecimal.valueOf(ratingSum)
                    .divide(BigDecimal.valueOf(ratingCount), 2, RoundingMode.HALF_UP),
            ratingCount),
        d.getString("registeredAt"));
  }

  static BigDecimal hours(Number minutes) {
    long m = minutes == null ? 0 : minutes.longValue();
    return BigDecimal.valueOf(m).divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN);
  }

  /** The event data: the masked view, without the status history. */
  static Document eventData(Document d) {
    return new Document("volunteerId", d.getString("_id"))
        .append("volunteerNumber", d.getString("volunteerNumber"))
        .append("sequence", d.get("sequence"))
        .append("name", d.getString("name"))
        .append("idNumberMasked", d.getString("idNumberMasked"))
        .append("residentId", d.getString("residentId"))
        .append("homeCommunityId", d.getString("homeCommunityId"))
        .append("streetId", d.getString("streetId"))
        .append("communityIds", d.getList("communityIds", String.class, List.of()))
        .append("skills", d.getList("skills", String.class, List.of()))
        .append("status", d.getString("status"))
        .append(
            "partyMember",
            d.get("partyMember", Document.class) != null
                && d.get("partyMember", Document.class).getBoolean("confirmed", false))
        .append("stars", d.getInteger("stars", 0))
        .append("registeredAt", d.getString("registeredAt"));
  }
}
