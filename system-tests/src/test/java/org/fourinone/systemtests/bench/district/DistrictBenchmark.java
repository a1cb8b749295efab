package org.fourinone.systemtests.bench.district;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.local.DemoData;
import org.fourinone.local.OidcLogin;
import org.fourinone.local.Platform;
import org.fourinone.local.PlatformOptions;
import org.fourinone.local.ProjectRoot;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.OriginSystem;
import org.fourinone.systemtests.PlatformApi;
import org.fourinone.systemtests.bench.Percentiles;
import org.fourinone.systemtests.bench.PlatformBenchmark;
import org.fourinone.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * Issue #14's target 4, district scale: the whole platform on the embedded store, a district loaded
 * by the {@link DistrictGenerator} in steps — 10^4, 10^5, 10^6 orders by default, each step adding
 * to the one before (10^3, 10^4, 10^5 residents) — and after each step the queries the target
 * names, timed through the gateway in a closed loop with real tokens: a resident's order list (in
 * two systems), a community worker's queues, the statistics of a community and a street in
 * public-service, 三社联动 and the volunteer system. Every query's answer is first checked against what
 * was generated (a resident's total, a community's counts by status, a street's dispatches, a
 * year's needs and hours): a mismatch stops the run, since it means the generated shapes are not
 * the services' own. Prints the load (documents/s, the store's file, the store process's memory),
 * the cost curve (each query's p50/p95/p99 at each step) and the targets at the last step.
 *
 * <pre>
 * ./mvnw -q -Pbench -pl system-tests -am -DskipTests verify \
 *     -Dbench.class=org.fourinone.systemtests.bench.district.DistrictBenchmark \
 *     -Dbench.args="--orders 10000,100000,1000000"
 * </pre>
 *
 * {@code --orders 2000} is a run of a minute or two that proves the benchmark works end to end.
 */
public final class DistrictBenchmark {

  static final double RESIDENT_LIST_P99_MS = 50;
  static final double QUEUE_P99_MS = 100;
  static final double STATISTICS_P99_MS = 500;

  /** The kit's development keys: what the local stack's services run with (no PII_* set). */
  static final PersonalData LOCAL_STACK_KEYS =
      new PersonalData(new PersonalData.Settings("", "", "", "", "", "", ""));

  private final Options options;
  private final Platform platform;
  private final PlatformApi api;
  private final DistrictGenerator generator;
  private final StringBuilder text = new StringBuilder();
  private final List<LoadRow> loads = new ArrayList<>();
  private final Map<String, Map<Long, Percentiles>> curve = new LinkedHashMap<>();
  private final Map<String, String> kinds = new LinkedHashMap<>();
  private boolean warmedUp;

  record LoadRow(
      long orders,
      long residents,
      long documents,
      double seconds,
      long fileBytes,
      long mongoRss,
      long mongoHeapUsed) {}

  DistrictBenchmark(Options options, Platform platform, PlatformApi api, District district) {
    this.options = options;
    this.platform = platform;
    this.api = api;
    this.generator = new DistrictGenerator(district, options.seed, options.end, LOCAL_STACK_KEYS);
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path dataDir =
        options.dataDir != null
            ? options.dataDir
            : Files.createTempDirectory("district-benchmark-");
    System.out.println("DistrictBenchmark: starting the platform in " + dataDir);
    System.out.println("  the store's JVM: " + options.mongoJavaOptions());
    int exit = 0;
    try (Platform platform =
        Platform.start(
            PlatformOptions.builder()
                .randomPorts()
                .dataDir(dataDir)
                .fresh(true)
                .serviceJavaOptions("-XX:+UseSerialGC -Xss512k -Xms64m -Xmx192m")
                .mongoJavaOptions(options.mongoJavaOptions())
                .progress(System.out)
                .env("GATEWAY_RATE_LIMIT_PER_SECOND", "100000")
                .env("GATEWAY_RATE_LIMIT_BURST", "100000")
                // a statistics query of a large district may take longer than the gateway's 10 s
                .env("GATEWAY_UPSTREAM_TIMEOUT", "120s")
                .build())) {
      PlatformApi api = new PlatformApi(platform);
      District district = District.load(ProjectRoot.find(), communities(api));
      DistrictBenchmark benchmark = new DistrictBenchmark(options, platform, api, district);
      try {
        benchmark.run();
      } catch (Mismatch e) {
        System.out.println(benchmark.text);
        System.out.println("DistrictBenchmark FAILED: " + e.getMessage());
        exit = 1;
      }
    }
    if (options.dataDir == null && exit == 0) {
      deleteTree(dataDir);
    }
    System.exit(exit);
  }

  static List<District.Community> communities(PlatformApi api) {
    List<District.Community> communities = new ArrayList<>();
    for (JsonNode c : api.communities()) {
      communities.add(
          new District.Community(
              c.get("communityId").asString(),
              c.get("name").asString(),
              c.get("streetId").asString(),
              c.get("streetName").asString(),
              c.get("address").asString(),
              c.get("location").get("lat").asDouble(),
              c.get("location").get("lng").asDouble()));
    }
    return communities;
  }

  void run() throws Exception {
    line(
        "================ DistrictBenchmark (issue #14, target 4) %s ================",
        Instant.now().toString().substring(0, 19) + "Z");
    line(
        "machine: %d CPUs; the whole platform on it, the store embedded (mongo-java-server on H2)",
        Runtime.getRuntime().availableProcessors());
    line("options: %s", options);
    System.out.println("[setup] 三社联动's organisations and social workers through the API …");
    referenceData();
    try (MongoClient client = MongoClients.create(platform.mongoUri())) {
      for (long orders : options.orders) {
        System.out.printf(
            Locale.ROOT,
            "[load] to %,d orders, %,d residents …%n",
            orders,
            DistrictGenerator.residentsFor(orders));
        LoadRow load = load(client, orders);
        loads.add(load);
        System.out.printf(
            Locale.ROOT,
            "[load] %,d documents in %.0f s (%,.0f docs/s); store file %,d MB, store RSS %,d MB%n",
            load.documents(),
            load.seconds(),
            load.documents() / load.seconds(),
            load.fileBytes() >> 20,
            load.mongoRss() >> 20);
        awaitStatistics(client, System.currentTimeMillis());
        measure(orders);
      }
    }
    report();
    System.out.println(text);
  }

  // ---------------------------------------------------------------- set-up and load

  /**
   * The organisations of the local stack's demo (registered and their offers published by the
   * district, as {@code --demo} does) and the social workers orders are assigned to: the same
   * endpoints and documents as a real district's registry, a few dozen of them.
   */
  private void referenceData() throws Exception {
    new DemoData(
            platform.gatewayUrl(),
            platform.oidcUrl(),
            platform.oidcDataDir().resolve("residents.json"),
            System.out)
        .loadSanshe();
    District district = generator.district();
    int registered = 0;
    for (District.Organisation o : district.organisations()) {
      for (String worker : o.workers()) {
        registered += socialWorker(worker, "ORGANISATION", o.organisationId()) ? 1 : 0;
      }
    }
    for (District.Community c : district.communities()) {
      for (String worker : district.communitySocialWorkers(c)) {
        registered += socialWorker(worker, "COMMUNITY", c.communityId()) ? 1 : 0;
      }
    }
    System.out.printf("  三社联动: %d more social workers%n", registered);
  }

  private boolean socialWorker(String workerId, String employerType, String employerId) {
    Http.Response response =
        api.http()
            .post(
                "/api/sanshe/social-workers",
                Map.of(
                    "workerId",
                    workerId,
                    "name",
                    "社工" + workerId.substring(3),
                    "kind",
                    "SOCIAL_WORKER",
                    "employer",
                    Map.of("type", employerType, "id", employerId),
                    "joinedOn",
                    "2024-01-01"));
    if (response.status() != 201 && response.status() != 409) {
      throw new IllegalStateException(
          "social worker " + workerId + ": HTTP " + response.status() + " " + response.text());
    }
    return response.status() == 201;
  }

  private LoadRow load(MongoClient client, long orders) throws Exception {
    long adding = orders - generator.ordersLoaded();
    int residentsBefore = generator.residentsLoaded();
    long started = System.nanoTime();
    long documents;
    try (LoadProgress progress =
            new LoadProgress(System.out, adding, Duration.ofSeconds(options.progressSeconds));
        MongoSink sink = new MongoSink(client, options.batch, options.writers, progress)) {
      generator.load(orders, sink);
      sink.flush();
      documents = progress.total();
      System.out.println(progress.summary());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new LoadRow(
        orders,
        generator.residentsLoaded() - residentsBefore,
        documents,
        seconds,
        directorySize(platform.dataDir().resolve("mongodb")),
        platform.residentSetSizes().getOrDefault(Platform.MONGODB, 0L),
        heapUsed(platform.pid(Platform.MONGODB)));
  }

  /**
   * Waits until every statistics refresher of each system ({@code *_stats} bucket collections: the
   * orders', 三社联动's dispatches', the volunteer records' and needs') has passed over the loaded
   * documents — a pass that began after the load read everything it changed — printing which are
   * still counting: the figures are then checked against the generator's tally.
   */
  private static void awaitStatistics(MongoClient client, long loaded) throws InterruptedException {
    long started = System.nanoTime();
    List<String> waiting = new ArrayList<>();
    for (OriginSystem system : OriginSystem.values()) {
      String database = DistrictGenerator.database(system);
      for (String collection : client.getDatabase(database).listCollectionNames()) {
        if (collection.endsWith("_stats")) {
          waiting.add(database + "." + collection);
        }
      }
    }
    while (!waiting.isEmpty()) {
      waiting.removeIf(
          namespace -> {
            String[] parts = namespace.split("\\.", 2);
            Document counted =
                client
                    .getDatabase(parts[0])
                    .getCollection(parts[1])
                    .find(new Document("kind", "counted"))
                    .first();
            return counted != null && counted.get("millis", Number.class).longValue() > loaded;
          });
      System.out.printf(
          Locale.ROOT,
          "[statistics] %.0f s: %s%n",
          (System.nanoTime() - started) / 1e9,
          waiting.isEmpty() ? "every refresher has counted the load" : "still counting " + waiting);
      if (!waiting.isEmpty()) {
        Thread.sleep(2_000);
      }
      if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
        throw new IllegalStateException("the statistics refreshers did not catch up: " + waiting);
      }
    }
  }

  // ---------------------------------------------------------------- the queries

  /** A query as a user asks it: a label, what it is for the targets, the callers. */
  private record Query(String label, String kind, List<ClosedLoop.Call> calls) {}

  private void measure(long orders) throws Exception {
    Tally tally = generator.tally();
    District district = generator.district();
    int residents = generator.residentsLoaded();
    // residents chosen at random (most have a few orders, the first ones many); their logins
    Random pick = new Random(options.seed ^ orders);
    List<Integer> sample = new ArrayList<>();
    for (int i = 0; i < Math.min(options.residents, residents); i++) {
      sample.add(pick.nextInt(residents));
    }
    System.out.printf(
        "[measure] %,d orders: signing in %d residents and the staff …%n", orders, sample.size());
    Map<Integer, String> residentBearers = new LinkedHashMap<>();
    for (int r : sample) {
      DistrictGenerator.Person p = generator.person(r);
      api.know(
          new PlatformApi.Resident(
              p.residentId(), p.community().communityId(), p.idNumber(), p.phone()));
      residentBearers.put(r, api.residentBearer(p.residentId()));
    }
    Map<String, String> workers = new LinkedHashMap<>();
    for (District.Community c : district.communities()) {
      workers.put(c.communityId(), staff("cw-" + c.suffix()));
    }
    Map<String, String> streets = new LinkedHashMap<>();
    for (String street : district.streets()) {
      streets.put(street, staff("street-" + street.substring(2).toLowerCase(Locale.ROOT)));
    }
    int year = tally.year();
    List<String> mismatches = new ArrayList<>();
    List<Query> queries = new ArrayList<>();

    // a resident's own list, newest first, in public-service and in 三社联动
    for (String system : List.of("public", "sanshe")) {
      String path = "/api/" + system + "/orders?size=20";
      List<ClosedLoop.Call> calls = new ArrayList<>();
      residentBearers.forEach(
          (r, bearer) -> {
            calls.add(new ClosedLoop.Call(path, bearer));
            JsonNode page = get(path, bearer, mismatches);
            if (page != null) {
              expect(
                  mismatches,
                  system + " list of resident " + r,
                  page.get("totalItems").asLong(),
                  tally.ordersOf(r));
              expect(
                  mismatches,
                  system + " list of resident " + r + ", items",
                  page.get("items").size(),
                  Math.min(20, tally.ordersOf(r)));
              newestFirst(mismatches, system + " list of resident " + r, page.get("items"));
            }
          });
      queries.add(new Query("resident's orders (" + system + ") ?size=20", "resident", calls));
    }
    // a community worker's queues: all of the community's orders, the ones waiting to be accepted
    for (String[] q :
        new String[][] {
          {"public", "?size=20", null},
          {"public", "?size=20&status=SUBMITTED", "SUBMITTED"},
          {"sanshe", "?size=20", null}
        }) {
      String path = "/api/" + q[0] + "/orders" + q[1];
      List<ClosedLoop.Call> calls = new ArrayList<>();
      workers.forEach(
          (community, bearer) -> {
            calls.add(new ClosedLoop.Call(path, bearer));
            JsonNode page = get(path, bearer, mismatches);
            if (page != null) {
              long expected =
                  q[2] == null
                      ? tally.get("orders", community)
                      : tally.get("orders", community, q[2]);
              expect(
                  mismatches,
                  q[0] + " queue of " + community + q[1],
                  page.get("totalItems").asLong(),
                  expected);
              newestFirst(mismatches, q[0] + " queue of " + community, page.get("items"));
            }
          });
      queries.add(new Query("community queue (" + q[0] + ") " + q[1], "queue", calls));
    }
    // the statistics of a community (its worker) and of a street (its officer)
    statistics(
        queries,
        mismatches,
        "public",
        "/api/public/orders/statistics",
        workers,
        "community",
        this::checkPublic);
    statistics(
        queries,
        mismatches,
        "public",
        "/api/public/orders/statistics",
        streets,
        "street",
        this::checkPublic);
    statistics(
        queries,
        mismatches,
        "sanshe",
        "/api/sanshe/statistics",
        workers,
        "community",
        this::checkSanshe);
    statistics(
        queries,
        mismatches,
        "sanshe",
        "/api/sanshe/statistics",
        streets,
        "street",
        this::checkSanshe);
    String volunteer = "/api/volunteer/statistics?year=" + year;
    statistics(
        queries, mismatches, "volunteer", volunteer, workers, "community", this::checkVolunteer);
    statistics(
        queries, mismatches, "volunteer", volunteer, streets, "street", this::checkVolunteer);

    if (!mismatches.isEmpty()) {
      mismatches.forEach(m -> line("MISMATCH %s", m));
      throw new Mismatch(
          mismatches.size()
              + " answers differ from the generated district at "
              + orders
              + " orders, e.g. "
              + mismatches.get(0));
    }
    System.out.printf(
        "[measure] every answer matches the generated district; timing %d queries, %d s each after %d s warm-up, %d connections%n",
        queries.size(), options.seconds, options.warmupSeconds, options.connections);
    ClosedLoop loop = new ClosedLoop(platform.gatewayUrl(), Duration.ofSeconds(120));
    if (!warmedUp) {
      // the first measurement on a fresh platform: the services and the gateway run with the full
      // JIT, which compiles for the first minute or two of load
      System.out.println("[measure] warming the platform up: every query for 10 s …");
      for (Query query : queries) {
        loop.run(
            query.calls(), options.connections, Duration.ofSeconds(Math.min(10, options.seconds)));
      }
      warmedUp = true;
    }
    for (Query query : queries) {
      loop.run(query.calls(), options.connections, Duration.ofSeconds(options.warmupSeconds));
      ClosedLoop.Result result =
          loop.run(query.calls(), options.connections, Duration.ofSeconds(options.seconds));
      Percentiles p = Percentiles.of(result.nanos());
      curve.computeIfAbsent(query.label(), k -> new LinkedHashMap<>()).put(orders, p);
      kinds.put(query.label(), query.kind());
      System.out.printf(
          Locale.ROOT,
          "  %-48s n %5d  %7.1f/s  p50 %8.1f  p95 %8.1f  p99 %8.1f  max %8.1f ms%s%n",
          query.label(),
          result.ok(),
          result.perSecond(),
          p.ms(50),
          p.ms(95),
          p.ms(99),
          p.maxMs(),
          result.others().isEmpty() ? "" : "  other answers " + result.others());
      if (!result.others().isEmpty()) {
        throw new Mismatch(query.label() + " answered " + result.others() + " while timed");
      }
    }
  }

  private interface Check {
    void check(JsonNode answer, String scope, List<String> mismatches, String what);
  }

  private void statistics(
      List<Query> queries,
      List<String> mismatches,
      String system,
      String path,
      Map<String, String> callers,
      String level,
      Check check) {
    List<ClosedLoop.Call> calls = new ArrayList<>();
    callers.forEach(
        (scope, bearer) -> {
          calls.add(new ClosedLoop.Call(path, bearer));
          JsonNode answer = get(path, bearer, mismatches);
          if (answer != null) {
            check.check(answer, scope, mismatches, system + " statistics of " + scope);
          }
        });
    queries.add(new Query(system + " statistics of a " + level, "statistics", calls));
  }

  private void checkPublic(JsonNode s, String scope, List<String> mismatches, String what) {
    Tally t = generator.tally();
    expect(mismatches, what + ": total", s.get("total").asLong(), t.get("orders", scope));
    Map<String, Long> byStatus = counts(s.get("byStatus"));
    for (OrderStatus status : OrderStatus.values()) {
      expect(
          mismatches,
          what + ": " + status,
          byStatus.getOrDefault(status.name(), 0L),
          t.get("orders", scope, status.name()));
    }
    Map<String, Long> bySystem = counts(s.get("byOriginSystem"));
    for (OriginSystem system : OriginSystem.values()) {
      expect(
          mismatches,
          what + ": from " + system,
          bySystem.getOrDefault(system.name(), 0L),
          t.get("orders", scope, system.name()));
    }
    expect(
        mismatches,
        what + ": rated",
        s.get("satisfaction").get("rated").asLong(),
        t.get("rated", scope));
  }

  private void checkSanshe(JsonNode s, String scope, List<String> mismatches, String what) {
    Tally t = generator.tally();
    expect(mismatches, what + ": orders", s.get("orders").asLong(), t.get("dispatches", scope));
    expect(
        mismatches,
        what + ": accepted by organisations",
        s.get("timeToAccept").get("count").asLong(),
        t.get("accepted", scope));
    expect(
        mismatches,
        what + ": completed",
        s.get("timeToComplete").get("count").asLong(),
        t.get("completedDispatches", scope));
  }

  private void checkVolunteer(JsonNode s, String scope, List<String> mismatches, String what) {
    Tally t = generator.tally();
    expect(
        mismatches,
        what + ": registered",
        s.get("registered").asLong(),
        t.get("volunteers", scope));
    expect(mismatches, what + ": needs", s.get("needs").asLong(), t.get("needs", scope));
    expect(
        mismatches,
        what + ": needs matched",
        s.get("needsMatched").asLong(),
        t.get("needs", scope, "MATCHED"));
    expect(
        mismatches,
        what + ": approved records",
        s.get("approvedRecords").asLong(),
        t.get("approvedInYear", scope));
    BigDecimal hours =
        BigDecimal.valueOf(t.get("approvedMinutesInYear", scope))
            .divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN);
    if (s.get("approvedHours").decimalValue().compareTo(hours) != 0) {
      mismatches.add(what + ": approved hours " + s.get("approvedHours") + ", generated " + hours);
    }
    expect(
        mismatches,
        what + ": activities",
        s.get("activities").asLong(),
        t.get("activities", scope));
  }

  private static Map<String, Long> counts(JsonNode list) {
    Map<String, Long> counts = new LinkedHashMap<>();
    list.forEach(c -> counts.put(c.get("key").asString(), c.get("count").asLong()));
    return counts;
  }

  private static void expect(List<String> mismatches, String what, long actual, long expected) {
    if (actual != expected) {
      mismatches.add(what + ": the platform says " + actual + ", the generator wrote " + expected);
    }
  }

  private static void newestFirst(List<String> mismatches, String what, JsonNode items) {
    String previous = null;
    for (JsonNode item : items) {
      String created = item.get("createdAt").asString();
      if (previous != null && Instant.parse(created).isAfter(Instant.parse(previous))) {
        mismatches.add(what + ": not newest first (" + previous + " before " + created + ")");
        return;
      }
      previous = created;
    }
  }

  private JsonNode get(String path, String bearer, List<String> mismatches) {
    Http.Response response = api.anonymous().as(bearer).get(path);
    if (response.status() != 200) {
      mismatches.add("GET " + path + ": HTTP " + response.status() + " " + response.text());
      return null;
    }
    return response.json();
  }

  private String staff(String username) {
    return "Bearer " + OidcLogin.accessToken(platform.oidcUrl(), username, OidcLogin.DEMO_PASSWORD);
  }

  // ---------------------------------------------------------------- the tables

  private void report() {
    line("");
    line(
        "-- load: the generator's documents straight into the four databases (insertMany, %d a batch, %d writers) --",
        options.batch, options.writers);
    line(
        "%12s %10s %12s %9s %10s %12s %11s %13s",
        "orders",
        "residents",
        "documents",
        "load s",
        "docs/s",
        "store file",
        "store RSS",
        "live heap");
    for (LoadRow l : loads) {
      line(
          "%,12d %,10d %,12d %9.0f %,10.0f %,9d MB %,8d MB %,10d MB",
          l.orders(),
          DistrictGenerator.residentsFor(l.orders()),
          l.documents(),
          l.seconds(),
          l.documents() / l.seconds(),
          l.fileBytes() >> 20,
          l.mongoRss() >> 20,
          l.mongoHeapUsed() >> 20);
    }
    line("");
    line(
        "-- the cost curve: p50 / p99 ms (samples) at each size, through the gateway, %d connections, %d s each --",
        options.connections, options.seconds);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-46s", "query"));
    for (long orders : options.orders) {
      header.append(
          String.format(Locale.ROOT, " %24s", String.format(Locale.ROOT, "%,d orders", orders)));
    }
    line("%s", header);
    curve.forEach(
        (label, byScale) -> {
          StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-46s", label));
          for (long orders : options.orders) {
            Percentiles p = byScale.get(orders);
            row.append(
                String.format(
                    Locale.ROOT,
                    " %24s",
                    p == null
                        ? "-"
                        : String.format(
                            Locale.ROOT, "%.1f / %.1f (%d)", p.ms(50), p.ms(99), p.count())));
          }
          line("%s", row);
        });
    long last = options.orders[options.orders.length - 1];
    line("");
    line(
        "-- issue #14 target 4 at %,d orders, %,d residents --",
        last, DistrictGenerator.residentsFor(last));
    target("a resident's order list p99 < 50 ms", "resident", last, RESIDENT_LIST_P99_MS);
    target("a community worker's queue p99 < 100 ms", "queue", last, QUEUE_P99_MS);
    target("the statistics endpoints p99 < 500 ms", "statistics", last, STATISTICS_P99_MS);
    line(
        "%-44s %-52s %s",
        "each query served by an index",
        "QueriesUseIndexesIT (public, sanshe, volunteer)",
        "the tests");
  }

  private void target(String name, String kind, long orders, double limitMs) {
    String worst = null;
    double worstP99 = -1;
    for (Map.Entry<String, Map<Long, Percentiles>> e : curve.entrySet()) {
      Percentiles p = e.getValue().get(orders);
      if (kind.equals(kinds.get(e.getKey())) && p != null && p.ms(99) > worstP99) {
        worstP99 = p.ms(99);
        worst = e.getKey();
      }
    }
    line(
        "%-44s %-52s %s",
        name,
        worst == null
            ? "not measured"
            : String.format(Locale.ROOT, "worst p99 %.1f ms: %s", worstP99, worst),
        worst != null && worstP99 < limitMs ? "MET" : "MISSED");
  }

  private void line(String format, Object... args) {
    text.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  // ---------------------------------------------------------------- the store process

  static long directorySize(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  /**
   * The store JVM's live heap: in use after a full collection ({@code jcmd GC.run}, {@code
   * GC.heap_info}); -1 if it cannot be read.
   */
  static long heapUsed(long pid) {
    try {
      String jcmdPath = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      new ProcessBuilder(jcmdPath, String.valueOf(pid), "GC.run")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(120, TimeUnit.SECONDS);
      Process jcmd =
          new ProcessBuilder(jcmdPath, String.valueOf(pid), "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      String out = new String(jcmd.getInputStream().readAllBytes());
      jcmd.waitFor(20, TimeUnit.SECONDS);
      Matcher m = HEAP_USED.matcher(out);
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind
    }
  }

  /** An answer of the platform that differs from what was generated. */
  static final class Mismatch extends RuntimeException {
    Mismatch(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------- options

  static final class Options {
    long[] orders = {10_000, 100_000, 1_000_000};
    long seed = 14;
    Instant end = Instant.parse("2026-12-01T00:00:00Z");
    int seconds = -1;
    int warmupSeconds = -1;
    int connections = 2;
    int residents = 40;
    int writers = 2;
    int batch = 1000;
    int progressSeconds = 10;
    String mongoHeap = "6g";
    Path dataDir;

    String mongoJavaOptions() {
      return PlatformOptions.DEFAULT_MONGO_JAVA_OPTIONS.replaceAll("-Xmx\\S+", "-Xmx" + mongoHeap);
    }

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--orders" ->
              o.orders =
                  Arrays.stream(args[++i].split(","))
                      .mapToLong(v -> Long.parseLong(v.trim().replace("_", "")))
                      .sorted()
                      .toArray();
          case "--seed" -> o.seed = Long.parseLong(args[++i]);
          case "--end" -> o.end = Instant.parse(args[++i]);
          case "--seconds" -> o.seconds = PlatformBenchmark.Options.positive(arg, args[++i]);
          case "--warmup-seconds" ->
              o.warmupSeconds = PlatformBenchmark.Options.positive(arg, args[++i]);
          case "--connections" ->
              o.connections = PlatformBenchmark.Options.positive(arg, args[++i]);
          case "--residents" -> o.residents = PlatformBenchmark.Options.positive(arg, args[++i]);
          case "--writers" -> o.writers = PlatformBenchmark.Options.positive(arg, args[++i]);
          case "--batch" -> o.batch = PlatformBenchmark.Options.positive(arg, args[++i]);
          case "--mongo-heap" -> o.mongoHeap = args[++i];
          case "--data-dir" -> o.dataDir = Path.of(args[++i]);
          case "--help", "-h" -> {
            System.out.println(
                """
                DistrictBenchmark [--orders 10000,100000,1000000] [--seed 14] [--end 2026-12-01T00:00:00Z]
                                  [--seconds 20] [--warmup-seconds 5] [--connections 2] [--residents 40]
                                  [--writers 2] [--batch 1000] [--mongo-heap 6g] [--data-dir DIR]
                Starts the whole platform on free ports, loads a generated district in the given steps and
                times a resident's list, a community worker's queue and the statistics after each.""");
            System.exit(0);
          }
          default ->
              throw new IllegalArgumentException("Unknown argument " + arg + " (try --help)");
        }
      }
      long largest = o.orders[o.orders.length - 1];
      // a small district is a check that the benchmark works: a few seconds per query
      if (o.seconds < 0) {
        o.seconds = largest < 10_000 ? 3 : 20;
      }
      if (o.warmupSeconds < 0) {
        o.warmupSeconds = largest < 10_000 ? 1 : 5;
      }
      return o;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "--orders %s --seed %d --end %s --seconds %d --warmup-seconds %d --connections %d --residents %d --writers %d --batch %d --mongo-heap %s",
          String.join(",", Arrays.stream(orders).mapToObj(Long::toString).toList()),
          seed,
          end,
          seconds,
          warmupSeconds,
          connections,
          residents,
          writers,
          batch,
          mongoHeap);
    }
  }
}
