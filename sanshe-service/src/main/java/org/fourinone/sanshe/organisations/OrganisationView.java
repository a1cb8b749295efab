package org.fourinone.sanshe.organisations;

import java.util.List;
import org.bson.Document;

/**
 * An organisation as the registry shows it: the legal representative masked (their ID number and
 * phone in clear only through the audited read).
 */
public record OrganisationView(
    String organisationId,
    String name,
    String kind,
    String selfKind,
    String creditCode,
    String filingNumber,
    List<String> serviceDomains,
    Contact contact,
    LegalRepresentative legalRepresentative,
    String homeStreetId,
    String homeCommunityId,
    String status,
    Settlement settlement,
    List<Offer> offers,
    Integer stars,
    List<StatusChange> statusHistory,
    java.util.Map<String, Object> inspections,
    String registeredAt,
    long sequence) {

  public record Contact(String name, String phone) {}

  public record LegalRepresentative(String name, String idNumberMasked, String phoneMasked) {}

  public record Settlement(String level, String centreId, String since, String room) {}

  public record Offer(
      String item, double price, boolean free, int capacityPerWeek, List<String> communities) {}

  public record StatusChange(String status, String at, String by, String reason) {}

  static OrganisationView of(Document d) {
    Document contact = d.get("contact", Document.class);
    Document rep = d.get("legalRepresentative", Document.class);
    Document s = d.get("settlement", Document.class);
    return new OrganisationView(
        d.getString("_id"),
        d.getString("name"),
        d.getString("kind"),
        d.getString("selfKind"),
        d.getString("creditCode"),
        d.getString("filingNumber"),
        d.getList("serviceDomains", String.class, List.of()),
        new Contact(contact.getString("name"), contact.getString("phone")),
        new LegalRepresentative(
            rep.getString("name"), rep.getString("idNumberMasked"), rep.getString("phoneMasked")),
        d.getString("homeStreetId"),
        d.getString("homeCommunityId"),
        d.getString("status"),
        s == null
            ? null
            : new Settlement(
                s.getString("level"),
                s.getString("centreId"),
                s.getString("since"),
                s.getString("room")),
        Organisations.offers(d).stream()
            .map(
                o ->
                    new Offer(
                        o.getString("item"),
                        o.get("price", Number.class).doubleValue(),
                        Boolean.TRUE.equals(o.getBoolean("free")),
                        o.getInteger("capacityPerWeek"),
                        o.getList("communities", String.class)))
            .toList(),
        d.getInteger("stars"),
        d.getList("statusHistory", Document.class, List.of()).stream()
            .map(
                h ->
                    new StatusChange(
                        h.getString("status"),
                        h.getString("at"),
                        h.getString("by"),
                        h.getString("reason")))
            .toList(),
        d.get("inspections", Document.class) == null
            ? java.util.Map.of()
            : new java.util.LinkedHashMap<>(d.get("inspections", Document.class)),
        d.getString("registeredAt"),
        d.get("sequence", Number.class).longValue());
  }

  /**
   * The data of every organisation event: the state after the change, with nothing personal but the
   * legal representative's name and masked numbers (docs/events).
   */
  static Document eventData(Document d) {
    Document data = new Document("organisationId", d.getString("_id"));
    for (String field :
        List.of(
            "sequence",
            "name",
            "kind",
            "selfKind",
            "creditCode",
            "filingNumber",
            "serviceDomains",
            "homeStreetId",
            "homeCommunityId",
            "communityIds",
            "streetIds",
            "status",
            "settlement",
            "stars",
            "starsRound")) {
      data.append(field, d.get(field));
    }
    Document rep = d.get("legalRepresentative", Document.class);
    data.append(
        "legalRepresentative",
        new Document("name", rep.getString("name"))
            .append("idNumberMasked", rep.getString("idNumberMasked"))
            .append("phoneMasked", rep.getString("phoneMasked")));
    data.append(
        "offers",
        Organisations.offers(d).stream()
            .map(
                o ->
                    new Document("item", o.getString("item"))
                        .append("price", o.get("price"))
                        .append("free", o.get("free"))
                        .append("capacityPerWeek", o.get("capacityPerWeek"))
                        .append("communities", o.get("communities")))
            .toList());
    List<Document> history = d.getList("statusHistory", Document.class, List.of());
    data.append("lastChange", history.isEmpty() ? null : history.get(history.size() - 1));
    return data;
  }
}
