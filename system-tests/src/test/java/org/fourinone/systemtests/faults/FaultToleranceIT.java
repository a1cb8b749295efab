package org.fourinone.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourinone.local.Platform;
import org.fourinone.systemtests.Orders;
import org.fourinone.systemtests.PlatformApi;
import org.fourinone.systemtests.SharedPlatform;
import org.fourinone.systemtests.SubSystem;
import org.fourinone.systemtests.Wire;
import org.fourinone.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Faults under a steady load, on the whole platform as separate processes: {@code kill -9} of each
 * service, of the Kafka broker and of the MongoDB wire server, poison records on the order topic,
 * and a peer behind the gateway that resets, answers garbage or never answers. After each fault the
 * load stops and every order the platform accepted with 201 must show up in all four systems
 * exactly as its origin holds it — not lost, not twice, no projection behind or ahead of its
 * origin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.Resolver.class)
@Order(3)
class FaultToleranceIT {

  /**
   * Convergence after a fault: a killed consumer gets its partitions back at once (static
   * membership), but generous.
   */
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  private static final int RESIDENTS = 6;

  static Platform platform;
  static PlatformApi api;
  static FaultProxy volunteerProxy;
  static String community;
  static final Map<SubSystem, String> orderTypes = new EnumMap<>(SubSystem.class);
  static Load load;
  static final Map<String, String> timings = new LinkedHashMap<>();

  @BeforeAll
  static void startPlatform(SharedPlatform shared) throws Exception {
    // the platform of OrderAcrossFourSystemsIT, which ran first: the gateway reaches
    // volunteer-service through a proxy that can misbehave on demand
    platform = shared.platform();
    volunteerProxy = shared.volunteerProxy();
    api = new PlatformApi(platform);

    community = api.communities().get(0).get("communityId").asString();
    SubSystem.ALL.forEach(system -> orderTypes.put(system, api.firstOrderType(system)));
  }

  /**
   * Each fault gets its own residents and ledger, so that a fault's verdict is about the orders
   * placed under that fault (and one fault's leftovers do not fail the next).
   */
  @BeforeEach
  void newLoad() {
    List<String> residents = new ArrayList<>();
    for (int i = 0; i < RESIDENTS; i++) {
      residents.add(api.registerResident(community).residentId());
    }
    residents.forEach(api::awaitKnownEverywhere);
    // 3 workers, one step every 200 ms each: at most ~15 requests a second, most of them placements
    load = new Load(api, residents, orderTypes, 3, Duration.ofMillis(200));
  }

  @AfterEach
  void stopLoad() {
    if (load != null) {
      load.stop();
      System.out.println(
          "load outcomes: " + load.outcomes() + ", ledger: " + load.ledger().size() + " orders");
    }
  }

  @AfterAll
  static void printTimings() {
    timings.forEach(
        (fault, timing) -> System.out.println("fault timing | " + fault + " | " + timing));
  }

  /**
   * Each service killed, two at a time (the other two keep taking orders meanwhile): a pair's
   * restart on two cores takes about one and a half restarts, not two.
   */
  static Stream<List<SubSystem>> servicePairs() {
    return Stream.of(
        List.of(SubSystem.PARTY, SubSystem.SANSHE), List.of(SubSystem.PUBLIC, SubSystem.VOLUNTEER));
  }

  @ParameterizedTest
  @MethodSource("servicePairs")
  @Order(1)
  void killingServicesLosesNoAcceptedOrder(List<SubSystem> systems) {
    load.start();
    awaitLedgerGrowsBy(15);

    long killedAt = System.nanoTime();
    long failuresBefore = failures();
    systems.forEach(system -> platform.kill(system.service()));
    await("the load feels " + systems + " gone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> failures() > failuresBefore);
    platform.restartTogether(systems.stream().map(SubSystem::service).toList());
    long readyAt = System.nanoTime();
    Map<SubSystem, Long> acceptingAt = new EnumMap<>(SubSystem.class);
    await("a 201 from each of " + systems + " after their restart")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              for (SubSystem system : systems) {
                if (!acceptingAt.containsKey(system) && load.lastAcceptedAt(system) > readyAt) {
                  acceptingAt.put(system, System.nanoTime());
                }
              }
              return acceptingAt.size() == systems.size();
            });
    awaitLedgerGrowsBy(10);
    load.stop();

    Duration converged = assertConverged();
    for (SubSystem system : systems) {
      record(
          "kill -9 " + system.service() + " (with " + others(systems, system) + ")",
          "both restarted and ready "
              + ms(readyAt - killedAt)
              + " (this one "
              + ms(platform.readyTimes().get(system.service()).toNanos())
              + "), first 201 after kill "
              + ms(acceptingAt.get(system) - killedAt)
              + ", converged after load stop "
              + converged.toMillis()
              + " ms");
    }
  }

  private static String others(List<SubSystem> systems, SubSystem system) {
    return systems.stream()
        .filter(s -> s != system)
        .map(SubSystem::service)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  @Test
  @Order(2)
  void killingTheBrokerLosesNoAcceptedOrder() {
    load.start();
    awaitLedgerGrowsBy(15);

    long killedAt = System.nanoTime();
    platform.kill(Platform.KAFKA);
    int whileDown = load.ledger().size();
    // the outbox takes the writes while the broker is gone: orders are still accepted
    awaitLedgerGrowsBy(10);
    int acceptedWhileDown = load.ledger().size() - whileDown;
    platform.restart(Platform.KAFKA);
    long readyAt = System.nanoTime();
    awaitLedgerGrowsBy(10);
    load.stop();

    Duration converged = assertConverged();
    record(
        "kill -9 kafka",
        acceptedWhileDown
            + " orders accepted while down, restart ready "
            + ms(readyAt - killedAt)
            + ", converged after load stop "
            + converged.toMillis()
            + " ms");
  }

  @Test
  @Order(3)
  void killingTheDatabaseLosesNoAcknowledgedWrite() {
    load.start();
    awaitLedgerGrowsBy(15);

    long killedAt = System.nanoTime();
    platform.kill(Platform.MONGODB);
    long failuresBefore = failures();
    await("the load feels the database gone")
        .atMost(Duration.ofSeconds(60))
        .until(() -> failures() > failuresBefore);
    platform.restart(Platform.MONGODB);
    long readyAt = System.nanoTime();
    int before = load.ledger().size();
    await("201s again after the database restart")
        .atMost(Duration.ofSeconds(90))
        .until(() -> SubSystem.ALL.stream().allMatch(s -> load.lastAcceptedAt(s) > readyAt));
    long acceptingAt = System.nanoTime();
    awaitLedgerGrowsBy(10);
    load.stop();
    assertThat(load.ledger().size()).isGreaterThan(before);

    Duration converged = assertConverged();
    record(
        "kill -9 mongodb",
        "restart ready "
            + ms(readyAt - killedAt)
            + ", all four accept again after kill "
            + ms(acceptingAt - killedAt)
            + ", converged after load stop "
            + converged.toMillis()
            + " ms");
  }

  @Test
  @Order(4)
  void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
    load.start();
    awaitLedgerGrowsBy(10);

    String garbageKey = "poison-garbage-" + UUID.randomUUID();
    String notAnOrderKey = "poison-event-" + UUID.randomUUID();
    long sentAt = System.nanoTime();
    sendPoison(garbageKey, notAnOrderKey);

    Wire wire = new Wire(platform.kafkaBootstrap());
    Map<String, Set<String>> groupsByKey = new HashMap<>();
    await("both poison records dead-lettered by every order consumer")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              groupsByKey.clear();
              for (ConsumerRecord<String, byte[]> record :
                  wire.readAll(List.of(Wire.ORDERS + ".dlt"))) {
                if (garbageKey.equals(record.key()) || notAnOrderKey.equals(record.key())) {
                  String group = Wire.header(record, "kafka_dlt-original-consumer-group");
                  groupsByKey
                      .computeIfAbsent(record.key(), k -> new HashSet<>())
                      .add(String.valueOf(group));
                }
              }
              assertThat(groupsByKey.get(garbageKey))
                  .as("groups that dead-lettered the garbage")
                  .hasSize(4);
              assertThat(groupsByKey.get(notAnOrderKey))
                  .as("groups that dead-lettered the non-order event")
                  .hasSize(4);
            });
    long deadLetteredAt = System.nanoTime();
    awaitLedgerGrowsBy(10);
    load.stop();

    // consumption goes on: an order placed after the poison reaches all four
    String resident = load.ledger().values().iterator().next().residentId();
    String later = api.place(SubSystem.SANSHE, resident, Orders.WEB);
    long placedAt = System.nanoTime();
    api.awaitSameEverywhere(SubSystem.SANSHE, later, SubSystem.ALL, Duration.ofSeconds(60));
    long laterVisibleAt = System.nanoTime();
    Duration converged = assertConverged();
    record(
        "poison records",
        "dead-lettered by all 4 groups within "
            + ms(deadLetteredAt - sentAt)
            + " ("
            + groupsByKey
            + ")"
            + ", a later order in all four after "
            + ms(laterVisibleAt - placedAt)
            + ", converged after load stop "
            + converged.toMillis()
            + " ms");
  }

  @Test
  @Order(5)
  void gatewayAnswersFastWhenAPeerMisbehavesAndRecovers() {
    load.start();
    awaitLedgerGrowsBy(10);
    List<String> seen = new ArrayList<>();
    try {
      for (FaultProxy.Mode mode :
          List.of(FaultProxy.Mode.RESET, FaultProxy.Mode.GARBAGE, FaultProxy.Mode.BLACKHOLE)) {
        volunteerProxy.mode(mode);
        // a never-answering peer is cut off by the gateway's time limit (504), unless its
        // breaker is open already (503)
        Duration limit =
            mode == FaultProxy.Mode.BLACKHOLE
                ? SharedPlatform.UPSTREAM_TIMEOUT.plusSeconds(2)
                : Duration.ofSeconds(3);
        for (int i = 0; i < 3; i++) {
          long t0 = System.nanoTime();
          Http.Response response = api.http().get(SubSystem.VOLUNTEER.api() + "/order-types");
          Duration took = Duration.ofNanos(System.nanoTime() - t0);
          seen.add(mode + " " + response.status() + " in " + took.toMillis() + " ms");
          assertThat(response.status()).as(mode + ": " + response.text()).isIn(503, 504);
          assertThat(response.header("Content-Type"))
              .as(mode.name())
              .startsWith("application/problem+json");
          assertThat(took).as(mode.name()).isLessThan(limit);
        }
      }
    } finally {
      volunteerProxy.mode(FaultProxy.Mode.PASS);
    }
    long healedAt = System.nanoTime();
    await("volunteer-service through the gateway again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> api.http().get(SubSystem.VOLUNTEER.api() + "/order-types").status() == 200);
    long recoveredAt = System.nanoTime();
    awaitLedgerGrowsBy(10);
    load.stop();

    Duration converged = assertConverged();
    record(
        "misbehaving peer (volunteer-service)",
        String.join(", ", seen)
            + "; 200 again "
            + ms(recoveredAt - healedAt)
            + " after it healed"
            + ", converged after load stop "
            + converged.toMillis()
            + " ms");
  }

  /**
   * 时间银行 exactly once under kill -9: volunteers' declared hours are approved in batches (a credit
   * run) while orders keep coming; volunteer-service is killed in the middle and restarted, and the
   * run is retried from the start — as an organiser whose page failed would. Every approved hour is
   * then credited exactly once: each balance is the sum of its records, each account has one credit
   * entry per record.
   */
  @Test
  @Order(6)
  void killingTheVolunteerServiceInTheMiddleOfACreditRunCreditsEachApprovedHourOnce()
      throws Exception {
    Http admin = api.http();
    String base = SubSystem.VOLUNTEER.api();
    int volunteers = 4;
    int recordsEach = 20;
    List<String> ids = new ArrayList<>();
    List<String> records = new ArrayList<>();
    java.time.Instant today =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    for (int v = 0; v < volunteers; v++) {
      Map<String, Object> person = new LinkedHashMap<>();
      person.put(
          "person",
          Map.of(
              "name",
              "时间银行" + v,
              "idNumber",
              org.fourinone.testing.IdNumbers.valid(),
              "phone",
              org.fourinone.testing.IdNumbers.mobile(),
              "communityId",
              community));
      person.put("skills", List.of("GENERAL"));
      Http.Response registered = admin.post(base + "/volunteers", person);
      assertThat(registered.status()).as(registered.text()).isEqualTo(201);
      String id = registered.json().get("volunteerId").asString();
      assertThat(
              admin
                  .post(
                      base + "/volunteers/" + id + "/status",
                      Map.of("status", "ACTIVE", "reason", "审核通过"))
                  .status())
          .isEqualTo(200);
      ids.add(id);
      for (int d = 1; d <= recordsEach; d++) {
        java.time.Instant start = today.minus(java.time.Duration.ofDays(d));
        Map<String, Object> declared = new LinkedHashMap<>();
        declared.put("volunteerId", id);
        declared.put("start", start.toString());
        declared.put("end", start.plus(java.time.Duration.ofHours(1)).toString());
        declared.put("serviceKind", "GENERAL");
        declared.put("description", "社区服务 " + d);
        declared.put("communityId", community);
        Http.Response r = admin.post(base + "/service-records", declared);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        records.add(r.json().get("recordId").asString());
      }
    }
    load.start();
    awaitLedgerGrowsBy(5);
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < records.size(); i += 10) {
      chunks.add(records.subList(i, Math.min(records.size(), i + 10)));
    }
    // the credit run, on its own thread; killed while its batch a third of the way is in flight
    java.util.concurrent.atomic.AtomicInteger started =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService run =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.Future<?> creditRun =
        run.submit(
            () -> {
              for (List<String> chunk : chunks) {
                started.incrementAndGet();
                admin.post(base + "/service-records/approvals", Map.of("recordIds", chunk));
              }
            });
    await("a third of the credit run under way")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> started.get() > chunks.size() / 3);
    platform.kill(Platform.VOLUNTEER_SERVICE);
    long killedAt = System.nanoTime();
    creditRun.get(120, java.util.concurrent.TimeUnit.SECONDS);
    run.shutdown();
    platform.restart(Platform.VOLUNTEER_SERVICE);
    long readyAt = System.nanoTime();
    // the organiser runs it again from the start: approving twice approves once
    for (List<String> chunk : chunks) {
      await("the batch approved after the restart")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  admin
                          .post(base + "/service-records/approvals", Map.of("recordIds", chunk))
                          .status()
                      == 200);
    }
    String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
    String lastMonth =
        java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
    await("every approved record credited")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String id : ids) {
                JsonNode page =
                    admin
                        .get(
                            base
                                + "/service-records?volunteerId="
                                + id
                                + "&status=APPROVED&size=100")
                        .json();
                assertThat(page.get("totalItems").asLong()).isEqualTo(recordsEach);
                assertThat(page.get("items").findValuesAsString("creditState"))
                    .containsOnly("DONE");
              }
            });
    for (String id : ids) {
      JsonNode account = admin.get(base + "/accounts/" + id).json();
      assertThat(new java.math.BigDecimal(account.get("balance").asString()))
          .as("balance of " + id)
          .isEqualByComparingTo(java.math.BigDecimal.valueOf(recordsEach));
      int credits = 0;
      for (String m : List.of(lastMonth, month)) {
        for (JsonNode line :
            admin.get(base + "/accounts/" + id + "/statement?month=" + m).json().get("entries")) {
          if ("HOURS_CREDIT".equals(line.get("kind").asString())) {
            credits++;
          }
        }
      }
      assertThat(credits).as("credit entries of " + id).isEqualTo(recordsEach);
    }
    long creditedAt = System.nanoTime();
    load.stop();
    Duration converged = assertConverged();
    record(
        "kill -9 volunteer-service in a credit run",
        records.size()
            + " records approved in "
            + chunks.size()
            + " batches, killed after "
            + chunks.size() / 3
            + ", restart ready "
            + ms(readyAt - killedAt)
            + ", all credited exactly once after "
            + ms(creditedAt - killedAt)
            + ", orders converged after load stop "
            + converged.toMillis()
            + " ms");
  }

  // ------------------------------------------------------------------ checks

  /**
   * Every order of the test residents, in every system: each list holds each order once, every
   * system lists the same orders, each exactly as its origin holds it (status, sequence, timeline),
   * and every ledger order is there with at least the status its origin confirmed. Returns how long
   * it took.
   */
  private static Duration assertConverged() {
    long t0 = System.nanoTime();
    Map<String, Load.Accepted> ledger = Map.copyOf(load.ledger());
    assertThat(ledger).isNotEmpty();
    Set<String> residents = new HashSet<>();
    ledger.values().forEach(order -> residents.add(order.residentId()));
    await("every accepted order the same in all four systems")
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<SubSystem, Map<String, JsonNode>> held = new EnumMap<>(SubSystem.class);
              for (SubSystem system : SubSystem.ALL) {
                Map<String, JsonNode> orders = new HashMap<>();
                for (String resident : residents) {
                  for (JsonNode order : residentOrders(system, resident)) {
                    JsonNode twice = orders.put(order.get("orderId").asString(), order);
                    assertThat(twice)
                        .as(system + " lists " + order.get("orderId").asString() + " twice")
                        .isNull();
                  }
                }
                held.put(system, orders);
              }
              Set<String> all = new HashSet<>();
              held.values().forEach(orders -> all.addAll(orders.keySet()));
              for (SubSystem system : SubSystem.ALL) {
                assertThat(held.get(system).keySet())
                    .as(system + " lists every order")
                    .containsExactlyInAnyOrderElementsOf(all);
              }
              for (String orderId : all) {
                SubSystem origin =
                    SubSystem.valueOf(
                        held.get(SubSystem.PARTY).get(orderId).get("originSystem").asString());
                JsonNode truth = held.get(origin).get(orderId);
                for (SubSystem system : SubSystem.ALL) {
                  PlatformApi.assertSameState(system, held.get(system).get(orderId), truth);
                }
              }
              for (Load.Accepted accepted : ledger.values()) {
                JsonNode truth = held.get(accepted.origin()).get(accepted.orderId());
                assertThat(truth).as("accepted " + accepted + " in its origin").isNotNull();
                assertThat(truth.get("sequence").asLong())
                    .as("origin of " + accepted)
                    .isGreaterThanOrEqualTo(accepted.sequence());
                if (truth.get("sequence").asLong() == accepted.sequence()
                    && !accepted.status().startsWith("UNCERTAIN")) {
                  assertThat(truth.get("status").asString())
                      .as("status of " + accepted)
                      .isEqualTo(accepted.status());
                }
              }
            });
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    System.out.println(
        "converged: "
            + ledger.size()
            + " accepted orders in all four systems after "
            + took.toMillis()
            + " ms");
    return took;
  }

  private static List<JsonNode> residentOrders(SubSystem system, String residentId) {
    List<JsonNode> items = new ArrayList<>();
    int pages = 1;
    for (int page = 0; page < pages; page++) {
      Http.Response response =
          api.http().get(system.residentOrders(residentId) + "?page=" + page + "&size=100");
      assertThat(response.status()).as(system + ": " + response.text()).isEqualTo(200);
      JsonNode body = response.json();
      pages = body.get("totalPages").asInt();
      body.get("items").forEach(items::add);
    }
    return items;
  }

  private static void awaitLedgerGrowsBy(int orders) {
    int target = load.ledger().size() + orders;
    await("the load gets " + orders + " more orders accepted")
        .atMost(Duration.ofSeconds(90))
        .until(() -> load.ledger().size() >= target);
  }

  private static long failures() {
    return load.outcomes().entrySet().stream()
        .filter(
            e ->
                !e.getKey().endsWith(" 201")
                    && !e.getKey().endsWith(" 200")
                    && !e.getKey().endsWith(" 409"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Garbage bytes, and a well-formed CloudEvent of an order type whose data is not an order. */
  private static void sendPoison(String garbageKey, String notAnOrderKey)
      throws InterruptedException, ExecutionException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      byte[] garbage = new byte[64];
      new java.util.Random(7).nextBytes(garbage);
      producer.send(new ProducerRecord<>(Wire.ORDERS, garbageKey, garbage)).get();

      ProducerRecord<String, byte[]> event =
          new ProducerRecord<>(
              Wire.ORDERS,
              notAnOrderKey,
              "{\"greeting\":\"这不是工单\",\"sequence\":\"many\"}".getBytes(StandardCharsets.UTF_8));
      event
          .headers()
          .add("ce_specversion", bytes("1.0"))
          .add("ce_id", bytes(UUID.randomUUID().toString()))
          .add("ce_source", bytes("/system-tests/faults"))
          .add("ce_type", bytes("org.fourinone.order.placed.v1"))
          .add("ce_subject", bytes(notAnOrderKey))
          .add("ce_sequence", bytes("1"))
          .add("content-type", bytes("application/json"));
      producer.send(event).get();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void record(String fault, String timing) {
    timings.put(fault, timing);
    System.out.println("fault timing | " + fault + " | " + timing + " | load " + load.outcomes());
  }

  private static String ms(long nanos) {
    return Duration.ofNanos(nanos).toMillis() + " ms";
  }
}
