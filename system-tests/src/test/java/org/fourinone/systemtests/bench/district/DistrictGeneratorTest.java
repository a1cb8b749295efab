package org.fourinone.systemtests.bench.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.local.ProjectRoot;
import org.fourinone.order.Order;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.application.OrderQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The district generator without a platform: the same seed gives the same district, a district
 * loaded in steps holds the orders of one load, and what it writes has the proportions and shapes
 * it promises — every order in all four systems, nothing left for the automation to pick up.
 */
class DistrictGeneratorTest {

  static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
  static final PersonalData DEVELOPMENT_KEYS =
      new PersonalData(new PersonalData.Settings("", "", "", "", "", "", ""));
  static final int ORDERS = 4_000;

  static District district;
  static Memory loaded;
  static DistrictGenerator generator;

  /**
   * What a load wrote, by {@code database.collection}: the documents, or only their JSON (the
   * ciphertexts, made with random IVs, decrypted) to compare loads.
   */
  static final class Memory implements DistrictGenerator.Sink {
    final boolean keep;
    final Map<String, List<Document>> inserted = new LinkedHashMap<>();
    final Map<String, List<String>> json = new LinkedHashMap<>();
    final List<WriteModel<Document>> writes = new ArrayList<>();

    Memory(boolean keep) {
      this.keep = keep;
    }

    @Override
    public void insert(String database, String collection, Document document) {
      String namespace = database + "." + collection;
      if (keep) {
        inserted.computeIfAbsent(namespace, c -> new ArrayList<>()).add(document);
      }
      json.computeIfAbsent(namespace, c -> new ArrayList<>()).add(comparable(document));
    }

    @Override
    public void write(String database, String collection, WriteModel<Document> write) {
      writes.add(write);
    }

    List<Document> of(String namespace) {
      return inserted.getOrDefault(namespace, List.of());
    }

    private static String comparable(Document doc) {
      Document copy = new Document(doc);
      // the time of the write (the statistics' change time), not the district's data
      copy.remove("changedAtMillis");
      for (String field : List.of("idNumberEncrypted", "phoneEncrypted")) {
        if (copy.containsKey(field)) {
          copy.put(field, DEVELOPMENT_KEYS.decrypt(copy.getString(field)));
        }
      }
      return copy.toJson();
    }
  }

  @BeforeAll
  static void load() {
    district = District.load(ProjectRoot.find(), SampleDistrict.COMMUNITIES);
    generator = new DistrictGenerator(district, 14, END, DEVELOPMENT_KEYS);
    loaded = new Memory(true);
    generator.load(ORDERS, loaded);
  }

  @Test
  void theSameSeedGivesTheSameDistrict() {
    Memory again = new Memory(false);
    new DistrictGenerator(district, 14, END, DEVELOPMENT_KEYS).load(ORDERS, again);
    Memory other = new Memory(false);
    new DistrictGenerator(district, 15, END, DEVELOPMENT_KEYS).load(ORDERS / 10, other);

    assertThat(again.json).isEqualTo(loaded.json);
    assertThat(again.writes.toString()).isEqualTo(loaded.writes.toString());
    assertThat(other.json.get("public.orders").get(0))
        .isNotEqualTo(loaded.json.get("public.orders").get(0));
  }

  @Test
  void aDistrictLoadedInStepsHoldsTheOrdersOfOneLoad() {
    DistrictGenerator steps = new DistrictGenerator(district, 14, END, DEVELOPMENT_KEYS);
    Memory first = new Memory(false);
    Memory second = new Memory(false);
    steps.load(ORDERS / 10, first);
    steps.load(ORDERS, second);

    // everything made per order (or per resident) is the same; residents' and volunteers' counts
    // of what came later are changes of the second step (and the teams are made once)
    for (String namespace : loaded.json.keySet()) {
      if (Set.of("volunteer.volunteers", "public.residents", "volunteer.volunteer_teams")
          .contains(namespace)) {
        continue;
      }
      List<String> both = new ArrayList<>(first.json.getOrDefault(namespace, List.of()));
      both.addAll(second.json.getOrDefault(namespace, List.of()));
      assertThat(new HashSet<>(both))
          .as(namespace)
          .isEqualTo(new HashSet<>(loaded.json.get(namespace)));
    }
    assertThat(
            first.json.get("public.residents").size() + second.json.get("public.residents").size())
        .isEqualTo(loaded.of("public.residents").size());
    assertThat(second.writes).isNotEmpty();
  }

  @Test
  void everyOrderIsInAllFourSystemsOnceAsTheOriginsAggregateAndThreeTimesAsAProjection() {
    Map<String, OriginSystem> origins = new HashMap<>();
    for (OriginSystem system : OriginSystem.values()) {
      List<Document> orders = loaded.of(system.segment() + ".orders");
      assertThat(orders).as(system.name()).hasSize(ORDERS);
      for (Document doc : orders) {
        OriginSystem origin = OriginSystem.valueOf(doc.getString("originSystem"));
        origins.merge(doc.getString("_id"), origin, (a, b) -> a == b ? a : null);
        boolean own = origin == system;
        assertThat(doc.containsKey("outbox")).as(doc.getString("_id")).isEqualTo(own);
        // the origin's sequence as the JSON parse gives it; the projection's as the upsert sets it
        assertThat(doc.get("sequence")).isInstanceOf(own ? Integer.class : Long.class);
        assertThat(doc.get("createdAtMillis")).isInstanceOf(Long.class);
        assertThat(doc.get("changedAtMillis"))
            .as("the statistics' change time")
            .isInstanceOf(Long.class);
      }
    }
    assertThat(origins).hasSize(ORDERS).doesNotContainValue(null);
    for (Document doc : loaded.of("party.orders").subList(0, 500)) {
      Document fields = new Document(doc);
      for (String field : List.of("_id", "createdAtMillis", "changedAtMillis", "outbox", "inbox")) {
        fields.remove(field);
      }
      Order order = OrderJson.fromDocument(fields);
      assertThat(order.sequence()).isEqualTo(order.timeline().size());
      assertThat(order.createdAt().toEpochMilli()).isEqualTo(doc.getLong("createdAtMillis"));
      assertThat(order.updatedAt()).isBefore(END.plusMillis(1));
      assertThat(order.orderId()).startsWith(order.originSystem().name() + "-");
    }
  }

  @Test
  void hasTheProportionsItPromises() {
    List<Document> orders = loaded.of("public.orders");
    Map<String, Integer> bySystem = new HashMap<>();
    Map<String, Integer> byStatus = new HashMap<>();
    for (Document doc : orders) {
      bySystem.merge(doc.getString("originSystem"), 1, Integer::sum);
      byStatus.merge(doc.getString("status"), 1, Integer::sum);
    }
    DistrictGenerator.SYSTEM_SHARE.forEach(
        (system, share) ->
            assertThat(bySystem.get(system.name()) / (double) ORDERS)
                .as(system.name())
                .isCloseTo(share, within(0.03)));
    double completed = byStatus.get("COMPLETED") / (double) ORDERS;
    long open = OrderQueries.OPEN.stream().mapToLong(s -> byStatus.getOrDefault(s.name(), 0)).sum();
    assertThat(completed).isBetween(0.85, 0.96);
    assertThat(open).isPositive().isLessThan(ORDERS / 20);
    assertThat(byStatus).containsKeys("CANCELLED", "REJECTED", "SUBMITTED", "IN_PROGRESS");

    int residents = DistrictGenerator.residentsFor(ORDERS);
    assertThat(loaded.of("public.residents")).hasSize(residents);
    for (String db : List.of("party", "sanshe", "volunteer")) {
      assertThat(loaded.of(db + ".residents")).hasSize(residents);
    }
    assertThat(loaded.of("volunteer.volunteers").size() / (double) residents)
        .isCloseTo(1.0 / DistrictGenerator.VOLUNTEER_ONE_IN, within(0.015));
    assertThat(loaded.of("party.memberships").size() / (double) residents)
        .isCloseTo(1.0 / DistrictGenerator.PARTY_MEMBER_ONE_IN, within(0.025));
    // skewed: ten orders a resident on average, the first residents many more
    int[] perResident = new int[residents];
    for (int r = 0; r < residents; r++) {
      perResident[r] = generator.tally().ordersOf(r);
    }
    assertThat(java.util.Arrays.stream(perResident).sum()).isEqualTo(ORDERS);
    assertThat(java.util.Arrays.stream(perResident).max().orElseThrow()).isGreaterThan(40);
    // every community has residents and orders
    for (District.Community c : district.communities()) {
      assertThat(generator.tally().get("orders", c.communityId())).as(c.communityId()).isPositive();
    }
  }

  @Test
  void theDomainRecordsFollowTheOrders() {
    List<Document> sanshe =
        loaded.of("sanshe.orders").stream()
            .filter(d -> d.getString("originSystem").equals("SANSHE"))
            .toList();
    assertThat(loaded.of("sanshe.dispatches")).hasSize(sanshe.size());
    long wanted =
        loaded.of("volunteer.orders").stream()
            .filter(d -> d.get("volunteerWanted") != null)
            .count();
    assertThat(loaded.of("volunteer.needs")).hasSize((int) wanted);
    assertThat(loaded.of("volunteer.service_records")).isNotEmpty();
    assertThat(loaded.of("volunteer.volunteer_tasks")).isNotEmpty();
    assertThat(loaded.of("volunteer.activities")).isNotEmpty();
    assertThat(loaded.of("volunteer.volunteer_teams")).hasSize(1 + 3 + 12);
    // the dispatches' figures the statistics read
    assertThat(loaded.of("sanshe.dispatches"))
        .anyMatch(d -> d.containsKey("acceptMillis") && d.containsKey("completeMillis"))
        .anyMatch(d -> "MANUAL".equals(d.getString("state")))
        .anyMatch(d -> d.containsKey("rating"));
    // the volunteer statistics' days and change times (VolunteerStatistics' buckets)
    for (Document need : loaded.of("volunteer.needs")) {
      assertThat(need.getLong("createdAtMillis"))
          .as(need.getString("_id"))
          .isEqualTo(Instant.parse(need.getString("createdAt")).toEpochMilli());
      assertThat(need.get("changedAtMillis")).as(need.getString("_id")).isInstanceOf(Long.class);
    }
    for (Document record : loaded.of("volunteer.service_records")) {
      assertThat(record.getLong("endMillis"))
          .as(record.getString("_id"))
          .isEqualTo(Instant.parse(record.getString("end")).toEpochMilli());
      assertThat(record.get("changedAtMillis"))
          .as(record.getString("_id"))
          .isInstanceOf(Long.class);
      if (record.getString("status").equals("APPROVED")) {
        assertThat(record.getString("creditState")).isEqualTo("DONE");
        assertThat(record.getLong("points")).isPositive();
      }
    }
  }

  @Test
  void leavesNothingOpenForTheAutomationToPickUp() {
    // the dispatcher picks up WAITING, OFFERED and UNSERVED; the matcher OPEN, INVITED, UNMATCHED
    // and matched needs not yet announced
    assertThat(loaded.of("sanshe.dispatches"))
        .extracting(d -> d.getString("state"))
        .doesNotContain("WAITING", "OFFERED", "UNSERVED");
    for (Document need : loaded.of("volunteer.needs")) {
      assertThat(need.getString("state")).isIn("MATCHED", "CLOSED");
      if (need.getString("state").equals("MATCHED")) {
        assertThat(need.getBoolean("announced")).isTrue();
      }
    }
    assertThat(loaded.of("volunteer.needs")).anyMatch(n -> n.getString("state").equals("CLOSED"));
    // the volunteer system's own orders are the matcher's: assigned once someone said yes
    for (Document doc : loaded.of("volunteer.orders")) {
      if (doc.getString("originSystem").equals("VOLUNTEER")
          && !doc.getString("status").equals(OrderStatus.CANCELLED.name())) {
        assertThat(doc.getString("status")).isNotIn("SUBMITTED", "ACCEPTED");
      }
    }
  }

  @Test
  void personalDataIsEncryptedWithTheServicesKeysAndUniquePerResident() {
    Set<String> idHashes = new HashSet<>();
    Set<String> phoneHashes = new HashSet<>();
    for (Document resident : loaded.of("public.residents")) {
      String id = DEVELOPMENT_KEYS.decrypt(resident.getString("idNumberEncrypted"));
      assertThat(org.fourinone.kit.validation.IdNumbers.parse(id)).isPresent();
      assertThat(resident.getString("idNumberHash")).isEqualTo(DEVELOPMENT_KEYS.hash(id));
      assertThat(resident.getString("idNumberMasked")).doesNotContain(id.substring(6, 14));
      idHashes.add(resident.getString("idNumberHash"));
      phoneHashes.add(resident.getString("phoneHash"));
    }
    assertThat(idHashes).hasSize(loaded.of("public.residents").size());
    assertThat(phoneHashes).hasSize(loaded.of("public.residents").size());
  }
}
