package org.fourinone.publicservice.residents;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
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
import org.fourinone.kit.validation.IdNumbers;
import org.fourinone.kit.validation.MobileNumbers;
import org.fourinone.order.OrderEvents;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.access.Territory;
import org.fourinone.order.residents.ResidentDirectory;
import org.fourinone.publicservice.geography.Community;
import org.fourinone.publicservice.geography.Geography;

/**
 * The resident registry (一人一档). ID numbers and phones are stored encrypted, with a keyed hash of
 * the ID number to find duplicates; registration and its event are one document write; other
 * systems learn of the resident from {@code community.residents.v1}, masked.
 */
public class ResidentRegistry implements ResidentDirectory {

  public static final String COLLECTION = "residents";

  /**
   * The file's count of orders in the other systems, by system (written by orders.ResidentFile).
   */
  public static final String SERVICES_ELSEWHERE = "servicesElsewhere";

  private final MongoCollection<Document> residents;
  private final Geography geography;
  private final PersonalData pii;
  private final IdempotencyKeys idempotency;
  private final AuditTrail audit;
  private OutboxRelay relay;

  ResidentRegistry(
      MongoDatabase database,
      Geography geography,
      PersonalData pii,
      IdempotencyKeys idempotency,
      AuditTrail audit) {
    this.audit = audit;
    this.residents = database.getCollection(COLLECTION);
    this.geography = geography;
    this.pii = pii;
    this.idempotency = idempotency;
    residents.createIndex(
        Indexes.ascending("idNumberHash"), new IndexOptions().unique(true).name("id_number_once"));
    residents.createIndex(Indexes.ascending("communityId"));
    // the call centre's look-ups (search): by name within a community, by the phone's keyed hash
    residents.createIndex(
        Indexes.ascending("communityId", "name"), new IndexOptions().name("community_name"));
    residents.createIndex(Indexes.ascending("phoneHash"), new IndexOptions().name("phone_hash"));
  }

  MongoCollection<Document> collection() {
    return residents;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  public record Registered(ResidentView resident, boolean replayed) {}

  public Registered register(RegisterResidentRequest request, String idempotencyKey) {
    Actor caller = Actor.current();
    if (!caller.hasAny(Role.COMMUNITY_WORKER, Role.CALL_CENTER_OPERATOR, Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    if (!caller.has(Role.DISTRICT_ADMIN) && !request.communityId().equals(caller.communityId())) {
      throw Problem.forbidden("resident.outside-community", request.communityId());
    }
    String idNumber =
        IdNumbers.parse(request.idNumber())
            .orElseThrow(
                () -> Problem.badRequest("resident.id-number-invalid").with("field", "idNumber"));
    String phone =
        MobileNumbers.parse(request.phone())
            .orElseThrow(() -> Problem.badRequest("resident.phone-invalid").with("field", "phone"));
    Community community =
        geography
            .find(request.communityId())
            .orElseThrow(
                () ->
                    Problem.unprocessable("resident.unknown-community", request.communityId())
                        .with("field", "communityId"));
    String residentId = newId();
    boolean replayed = false;
    if (idempotencyKey != null) {
      var claim =
          idempotency.claim(
              "residents:" + caller.subject(),
              idempotencyKey,
              request.fingerprint(pii),
              () -> newId());
      residentId = claim.resourceId();
      if (!claim.firstTime()) {
        Optional<ResidentView> earlier = view(residentId);
        if (earlier.isPresent()) {
          return new Registered(earlier.get(), true);
        }
        replayed = true;
      }
    }
    String idHash = pii.hash(idNumber);
    Document earlier = holderOf(idNumber);
    if (earlier != null) {
      return alreadyRegistered(earlier, residentId);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Document data =
        new Document("residentId", residentId)
            .append("sequence", 1L)
            .append("name", request.name().trim())
            .append("communityId", community.communityId())
            .append("streetId", community.streetId())
            .append("idNumberMasked", Masking.idNumber(idNumber))
            .append("phoneMasked", Masking.mobile(phone))
            .append("registeredAt", now.toString());
    Document event =
        OutboxRelay.entry(
            UUID.randomUUID().toString(),
            OrderEvents.RESIDENT_REGISTERED,
            1,
            now,
            BsonJson.write(data),
            null);
    Document doc = new Document("_id", residentId);
    doc.putAll(data);
    doc.append("idNumberEncrypted", pii.encrypt(idNumber))
        .append("idNumberHash", idHash)
        .append("idNumberHashKey", pii.activeHashKey())
        .append("phoneEncrypted", pii.encrypt(phone))
        .append("phoneHash", pii.hash(phone))
        .append("address", request.address());
    // a duplicate key is either this id (an earlier attempt of the same request) or this ID number
    if (!relay.insert(doc, List.of(event))) {
      return alreadyRegistered(holderOf(idNumber), residentId);
    }
    audit.record(
        "RESIDENT_REGISTERED", "resident", residentId, Outcome.SUCCESS, community.communityId());
    return new Registered(view(doc), replayed);
  }

  /**
   * The resident registered with this ID number, found by its keyed hash under every configured
   * hash key: while the hash key rotates, older records still carry a hash under the older key.
   */
  private Document holderOf(String idNumber) {
    return residents.find(in("idNumberHash", pii.hashCandidates(idNumber))).first();
  }

  private Registered alreadyRegistered(Document holder, String residentId) {
    if (holder != null && holder.getString("_id").equals(residentId)) {
      return new Registered(view(holder), true);
    }
    throw Problem.conflict(
            "resident.already-registered", holder == null ? "?" : holder.getString("_id"))
        .with("residentId", holder == null ? null : holder.getString("_id"));
  }

  private Optional<ResidentView> view(String residentId) {
    return Optional.ofNullable(residents.find(eq("_id", residentId)).first())
        .map(ResidentRegistry::view);
  }

  /** A resident's record, masked, for a caller whose territory covers it; audited. */
  public ResidentView read(String residentId) {
    Actor caller = Actor.current();
    if (caller.hasAny(Role.ORGANISATION_STAFF, Role.VOLUNTEER, Role.PLATFORM_OPERATOR)
        && !readsResidents(caller)) {
      throw Problem.forbidden();
    }
    ResidentView view =
        view(residentId)
            .filter(v -> AccessPolicy.covers(caller, territory(v)))
            .orElseThrow(() -> Problem.notFound("resident.not-found", residentId));
    audit.record("RESIDENT_READ", "resident", residentId, Outcome.SUCCESS, null);
    return view;
  }

  /** Most residents one search answers: a look-up, not a listing of the registry. */
  static final int SEARCH_LIMIT = 20;

  /**
   * The call centre's look-up: residents of the caller's territory by their exact name (within a
   * community: the caller's own unless they cover more), or by their mobile number, matched by its
   * keyed hash (the number itself is never stored in clear nor searched). Masked, audited.
   */
  public List<ResidentView> search(String communityId, String name, String phone) {
    Actor caller = Actor.current();
    if (!AccessPolicy.runsATerritory(caller)) {
      throw Problem.forbidden();
    }
    boolean byPhone = phone != null && !phone.isBlank();
    List<Bson> filter = new ArrayList<>();
    if (byPhone) {
      String mobile =
          MobileNumbers.parse(phone)
              .orElseThrow(
                  () -> Problem.badRequest("resident.phone-invalid").with("field", "phone"));
      filter.add(in("phoneHash", pii.hashCandidates(mobile)));
    } else if (name != null && !name.isBlank()) {
      filter.add(eq("name", name.trim()));
    } else {
      throw Problem.badRequest("resident.search-needs-name-or-phone").with("field", "name");
    }
    if (communityId != null && !communityId.isBlank()) {
      filter.add(eq("communityId", communityId));
    } else if (!caller.has(Role.DISTRICT_ADMIN)
        && !caller.has(Role.STREET_OFFICER)
        && caller.communityId() != null) {
      filter.add(eq("communityId", caller.communityId()));
    }
    List<ResidentView> found = new ArrayList<>();
    for (Document d : residents.find(and(filter)).limit(SEARCH_LIMIT * 2)) {
      ResidentView v = view(d);
      if (AccessPolicy.covers(caller, territory(v)) && found.size() < SEARCH_LIMIT) {
        found.add(v);
      }
    }
    audit.record(
        "RESIDENT_SEARCHED",
        "resident",
        found.size() == 1 ? found.get(0).residentId() : null,
        Outcome.SUCCESS,
        (byPhone ? "phone" : "name") + ", " + found.size() + " found");
    return found;
  }

  /**
   * The ID number and phone in clear: for the resident themself, a community worker of their
   * community and the district administrator; every read is audited.
   */
  public PersonalDataView personalData(String residentId) {
    Actor caller = Actor.current();
    if (!caller.hasAny(Role.RESIDENT, Role.COMMUNITY_WORKER, Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    Document doc = residents.find(eq("_id", residentId)).first();
    if (doc == null || !AccessPolicy.covers(caller, territory(view(doc)))) {
      throw Problem.notFound("resident.not-found", residentId);
    }
    boolean self = caller.has(Role.RESIDENT) && residentId.equals(caller.residentId());
    boolean ownCommunity =
        caller.has(Role.COMMUNITY_WORKER)
            && doc.getString("communityId").equals(caller.communityId());
    if (!self && !ownCommunity && !caller.has(Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    audit.record(
        "RESIDENT_PERSONAL_DATA_READ", "resident", residentId, Outcome.SUCCESS, "idNumber,phone");
    return new PersonalDataView(
        residentId,
        pii.decrypt(doc.getString("idNumberEncrypted")),
        pii.decrypt(doc.getString("phoneEncrypted")));
  }

  private static boolean readsResidents(Actor caller) {
    return caller.hasAny(Role.RESIDENT, Role.PARTNER_SYSTEM) || AccessPolicy.runsATerritory(caller);
  }

  private static Territory territory(ResidentView v) {
    return new Territory(v.residentId(), v.communityId(), v.streetId());
  }

  @Override
  public Optional<ResidentSummary> find(String residentId) {
    return Optional.ofNullable(
            residents
                .find(eq("_id", residentId))
                .projection(new Document("name", 1).append("communityId", 1).append("streetId", 1))
                .first())
        .map(d -> ResidentSummary.of(residentId, d));
  }

  private static ResidentView view(Document d) {
    return new ResidentView(
        d.getString("_id"),
        d.getString("name"),
        d.getString("idNumberMasked"),
        d.getString("phoneMasked"),
        d.getString("communityId"),
        d.getString("streetId"),
        d.getString("address"),
        Instant.parse(d.getString("registeredAt")),
        servicesElsewhere(d));
  }

  private static Map<String, Map<String, Integer>> servicesElsewhere(Document d) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    if (d.get(SERVICES_ELSEWHERE) instanceof Document bySystem) {
      bySystem.forEach(
          (system, value) -> {
            Map<String, Integer> kinds = new TreeMap<>();
            if (value instanceof Document byKind) {
              byKind.forEach((kind, n) -> kinds.put(kind, ((Number) n).intValue()));
            }
            counts.put(system, kinds);
          });
    }
    return counts;
  }

  private static String newId() {
    return RandomIds.of("R-", 10);
  }
}
