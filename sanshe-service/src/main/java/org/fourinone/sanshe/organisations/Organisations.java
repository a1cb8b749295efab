package org.fourinone.sanshe.organisations;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.personaldata.Masking;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.CreditCodes;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.kit.validation.IdNumbers;
import org.fourinone.kit.validation.MobileNumbers;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.TerritoryFilter;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.sanshe.menu.Menu;
import org.fourinone.sanshe.organisations.OrganisationRequests.ChangeStatusRequest;
import org.fourinone.sanshe.organisations.OrganisationRequests.OfferRequest;
import org.fourinone.sanshe.organisations.OrganisationRequests.RegisterOrganisationRequest;
import org.fourinone.sanshe.organisations.OrganisationRequests.SettlementRequest;

/**
 * The registry of social organisations (社会组织). An organisation is one document with its offers (the
 * menu items it publishes), its status history and its outbox; every change and its event are one
 * write. The legal representative's ID number and phone are kept encrypted and served masked; a
 * clear read is audited.
 *
 * <p>Scope: the district sees every organisation; a street officer those of their street; a
 * community's staff those registered in, or serving, their community; an organisation's staff their
 * own. Others with a business role get 404, roles that never read the registry 403.
 */
public class Organisations {

  public static final String COLLECTION = "organisations";
  public static final String REGISTERED = "org.fourinone.sanshe.organisation.registered.v1";
  public static final String STATUS_CHANGED = "org.fourinone.sanshe.organisation.status-changed.v1";
  public static final String ELIMINATED = "org.fourinone.sanshe.organisation.eliminated.v1";
  public static final String OFFER_PUBLISHED = "org.fourinone.sanshe.offer.published.v1";
  public static final String OFFER_WITHDRAWN = "org.fourinone.sanshe.offer.withdrawn.v1";
  public static final String RATED = "org.fourinone.sanshe.organisation.rated.v1";

  private static final int MAX_ATTEMPTS = 5;
  private static final Set<Role> READERS =
      Set.of(
          Role.COMMUNITY_WORKER,
          Role.CALL_CENTER_OPERATOR,
          Role.SOCIAL_WORKER,
          Role.PARTY_STAFF,
          Role.STREET_OFFICER,
          Role.DISTRICT_ADMIN,
          Role.PARTNER_SYSTEM,
          Role.ORGANISATION_STAFF);

  private final MongoCollection<Document> organisations;
  private final Menu menu;
  private final ReferenceReplica places;
  private final PersonalData pii;
  private final IdempotencyKeys idempotency;
  private final AuditTrail audit;
  private final Pattern filingNumber;
  private final ZoneId zone;
  private final Clock clock;
  private OutboxRelay relay;

  public Organisations(
      MongoDatabase database,
      Menu menu,
      ReferenceReplica places,
      PersonalData pii,
      IdempotencyKeys idempotency,
      AuditTrail audit,
      String filingNumberPattern,
      ZoneId zone,
      Clock clock) {
    this.organisations = database.getCollection(COLLECTION);
    this.menu = menu;
    this.places = places;
    this.pii = pii;
    this.idempotency = idempotency;
    this.audit = audit;
    this.filingNumber = Pattern.compile(filingNumberPattern);
    this.zone = zone;
    this.clock = clock;
    organisations.createIndex(
        Indexes.ascending("creditCode"),
        new IndexOptions().unique(true).sparse(true).name("credit_code_once"));
    organisations.createIndex(
        Indexes.ascending("filingNumber"),
        new IndexOptions().unique(true).sparse(true).name("filing_number_once"));
    organisations.createIndex(Indexes.ascending("communityIds"), new IndexOptions().name("serves"));
    organisations.createIndex(Indexes.ascending("streetIds"), new IndexOptions().name("streets"));
    // dispatch: who offers an item in a community
    organisations.createIndex(
        Indexes.ascending("offers.item", "offers.communities"), new IndexOptions().name("offers"));
  }

  public MongoCollection<Document> collection() {
    return organisations;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  public record Registered(OrganisationView organisation, boolean replayed) {}

  public Registered register(RegisterOrganisationRequest request, String idempotencyKey) {
    Actor caller = Actor.current();
    OrganisationKind kind = parse(OrganisationKind.class, "kind", request.kind());
    if (!caller.has(Role.DISTRICT_ADMIN)
        && !(caller.has(Role.STREET_OFFICER)
            && kind == OrganisationKind.COMMUNITY_ORGANISATION
            && request.homeStreetId().equals(caller.streetId()))) {
      throw Problem.forbidden();
    }
    Document doc = newDocument(request, kind);
    String organisationId =
        request.organisationId() != null ? request.organisationId() : "ORG-" + RandomIds.chars(8);
    boolean replayed = false;
    if (idempotencyKey != null) {
      var claim =
          idempotency.claim(
              "organisations:" + caller.subject(),
              idempotencyKey,
              fingerprint(request),
              () -> organisationId);
      if (!claim.firstTime()) {
        Optional<Document> earlier = find(claim.resourceId());
        if (earlier.isPresent()) {
          return new Registered(OrganisationView.of(earlier.get()), true);
        }
        replayed = true;
      }
      doc.put("_id", claim.resourceId());
    } else {
      doc.put("_id", organisationId);
    }
    Instant now = now();
    doc.append("registeredAt", now.toString())
        .append(
            "statusHistory",
            List.of(
                new Document("status", doc.getString("status"))
                    .append("at", now.toString())
                    .append("by", caller.subject())
                    .append("reason", "登记")));
    doc.append("sequence", 1L);
    if (!relay.insert(doc, List.of(event(REGISTERED, doc, now)))) {
      return new Registered(OrganisationView.of(alreadyRegistered(doc)), true);
    }
    audit.record(
        "ORGANISATION_REGISTERED",
        "organisation",
        doc.getString("_id"),
        Outcome.SUCCESS,
        kind + " " + doc.getString("name"));
    return new Registered(OrganisationView.of(doc), replayed);
  }

  /** The same id written by an earlier attempt of this request, or a 409 naming the holder. */
  private Document alreadyRegistered(Document doc) {
    Document same = find(doc.getString("_id")).orElse(null);
    if (same != null
        && java.util.Objects.equals(same.getString("creditCode"), doc.getString("creditCode"))
        && java.util.Objects.equals(
            same.getString("filingNumber"), doc.getString("filingNumber"))) {
      return same;
    }
    List<Bson> any = new ArrayList<>();
    any.add(eq("_id", doc.getString("_id")));
    if (doc.getString("creditCode") != null) {
      any.add(eq("creditCode", doc.getString("creditCode")));
    }
    if (doc.getString("filingNumber") != null) {
      any.add(eq("filingNumber", doc.getString("filingNumber")));
    }
    Document holder = organisations.find(com.mongodb.client.model.Filters.or(any)).first();
    String holderId = holder == null ? "?" : holder.getString("_id");
    throw Problem.conflict("sanshe.organisation-already-registered", holderId)
        .with("organisationId", holderId);
  }

  private Document newDocument(RegisterOrganisationRequest r, OrganisationKind kind) {
    SelfKind selfKind = null;
    if (kind == OrganisationKind.COMMUNITY_ORGANISATION) {
      selfKind = parse(SelfKind.class, "selfKind", r.selfKind());
    } else if (r.selfKind() != null && !r.selfKind().isBlank()) {
      throw Problem.badRequest("sanshe.self-kind-only-for-community").with("field", "selfKind");
    }
    String creditCode = null;
    if (r.creditCode() != null && !r.creditCode().isBlank()) {
      creditCode =
          CreditCodes.parse(r.creditCode())
              .orElseThrow(
                  () ->
                      Problem.badRequest("sanshe.credit-code-invalid", r.creditCode().trim())
                          .with("field", "creditCode"));
      if (creditCode.charAt(0) == CreditCodes.CIVIL_AFFAIRS
          && kind != OrganisationKind.COMMUNITY_ORGANISATION
          && creditCode.charAt(1) != kind.creditCodeCategory()) {
        throw Problem.unprocessable("sanshe.credit-code-kind-mismatch", creditCode, kind)
            .with("field", "creditCode");
      }
    }
    String filing = blankToNull(r.filingNumber());
    if (filing != null && !filingNumber.matcher(filing).matches()) {
      throw Problem.badRequest("sanshe.filing-number-invalid", filing, filingNumber.pattern())
          .with("field", "filingNumber");
    }
    if (kind == OrganisationKind.COMMUNITY_ORGANISATION) {
      if (creditCode == null && filing == null) {
        throw Problem.badRequest("sanshe.filing-number-required").with("field", "filingNumber");
      }
    } else if (creditCode == null) {
      throw Problem.badRequest("sanshe.credit-code-required").with("field", "creditCode");
    }
    List<String> domains =
        r.serviceDomains() == null
            ? List.of()
            : List.copyOf(new LinkedHashSet<>(r.serviceDomains()));
    for (String domain : domains) {
      if (menu.category(domain).isEmpty()) {
        throw Problem.unprocessable("sanshe.unknown-category", domain)
            .with("field", "serviceDomains")
            .with("allowed", menu.categories().stream().map(Menu.Category::code).toList());
      }
    }
    String street = r.homeStreetId();
    if (!streetKnown(street)) {
      throw Problem.unprocessable("sanshe.unknown-street", street).with("field", "homeStreetId");
    }
    String community = blankToNull(r.homeCommunityId());
    if (community != null) {
      String itsStreet = streetOf(community, "homeCommunityId");
      if (!itsStreet.equals(street)) {
        throw Problem.unprocessable("sanshe.community-not-in-street", community, street)
            .with("field", "homeCommunityId");
      }
    } else if (kind == OrganisationKind.COMMUNITY_ORGANISATION) {
      throw Problem.badRequest("request.field-required", "homeCommunityId")
          .with("field", "homeCommunityId");
    }
    String idNumber =
        IdNumbers.parse(r.legalRepresentative().idNumber())
            .orElseThrow(
                () ->
                    Problem.badRequest("sanshe.id-number-invalid")
                        .with("field", "legalRepresentative.idNumber"));
    String mobile =
        MobileNumbers.parse(r.legalRepresentative().phone())
            .orElseThrow(
                () ->
                    Problem.badRequest("sanshe.phone-invalid")
                        .with("field", "legalRepresentative.phone"));
    OrganisationStatus status =
        r.status() == null || r.status().isBlank()
            ? OrganisationStatus.INCUBATING
            : parse(OrganisationStatus.class, "status", r.status());
    if (status == OrganisationStatus.ELIMINATED) {
      throw Problem.badRequest("sanshe.cannot-register-eliminated").with("field", "status");
    }
    Document doc =
        new Document("name", r.name().trim())
            .append("kind", kind.name())
            .append("selfKind", selfKind == null ? null : selfKind.name())
            .append("serviceDomains", domains)
            .append(
                "contact",
                new Document("name", r.contact().name().trim())
                    .append("phone", r.contact().phone().trim()))
            .append(
                "legalRepresentative",
                new Document("name", r.legalRepresentative().name().trim())
                    .append("idNumberMasked", Masking.idNumber(idNumber))
                    .append("idNumberEncrypted", pii.encrypt(idNumber))
                    .append("phoneMasked", Masking.mobile(mobile))
                    .append("phoneEncrypted", pii.encrypt(mobile)))
            .append("homeStreetId", street)
            .append("homeCommunityId", community)
            .append("status", status.name())
            .append("settlement", settlement(r.settlement()))
            .append("offers", new ArrayList<Document>())
            .append("stars", null);
    if (creditCode != null) {
      doc.append("creditCode", creditCode);
    }
    if (filing != null) {
      doc.append("filingNumber", filing);
    }
    reach(doc);
    return doc;
  }

  private Document settlement(SettlementRequest s) {
    if (s == null) {
      return null;
    }
    SettlementLevel level = parse(SettlementLevel.class, "settlement.level", s.level());
    switch (level) {
      case STREET -> {
        if (!streetKnown(s.centreId())) {
          throw Problem.unprocessable("sanshe.unknown-street", s.centreId())
              .with("field", "settlement.centreId");
        }
      }
      case COMMUNITY -> streetOf(s.centreId(), "settlement.centreId");
      case DISTRICT -> {
        // the district's own centre: any id the district uses
      }
    }
    if (s.since().isAfter(LocalDate.now(clock.withZone(zone)))) {
      throw Problem.badRequest("sanshe.date-in-future", s.since())
          .with("field", "settlement.since");
    }
    return new Document("level", level.name())
        .append("centreId", s.centreId())
        .append("since", s.since().toString())
        .append("room", blankToNull(s.room()));
  }

  /** The organisation as the caller may see it (masked), or 404 / 403. */
  public OrganisationView read(String organisationId) {
    return OrganisationView.of(visible(organisationId));
  }

  /** The document, if the caller may see it. */
  Document visible(String organisationId) {
    Actor caller = Actor.current();
    requireReader(caller);
    return find(organisationId)
        .filter(doc -> sees(caller, doc))
        .orElseThrow(() -> Problem.notFound("sanshe.organisation-not-found", organisationId));
  }

  /** The organisations of the caller's scope, filtered, by name. */
  public PageOf<OrganisationView> list(
      String kind, String status, String communityId, String item, int page, int size) {
    Actor caller = Actor.current();
    requireReader(caller);
    List<Bson> filter = new ArrayList<>();
    filter.add(scope(caller));
    if (kind != null) {
      filter.add(eq("kind", parse(OrganisationKind.class, "kind", kind).name()));
    }
    if (status != null) {
      filter.add(eq("status", parse(OrganisationStatus.class, "status", status).name()));
    }
    if (communityId != null) {
      filter.add(eq("communityIds", communityId));
    }
    if (item != null) {
      filter.add(eq("offers.item", item));
    }
    Bson all = and(filter);
    long total = organisations.countDocuments(all);
    List<OrganisationView> items = new ArrayList<>();
    for (Document doc :
        organisations
            .find(all)
            .sort(Sorts.ascending("name", "_id"))
            .skip(page * size)
            .limit(size)) {
      items.add(OrganisationView.of(doc));
    }
    return PageOf.of(items, page, size, total);
  }

  /** 法定代表人's ID number and phone in clear: the district and the organisation itself; audited. */
  public LegalRepresentativeView legalRepresentative(String organisationId) {
    Actor caller = Actor.current();
    Document doc = visible(organisationId);
    if (!caller.has(Role.DISTRICT_ADMIN) && !ownStaff(caller, organisationId)) {
      throw Problem.forbidden();
    }
    Document rep = doc.get("legalRepresentative", Document.class);
    audit.record(
        "ORGANISATION_PERSONAL_DATA_READ", "organisation", organisationId, Outcome.SUCCESS, null);
    return new LegalRepresentativeView(
        rep.getString("name"),
        pii.decrypt(rep.getString("idNumberEncrypted")),
        pii.decrypt(rep.getString("phoneEncrypted")));
  }

  public record LegalRepresentativeView(String name, String idNumber, String phone) {}

  /** Publishes (or changes) the organisation's offer of a menu item: 点单 menus. */
  public OrganisationView publishOffer(String organisationId, String itemCode, OfferRequest offer) {
    Actor caller = Actor.current();
    requireOwnStaffOrDistrict(caller, organisationId);
    if (menu.item(itemCode).isEmpty()) {
      throw Problem.unprocessable("sanshe.unknown-item", itemCode).with("field", "item");
    }
    List<String> communities = List.copyOf(new LinkedHashSet<>(offer.communities()));
    for (String community : communities) {
      streetOf(community, "communities");
    }
    BigDecimal price = offer.price().stripTrailingZeros();
    if (price.scale() > 2) {
      throw Problem.badRequest("sanshe.price-precision", offer.price()).with("field", "price");
    }
    Document entry =
        new Document("item", itemCode)
            .append("price", price.doubleValue())
            .append("free", price.signum() == 0)
            .append("capacityPerWeek", offer.capacityPerWeek())
            .append("communities", communities)
            .append("publishedAt", now().toString());
    return change(
        organisationId,
        OFFER_PUBLISHED,
        doc -> {
          requireNotEliminated(doc);
          List<Document> offers = new ArrayList<>(offers(doc));
          offers.removeIf(o -> o.getString("item").equals(itemCode));
          offers.add(entry);
          doc.put("offers", offers);
        },
        "OFFER_PUBLISHED " + itemCode);
  }

  public OrganisationView withdrawOffer(String organisationId, String itemCode) {
    Actor caller = Actor.current();
    requireOwnStaffOrDistrict(caller, organisationId);
    return change(
        organisationId,
        OFFER_WITHDRAWN,
        doc -> {
          List<Document> offers = new ArrayList<>(offers(doc));
          if (!offers.removeIf(o -> o.getString("item").equals(itemCode))) {
            throw Problem.notFound("sanshe.offer-not-found", organisationId, itemCode);
          }
          doc.put("offers", offers);
        },
        "OFFER_WITHDRAWN " + itemCode);
  }

  /** A change of status (启用, 暂停, 淘汰) with who decided and why. */
  public OrganisationView changeStatus(String organisationId, ChangeStatusRequest request) {
    Actor caller = Actor.current();
    OrganisationStatus to = parse(OrganisationStatus.class, "status", request.status());
    requireRegistrar(caller, visible(organisationId));
    return changeStatus(organisationId, to, caller.subject(), request.reason());
  }

  /** The change itself, for the registry's own decisions (an elimination decided in evaluation). */
  public OrganisationView changeStatus(
      String organisationId, OrganisationStatus to, String by, String reason) {
    return change(
        organisationId,
        to == OrganisationStatus.ELIMINATED ? ELIMINATED : STATUS_CHANGED,
        doc -> {
          OrganisationStatus from = OrganisationStatus.valueOf(doc.getString("status"));
          if (!from.next().contains(to)) {
            throw Problem.conflict("sanshe.illegal-status-change", from, to)
                .with("currentStatus", from)
                .with("allowed", from.next());
          }
          doc.put("status", to.name());
          List<Document> history = new ArrayList<>(doc.getList("statusHistory", Document.class));
          history.add(
              new Document("status", to.name())
                  .append("at", now().toString())
                  .append("by", by)
                  .append("reason", reason));
          doc.put("statusHistory", history);
        },
        "STATUS " + to);
  }

  /** Results of the annual inspection (年检). */
  public enum InspectionResult {
    PASSED,
    BASICALLY_PASSED,
    FAILED
  }

  /**
   * 年检: the year's annual inspection, recorded by the district (or the street, for the community
   * organisations it files), beside that year's party check-up.
   */
  public OrganisationView recordInspection(
      String organisationId, int year, String result, String note) {
    Actor caller = Actor.current();
    Document current = visible(organisationId);
    requireRegistrar(caller, current);
    InspectionResult parsed = EnumValues.parse(InspectionResult.class, "result", result);
    requireYear(year);
    Document inspection =
        new Document("result", parsed.name())
            .append("note", note)
            .append("by", caller.subject())
            .append("at", now().toString());
    return changeWithoutEvent(
        organisationId, "inspections." + year + ".inspection", inspection, "INSPECTION " + year);
  }

  /**
   * 党建体检 (the "三三三" method's third synchronisation): whether the organisation has a party branch
   * and its activity in the year, as the party system reports it — by its people here (party staff,
   * the district), later by its events.
   */
  public OrganisationView reportPartyCheck(
      String organisationId, int year, boolean hasBranch, String branchName, int activities) {
    Actor caller = Actor.current();
    visible(organisationId);
    if (!caller.hasAny(Role.PARTY_STAFF, Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    requireYear(year);
    Document check =
        new Document("hasBranch", hasBranch)
            .append("branchName", branchName)
            .append("activities", activities)
            .append("source", "manual")
            .append("by", caller.subject())
            .append("at", now().toString());
    return changeWithoutEvent(
        organisationId, "inspections." + year + ".partyCheck", check, "PARTY_CHECK " + year);
  }

  private OrganisationView changeWithoutEvent(
      String organisationId, String path, Document value, String auditNote) {
    Document after =
        organisations.findOneAndUpdate(
            eq("_id", organisationId),
            new Document("$set", new Document(path, value)),
            new com.mongodb.client.model.FindOneAndUpdateOptions()
                .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
    if (after == null) {
      throw Problem.notFound("sanshe.organisation-not-found", organisationId);
    }
    audit.record(
        "ORGANISATION_CHANGED", "organisation", organisationId, Outcome.SUCCESS, auditNote);
    return OrganisationView.of(after);
  }

  private void requireYear(int year) {
    int thisYear = clock.instant().atZone(zone).getYear();
    if (year > thisYear || year < 2000) {
      throw Problem.badRequest("sanshe.date-in-future", year).with("field", "year");
    }
  }

  private static void requireRegistrar(Actor caller, Document organisation) {
    boolean streetFiles =
        caller.has(Role.STREET_OFFICER)
            && OrganisationKind.COMMUNITY_ORGANISATION.name().equals(organisation.getString("kind"))
            && caller.streetId() != null
            && caller.streetId().equals(organisation.getString("homeStreetId"));
    if (!caller.has(Role.DISTRICT_ADMIN) && !streetFiles) {
      throw Problem.forbidden();
    }
  }

  /** The stars of the latest evaluation round (星级评定), set by the round's publication. */
  public OrganisationView rate(String organisationId, int stars, String roundId) {
    return change(
        organisationId,
        RATED,
        doc -> doc.append("stars", stars).append("starsRound", roundId),
        "RATED " + stars);
  }

  interface Change {
    void apply(Document doc);
  }

  private OrganisationView change(
      String organisationId, String eventType, Change change, String auditNote) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current =
          find(organisationId)
              .orElseThrow(() -> Problem.notFound("sanshe.organisation-not-found", organisationId));
      long sequence = current.get("sequence", Number.class).longValue();
      Document next = new Document(current);
      next.remove(OutboxRelay.FIELD);
      change.apply(next);
      reach(next);
      next.put("sequence", sequence + 1);
      Instant now = now();
      Document fields = new Document(next);
      fields.remove("_id");
      if (relay.update(
          organisationId,
          and(eq("_id", organisationId), eq("sequence", sequence)),
          new Document("$set", fields),
          List.of(event(eventType, next, now)))) {
        audit.record(
            "ORGANISATION_CHANGED", "organisation", organisationId, Outcome.SUCCESS, auditNote);
        return OrganisationView.of(next);
      }
    }
    throw Problem.conflict("sanshe.concurrent-change", organisationId);
  }

  /** Where the organisation is at home and serves: the fields the scope filter reads. */
  private void reach(Document doc) {
    Set<String> communities = new LinkedHashSet<>();
    Set<String> streets = new LinkedHashSet<>();
    streets.add(doc.getString("homeStreetId"));
    if (doc.getString("homeCommunityId") != null) {
      communities.add(doc.getString("homeCommunityId"));
    }
    for (Document offer : offers(doc)) {
      for (String community : offer.getList("communities", String.class)) {
        communities.add(community);
        places.streetOf(community).ifPresent(streets::add);
      }
    }
    doc.put("communityIds", new ArrayList<>(communities));
    doc.put("streetIds", new ArrayList<>(streets));
  }

  static List<Document> offers(Document doc) {
    return doc.getList("offers", Document.class, List.of());
  }

  private Document event(String type, Document doc, Instant at) {
    long sequence = doc.get("sequence", Number.class).longValue();
    Document data = OrganisationView.eventData(doc);
    return OutboxRelay.entry(
        UUID.randomUUID().toString(), type, sequence, at, BsonJson.write(data), null);
  }

  public Optional<Document> find(String organisationId) {
    return Optional.ofNullable(organisations.find(eq("_id", organisationId)).first());
  }

  /** The active organisations offering {@code item} in {@code community}. */
  public List<Document> offering(String item, String community) {
    List<Document> found = new ArrayList<>();
    organisations
        .find(
            and(
                eq("status", OrganisationStatus.ACTIVE.name()),
                com.mongodb.client.model.Filters.elemMatch(
                    "offers", and(eq("item", item), eq("communities", community)))))
        .into(found);
    return found;
  }

  private boolean sees(Actor caller, Document doc) {
    if (caller.hasAny(Role.DISTRICT_ADMIN, Role.PARTNER_SYSTEM)) {
      return true;
    }
    if (ownStaff(caller, doc.getString("_id"))) {
      return true;
    }
    if (caller.has(Role.STREET_OFFICER)
        && doc.getList("streetIds", String.class, List.of()).contains(caller.streetId())) {
      return true;
    }
    return caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)
        && caller.communityId() != null
        && doc.getList("communityIds", String.class, List.of()).contains(caller.communityId());
  }

  private static final TerritoryFilter TERRITORY =
      new TerritoryFilter("communityIds", "streetIds", "_id", null);

  private static Bson scope(Actor caller) {
    return TERRITORY.of(caller);
  }

  private static void requireReader(Actor caller) {
    if (caller.roles().stream().noneMatch(READERS::contains)) {
      throw Problem.forbidden();
    }
  }

  static boolean ownStaff(Actor caller, String organisationId) {
    return caller.has(Role.ORGANISATION_STAFF) && organisationId.equals(caller.organisationId());
  }

  private void requireOwnStaffOrDistrict(Actor caller, String organisationId) {
    if (caller.has(Role.DISTRICT_ADMIN) || ownStaff(caller, organisationId)) {
      return;
    }
    visible(organisationId); // 404 if the caller may not even see it
    throw Problem.forbidden();
  }

  private static void requireNotEliminated(Document doc) {
    if (OrganisationStatus.ELIMINATED.name().equals(doc.getString("status"))) {
      throw Problem.conflict("sanshe.organisation-eliminated", doc.getString("_id"));
    }
  }

  private boolean streetKnown(String streetId) {
    return places.communitiesOf(streetId) > 0;
  }

  /** The street of a community the platform knows, or 422 naming the field. */
  private String streetOf(String communityId, String field) {
    return places
        .streetOf(communityId)
        .orElseThrow(
            () ->
                Problem.unprocessable("sanshe.unknown-community", communityId)
                    .with("field", field));
  }

  private static String fingerprint(RegisterOrganisationRequest r) {
    // the request without personal data in clear: the fingerprint is stored
    return String.join(
        "|",
        String.valueOf(r.organisationId()),
        r.name(),
        r.kind(),
        String.valueOf(r.creditCode()),
        String.valueOf(r.filingNumber()),
        r.homeStreetId(),
        String.valueOf(r.homeCommunityId()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    return EnumValues.parse(type, field, value);
  }
}
