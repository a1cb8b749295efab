package org.fourinone.volunteer.certificates;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.personaldata.Masking;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.access.Actor;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.certificates.CertificateContent.Issuer;
import org.fourinone.volunteer.certificates.CertificateContent.Service;
import org.fourinone.volunteer.records.ServiceRecords;
import org.fourinone.volunteer.volunteers.Skills;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 志愿服务证明: issued on request for a period, from the volunteer's <em>approved</em> records only
 * ("谁记录谁证明"), with a number anyone can verify — the public answer says whether it is genuine and
 * what it certifies, without personal data. The content is fixed when it is issued; the PDF is
 * rendered from it each time.
 */
public class Certificates {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Certificates.class);

  public static final String COLLECTION = "certificates";

  private final MongoCollection<Document> certificates;
  private final Volunteers volunteers;
  private final ServiceRecords records;
  private final ReferenceReplica places;
  private final CertificatePdf pdf;
  private final Issuer defaultIssuer;
  private final String verificationUrl;
  private final AuditTrail audit;
  private final ZoneId zone;
  private final Clock clock;

  public Certificates(
      MongoDatabase database,
      Volunteers volunteers,
      ServiceRecords records,
      ReferenceReplica places,
      CertificatePdf pdf,
      Issuer defaultIssuer,
      String verificationUrl,
      AuditTrail audit,
      ZoneId zone,
      Clock clock) {
    this.certificates = database.getCollection(COLLECTION);
    this.volunteers = volunteers;
    this.records = records;
    this.places = places;
    this.pdf = pdf;
    this.defaultIssuer = defaultIssuer;
    this.verificationUrl = verificationUrl;
    this.audit = audit;
    this.zone = zone;
    this.clock = clock;
    certificates.createIndex(
        Indexes.ascending("volunteerId"), new IndexOptions().name("volunteer"));
  }

  /** Issues a certificate for the approved service between the two dates. */
  public CertificateView issue(String volunteerId, LocalDate from, LocalDate to, Issuer issuer) {
    Actor caller = Actor.current();
    Document volunteer = volunteers.visible(volunteerId);
    boolean self = Volunteers.isSelf(caller, volunteer);
    if (!self && !volunteers.organises(caller, volunteer)) {
      throw Problem.forbidden();
    }
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (to.isBefore(from)) {
      throw Problem.badRequest("volunteer.ends-before-start", from, to).with("field", "to");
    }
    if (to.isAfter(today)) {
      throw Problem.badRequest("volunteer.in-future", to).with("field", "to");
    }
    List<Document> approved = records.approvedOf(volunteer.getString("_id"), from, to);
    if (approved.isEmpty()) {
      throw Problem.unprocessable("volunteer.no-approved-hours", from, to).with("field", "from");
    }
    Issuer by = issuer == null || self ? defaultIssuer : issuer;
    long minutes = 0;
    Map<String, long[]> byKind = new LinkedHashMap<>();
    Set<String> organisations = new LinkedHashSet<>();
    List<String> recordIds = new ArrayList<>();
    for (Document r : approved) {
      long m = r.get("minutes", Number.class).longValue();
      minutes += m;
      long[] kind = byKind.computeIfAbsent(r.getString("serviceKind"), k -> new long[2]);
      kind[0] += m;
      kind[1]++;
      organisations.add(
          places
              .community(r.getString("communityId"))
              .map(c -> c.getString("name"))
              .orElse(r.getString("communityId")));
      recordIds.add(r.getString("_id"));
    }
    List<Document> services = new ArrayList<>();
    Skills skills = volunteers.skills();
    byKind.forEach(
        (kind, v) ->
            services.add(
                new Document("kind", skills.find(kind).map(Skills.Skill::name).orElse(kind))
                    .append("minutes", v[0])
                    .append("times", (int) v[1])));
    String number = "ZYZM" + today.getYear() + RandomIds.chars(10);
    Document doc =
        new Document("_id", number)
            .append("volunteerId", volunteer.getString("_id"))
            .append("volunteerNumber", volunteer.getString("volunteerNumber"))
            .append("name", volunteer.getString("name"))
            .append("idType", "居民身份证")
            .append("idNumberMasked", volunteer.getString("idNumberMasked"))
            .append("from", from.toString())
            .append("to", to.toString())
            .append("minutes", minutes)
            .append("records", approved.size())
            .append("recordIds", recordIds)
            .append("services", services)
            .append("organisations", new ArrayList<>(organisations))
            .append(
                "issuer",
                new Document("name", by.name())
                    .append("head", by.head())
                    .append("handler", by.handler())
                    .append("contact", by.contact()))
            .append("issuedOn", today.toString())
            .append("issuedBy", caller.subject())
            .append("issuedAt", Instant.now(clock).toString());
    certificates.insertOne(doc);
    audit.record("CERTIFICATE_ISSUED", "certificate", number, Outcome.SUCCESS, volunteerId);
    return CertificateView.of(doc);
  }

  public List<CertificateView> of(String volunteerId) {
    Actor caller = Actor.current();
    Document volunteer = volunteers.visible(volunteerId);
    if (!Volunteers.isSelf(caller, volunteer) && !volunteers.organises(caller, volunteer)) {
      throw Problem.forbidden();
    }
    List<CertificateView> found = new ArrayList<>();
    for (Document doc :
        certificates
            .find(eq("volunteerId", volunteer.getString("_id")))
            .sort(Sorts.descending("issuedAt"))) {
      found.add(CertificateView.of(doc));
    }
    return found;
  }

  /** The certificate as a PDF, for the volunteer and their organisers. */
  public byte[] pdf(String number) {
    Document doc = certificates.find(eq("_id", number)).first();
    if (doc == null) {
      throw Problem.notFound("volunteer.certificate-not-found", number);
    }
    Actor caller = Actor.current();
    Document volunteer = volunteers.visible(doc.getString("volunteerId"));
    if (!Volunteers.isSelf(caller, volunteer) && !volunteers.organises(caller, volunteer)) {
      throw Problem.forbidden();
    }
    Document issuer = doc.get("issuer", Document.class);
    try {
      return pdf.render(
          new CertificateContent(
              number,
              doc.getString("name"),
              doc.getString("idType"),
              doc.getString("idNumberMasked"),
              doc.getString("volunteerNumber"),
              LocalDate.parse(doc.getString("from")),
              LocalDate.parse(doc.getString("to")),
              hours(doc.get("minutes", Number.class).longValue()),
              doc.getInteger("records"),
              doc.getList("services", Document.class).stream()
                  .map(
                      s ->
                          new Service(
                              s.getString("kind"),
                              hours(s.get("minutes", Number.class).longValue()),
                              s.getInteger("times")))
                  .toList(),
              doc.getList("organisations", String.class),
              new Issuer(
                  issuer.getString("name"),
                  issuer.getString("head"),
                  issuer.getString("handler"),
                  issuer.getString("contact")),
              LocalDate.parse(doc.getString("issuedOn")),
              verificationUrl.replace("{number}", number)));
    } catch (IllegalStateException noFont) {
      log.error("certificate {}: no usable CJK font: {}", number, noFont.getMessage());
      throw Problem.unavailable("volunteer.certificate-font-missing");
    }
  }

  /** 证明核验: genuine or not, and what it certifies — no personal data. Public. */
  public Verification verify(String number) {
    Document doc = certificates.find(eq("_id", number)).first();
    if (doc == null) {
      return new Verification(number, false, null, null, null, null, null, null, null);
    }
    return new Verification(
        number,
        true,
        Masking.publicName(doc.getString("name")),
        maskNumber(doc.getString("volunteerNumber")),
        doc.getString("from"),
        doc.getString("to"),
        hours(doc.get("minutes", Number.class).longValue()),
        doc.get("issuer", Document.class).getString("name"),
        doc.getString("issuedOn"));
  }

  public record Verification(
      String number,
      boolean genuine,
      String volunteerName,
      String volunteerNumber,
      String from,
      String to,
      BigDecimal hours,
      String issuer,
      String issuedOn) {}

  public record CertificateView(
      String number,
      String volunteerId,
      String volunteerNumber,
      String from,
      String to,
      BigDecimal hours,
      int records,
      String issuer,
      String issuedOn) {

    static CertificateView of(Document d) {
      return new CertificateView(
          d.getString("_id"),
          d.getString("volunteerId"),
          d.getString("volunteerNumber"),
          d.getString("from"),
          d.getString("to"),
          Certificates.hours(d.get("minutes", Number.class).longValue()),
          d.getInteger("records"),
          d.get("issuer", Document.class).getString("name"),
          d.getString("issuedOn"));
    }
  }

  static BigDecimal hours(long minutes) {
    return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN);
  }

  private static String maskNumber(String number) {
    if (number == null || number.length() < 8) {
      return number;
    }
    return number.substring(0, 4)
        + "*".repeat(number.length() - 8)
        + number.substring(number.length() - 4);
  }
}
