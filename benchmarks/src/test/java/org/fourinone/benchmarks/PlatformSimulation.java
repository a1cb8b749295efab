package org.fourinone.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.fourinone.local.Platform;
import org.fourinone.local.PlatformOptions;
import org.fourinone.systemtests.bench.RawInfrastructure;

/**
 * The whole platform under load through the gateway, at increasing constant order rates, to find
 * the knee (issue #5). Started by {@code ./mvnw -B -Pbench -pl benchmarks -am -DskipTests verify}.
 *
 * <p>Per order (open model, {@code bench.rates} orders/s for {@code bench.stepSeconds} each): one
 * of the four systems, one of the four channels — WEB/APP placed by the resident, CALL_CENTER by
 * the community's call-centre operator and DOOR_TO_DOOR by its community worker, both with the
 * resident's consent — and for {@code bench.advanceRatio} of them the community worker then
 * accepts, assigns, starts and completes it. Beside it residents read their order lists at {@code
 * bench.readRatio} × the order rate. Before the steps: the same GET direct to a service and through
 * the gateway, closed loop; after them: raw Kafka and MongoDB on the same broker and server. CPU
 * and RSS of every process are sampled throughout.
 */
public class PlatformSimulation extends Simulation {

  private static final List<String> CHANNELS = List.of("WEB", "APP", "CALL_CENTER", "DOOR_TO_DOOR");
  private static final Map<String, String[]> ASSIGNEE =
      Map.of(
          "party", new String[] {"PARTY_MEMBER", "PM-0007"},
          "public", new String[] {"DEPARTMENT", "STREET_OFFICE"},
          "sanshe", new String[] {"SOCIAL_WORKER", null},
          "volunteer", new String[] {"VOLUNTEER", "V-0101"});

  private final int[] rates =
      Arrays.stream(System.getProperty("bench.rates", "5,10,20,40,80").split(","))
          .map(String::trim)
          .mapToInt(Integer::parseInt)
          .toArray();
  private final int stepSeconds = Integer.getInteger("bench.stepSeconds", 20);
  private final int residentCount = Integer.getInteger("bench.residents", 24);
  private final double readRatio = Double.parseDouble(System.getProperty("bench.readRatio", "0.5"));
  private final double advanceRatio =
      Double.parseDouble(System.getProperty("bench.advanceRatio", "0.25"));
  private final int closedUsers = Integer.getInteger("bench.closedUsers", 16);
  private final int closedSeconds = Integer.getInteger("bench.closedSeconds", 10);

  /**
   * The full mix at a moderate rate before anything is measured: JIT compilation of nine JVMs on
   * two cores takes minutes.
   */
  private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 120);

  private final int warmupRate = Integer.getInteger("bench.warmupRate", 10);

  /**
   * Share of orders whose visibility in the other three systems is probed, and the probes'
   * interval.
   */
  private final double visibilitySample =
      Double.parseDouble(System.getProperty("bench.visibilitySample", "0.1"));

  private final int visibilityPollMillis = Integer.getInteger("bench.visibilityPollMillis", 10);
  private static final double POLL_BACKOFF = 1.25;
  private static final double MAX_POLL_MILLIS = 250;

  private final Platform platform;
  private final String gateway;
  private final String direct;
  private final Actors actors;
  private final ProcessSampler sampler;

  public PlatformSimulation() throws Exception {
    String external = System.getProperty("bench.gateway", "");
    Platform started = null;
    try {
      if (external.isBlank()) {
        Path dataDir = Files.createTempDirectory("platform-benchmark-");
        PlatformOptions.Builder options = PlatformOptions.builder();
        String mongoJavaOptions = System.getProperty("bench.mongoJavaOptions", "");
        if (!mongoJavaOptions.isBlank()) {
          options.mongoJavaOptions(mongoJavaOptions);
        }
        started =
            Platform.start(
                options
                    .randomPorts()
                    .dataDir(dataDir)
                    .serviceJavaOptions(
                        System.getProperty(
                            "bench.serviceJavaOptions",
                            "-XX:+UseSerialGC -Xss512k -Xms64m -Xmx192m"))
                    .progress(System.out)
                    // the load comes from one client address: lift the gateway's per-client rate
                    // limit
                    .env("GATEWAY_RATE_LIMIT_PER_SECOND", "100000")
                    .env("GATEWAY_RATE_LIMIT_BURST", "100000")
                    .build());
        Platform toClose = started;
        Runtime.getRuntime().addShutdownHook(new Thread(toClose::close));
        gateway = started.gatewayUrl();
        direct = started.serviceUrl(Platform.PUBLIC_SERVICE);
        actors =
            new Actors(
                gateway,
                started.oidcUrl(),
                started.oidcDataDir().resolve("residents.json"),
                residentCount);
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : Platform.ALL) {
          if (started.isRunning(name)) {
            pids.put(name, started.pid(name));
          }
        }
        pids.put("gatling (load generator)", ProcessHandle.current().pid());
        sampler = new ProcessSampler(pids);
      } else {
        gateway = external.replaceAll("/+$", "");
        direct = System.getProperty("bench.direct", "http://localhost:8082");
        actors =
            new Actors(
                gateway,
                System.getProperty("bench.issuer", "http://localhost:9000"),
                Path.of(System.getProperty("bench.oidcData", "../.local-stack/oidc"))
                    .toAbsolutePath()
                    .resolve("residents.json"),
                residentCount);
        sampler =
            new ProcessSampler(Map.of("gatling (load generator)", ProcessHandle.current().pid()));
      }
      platform = started;
    } catch (Exception | Error e) {
      if (started != null) {
        started.close();
      }
      throw e;
    }

    HttpProtocolBuilder protocol =
        http.baseUrl(gateway)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections()
            .disableCaching();

    // the same GET, direct to public-service and through the gateway, closed loop
    String sameGet = "/api/public/order-types";
    ScenarioBuilder warmUpGets =
        scenario("warm-up GETs")
            .exec(
                timed(
                    "warm-up direct",
                    http("warm-up direct")
                        .get(direct + sameGet)
                        .header("Authorization", "Bearer " + actors.adminToken)
                        .check(status().is(200))),
                timed(
                    "warm-up gateway",
                    http("warm-up gateway")
                        .get(sameGet)
                        .header("Authorization", "Bearer " + actors.adminToken)
                        .check(status().is(200))),
                pause(Duration.ofMillis(50)));
    ScenarioBuilder directGet =
        scenario("direct")
            .exec(
                timed(
                    "GET order-types direct",
                    http("GET order-types direct")
                        .get(direct + sameGet)
                        .header("Authorization", "Bearer " + actors.adminToken)
                        .check(status().is(200))));
    ScenarioBuilder gatewayGet =
        scenario("gateway")
            .exec(
                timed(
                    "GET order-types gateway",
                    http("GET order-types gateway")
                        .get(sameGet)
                        .header("Authorization", "Bearer " + actors.adminToken)
                        .check(status().is(200))));

    ScenarioBuilder warmUpOrders = orders("warm-up orders", "warm-up ");
    ScenarioBuilder warmUpReads = reads("warm-up reads", "warm-up ");
    ScenarioBuilder orders = orders("orders", "");
    ScenarioBuilder reads = reads("reads", "");

    List<OpenInjectionStep> orderSteps = new ArrayList<>();
    List<OpenInjectionStep> readSteps = new ArrayList<>();
    for (int rate : rates) {
      orderSteps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(stepSeconds)));
      readSteps.add(constantUsersPerSec(rate * readRatio).during(Duration.ofSeconds(stepSeconds)));
    }
    ClosedInjectionStep closed =
        constantConcurrentUsers(closedUsers).during(Duration.ofSeconds(closedSeconds));
    Duration warmUp = Duration.ofSeconds(warmupSeconds);

    setUp(
            warmUpOrders
                .injectOpen(constantUsersPerSec(warmupRate).during(warmUp))
                .andThen(
                    directGet
                        .injectClosed(closed)
                        .andThen(
                            gatewayGet
                                .injectClosed(closed)
                                .andThen(
                                    orders.injectOpen(orderSteps), reads.injectOpen(readSteps)))),
            warmUpReads.injectOpen(constantUsersPerSec(warmupRate * readRatio).during(warmUp)),
            warmUpGets.injectClosed(constantConcurrentUsers(2).during(warmUp)))
        .protocols(protocol)
        // past the knee the open model queues users faster than they finish: stop 30 s after the
        // last step
        .maxDuration(
            Duration.ofSeconds(
                warmupSeconds + 15 + 2L * closedSeconds + (long) stepSeconds * rates.length + 30));
  }

  /**
   * Residents and workers placing orders ({@code prefix} "warm-up " for the warm-up, whose requests
   * are not reported); for a sample of them, probes the other three systems until each shows the
   * order.
   */
  private ScenarioBuilder orders(String name, String prefix) {
    boolean measured = prefix.isEmpty();
    return scenario(name)
        .feed(orderFeeder())
        .exec(
            session -> {
              if (measured) {
                Recorder.markLoadStart();
              }
              return session;
            })
        .exec(
            timed(
                prefix + "#place",
                http("place #{channelGroup}")
                    .post("/api/#{system}/orders")
                    .header("Authorization", "Bearer #{placerToken}")
                    .body(StringBody("#{placeBody}"))
                    .check(status().is(201), jsonPath("$.orderId").saveAs("orderId"))))
        .exitHereIf(session -> session.getBoolean("broken"))
        .exec(session -> session.set("placedAt", session.getLong("t0")))
        .doIf(session -> session.getBoolean("probe"))
        .then(visibleInTheOtherThree(prefix))
        .exitHereIf(session -> !session.getBoolean("advance"))
        .exec(lifecycle(prefix, "accept", "{}"))
        .exitHereIf(session -> session.getBoolean("broken"))
        .exec(lifecycle(prefix, "assign", "#{assignBody}"))
        .exitHereIf(session -> session.getBoolean("broken"))
        .exec(lifecycle(prefix, "start", "{}"))
        .exitHereIf(session -> session.getBoolean("broken"))
        .exec(lifecycle(prefix, "complete", "{\"note\":\"已上门解决\"}"));
  }

  /**
   * GET the order in each of the other three systems (as its resident) until it answers 200 — one
   * system after the other, so the time recorded when the last one answers is the time from sending
   * the POST until the order was visible in all four (10 s at most, then a failure). The first
   * retry waits {@code bench.visibilityPollMillis}, each further one {@value #POLL_BACKOFF} times
   * longer, up to {@value #MAX_POLL_MILLIS} ms: with a fixed 10 ms the probes of orders that were
   * slow to appear became hundreds of GETs a second, which slowed the platform, which made more
   * orders slow — runs at the same rate came out either fine or with every probe timing out.
   */
  private ChainBuilder visibleInTheOtherThree(String prefix) {
    long giveUpNanos = Duration.ofSeconds(10).toNanos();
    return foreach("#{others}", "other")
        .on(
            exec(session ->
                    session.set("seen", false).set("pollMillis", (double) visibilityPollMillis))
                .asLongAs(
                    session ->
                        !session.getBoolean("seen")
                            && System.nanoTime() - session.getLong("placedAt") < giveUpNanos)
                .on(
                    exec(http("visible?")
                            .get("/api/#{other}/orders/#{orderId}")
                            .header("Authorization", "Bearer #{residentToken}")
                            .check(status().saveAs("probeStatus")))
                        .exec(session -> session.set("seen", session.getInt("probeStatus") == 200))
                        .doIf(session -> !session.getBoolean("seen"))
                        .then(
                            pause(
                                    session ->
                                        Duration.ofMillis((long) session.getDouble("pollMillis")))
                                .exec(
                                    session ->
                                        session.set(
                                            "pollMillis",
                                            Math.min(
                                                MAX_POLL_MILLIS,
                                                session.getDouble("pollMillis") * POLL_BACKOFF)))))
                .exec(
                    session ->
                        session.set(
                            "allSeen",
                            session.getBoolean("seen")
                                && (!session.contains("allSeen")
                                    || session.getBoolean("allSeen")))))
        .exec(
            session -> {
              long placedAt = session.getLong("placedAt");
              Recorder.record(
                  prefix + "visible in all four (sampled)",
                  placedAt,
                  System.nanoTime() - placedAt,
                  session.getBoolean("allSeen"));
              return session.markAsSucceeded();
            });
  }

  private ScenarioBuilder reads(String name, String prefix) {
    return scenario(name)
        .feed(readFeeder())
        .exec(
            timed(
                prefix + "resident reads order list",
                http("resident reads order list")
                    .get("/api/#{system}/residents/#{residentId}/orders?page=0&size=20")
                    .header("Authorization", "Bearer #{residentToken}")
                    .check(status().is(200))));
  }

  /**
   * Times a request into the {@link Recorder}; a failed check marks the order broken instead of the
   * session.
   */
  private static ChainBuilder timed(String name, HttpRequestActionBuilder request) {
    return exec(session -> session.set("t0", System.nanoTime()).set("broken", false))
        .exec(request)
        .exec(
            session -> {
              long t0 = session.getLong("t0");
              String recorded =
                  name.endsWith("#place")
                      ? name.replace("#place", "place " + session.getString("channelGroup"))
                      : name;
              Recorder.record(recorded, t0, System.nanoTime() - t0, !session.isFailed());
              return session.isFailed() ? session.markAsSucceeded().set("broken", true) : session;
            });
  }

  private static ChainBuilder lifecycle(String prefix, String command, String body) {
    return timed(
        prefix + command,
        http(command)
            .post("/api/#{system}/orders/#{orderId}/" + command)
            .header("Authorization", "Bearer #{workerToken}")
            .body(StringBody(body))
            .check(status().is(200)));
  }

  private Iterator<Map<String, Object>> orderFeeder() {
    return Stream.generate(
            () -> {
              ThreadLocalRandom random = ThreadLocalRandom.current();
              Actors.Resident resident =
                  actors.residents.get(random.nextInt(actors.residents.size()));
              String system = Actors.SYSTEMS.get(random.nextInt(4));
              String channel = CHANNELS.get(random.nextInt(4));
              List<String> types = actors.orderTypes.get(system);
              Map<String, Object> order = new LinkedHashMap<>();
              order.put("residentId", resident.residentId());
              String type = types.get(random.nextInt(types.size()));
              order.put("type", type);
              order.put("channel", channel);
              order.put("title", "独居老人居家照护");
              order.put("description", "老人腿脚不便，需要上门助浴和陪同就医，希望本周内安排。");
              order.put("address", "东直门街道东直门社区3号楼2单元501");
              String placer = resident.token();
              if (channel.equals("CALL_CENTER")) {
                order.put("consent", Map.of("given", true, "how", "PHONE_RECORDING"));
                placer = actors.operatorTokens.get(resident.communityId());
              } else if (channel.equals("DOOR_TO_DOOR")) {
                order.put("consent", Map.of("given", true, "how", "IN_PERSON"));
                placer = actors.workerTokens.get(resident.communityId());
              }
              String[] assignee = ASSIGNEE.get(system);
              if (system.equals("sanshe")) {
                // a worker the registry knows, employed by the resident's community
                assignee =
                    new String[] {
                      "SOCIAL_WORKER", actors.socialWorkers.get(resident.communityId())
                    };
              }
              if (system.equals("public")) {
                // each item goes to the department that decides it; an appeal to the street office
                assignee =
                    new String[] {
                      "DEPARTMENT", actors.departmentOfType.getOrDefault(type, assignee[1])
                    };
              }
              Map<String, Object> record = new LinkedHashMap<>();
              record.put("system", system);
              record.put(
                  "channelGroup",
                  channel.equals("WEB") || channel.equals("APP")
                      ? "WEB/APP (resident)"
                      : "CALL_CENTER/DOOR_TO_DOOR (operator)");
              record.put("placerToken", placer);
              record.put("residentToken", resident.token());
              record.put(
                  "others",
                  Actors.SYSTEMS.stream().filter(other -> !other.equals(system)).toList());
              record.put("probe", random.nextDouble() < visibilitySample);
              record.put("workerToken", actors.workerTokens.get(resident.communityId()));
              record.put("advance", random.nextDouble() < advanceRatio);
              try {
                record.put("placeBody", Actors.JSON.writeValueAsString(order));
                record.put(
                    "assignBody",
                    Actors.JSON.writeValueAsString(
                        Map.of("assigneeType", assignee[0], "assignee", assignee[1])));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return record;
            })
        .iterator();
  }

  private Iterator<Map<String, Object>> readFeeder() {
    return Stream.generate(
            () -> {
              ThreadLocalRandom random = ThreadLocalRandom.current();
              Actors.Resident resident =
                  actors.residents.get(random.nextInt(actors.residents.size()));
              return Map.<String, Object>of(
                  "system",
                  Actors.SYSTEMS.get(random.nextInt(4)),
                  "residentId",
                  resident.residentId(),
                  "residentToken",
                  resident.token());
            })
        .iterator();
  }

  @Override
  public void after() {
    try {
      report();
    } catch (Exception e) {
      e.printStackTrace(System.out);
    } finally {
      sampler.close();
      if (platform != null) {
        platform.close();
      }
    }
  }

  private void report() throws Exception {
    sampler.sample();
    long stepNanos = Duration.ofSeconds(stepSeconds).toNanos();
    List<Recorder.Sample> samples = Recorder.samples();
    Map<String, List<Recorder.Sample>> byName = Recorder.byName(samples);
    StringBuilder out = new StringBuilder();
    out.append("\n================ PlatformSimulation summary ================\n");
    out.append(
        String.format(
            Locale.ROOT,
            "machine: %d CPUs; steps %s orders/s x %d s; %d residents; reads %.2f x rate; advanced %.2f of orders%n",
            Runtime.getRuntime().availableProcessors(),
            Arrays.toString(rates),
            stepSeconds,
            residentCount,
            readRatio,
            advanceRatio));
    out.append(
        String.format(
            Locale.ROOT,
            "warm-up (not reported): the same mix at %d orders/s for %d s; visibility probed for %.0f %% of orders, polled after %d ms, then %.2f x longer each time (at most %.0f ms)%n",
            warmupRate,
            warmupSeconds,
            visibilitySample * 100,
            visibilityPollMillis,
            POLL_BACKOFF,
            MAX_POLL_MILLIS));
    out.append(
        platform != null
            ? String.format(
                Locale.ROOT,
                "platform start-up: %.1f s (OIDC, broker, MongoDB, 4 services, gateway; each its own JVM)%n",
                platform.startupTime().toMillis() / 1e3)
            : "platform start-up: not measured (external platform)\n");

    out.append("\n-- per load step: orders (POST 201) by the step the POST was sent in --\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s %8s %9s %9s %6s %8s %8s %8s%n",
            "step",
            "offered",
            "sent/s",
            "201/s",
            "ko",
            "p50 ms",
            "p95 ms",
            "p99 ms"));
    for (int i = 0; i < rates.length; i++) {
      int step = i;
      List<Recorder.Sample> placed =
          samples.stream()
              .filter(
                  s ->
                      s.name().startsWith("place ")
                          && Recorder.step(s.startNanos(), stepNanos, rates.length) == step)
              .toList();
      List<Long> ok =
          placed.stream().filter(Recorder.Sample::ok).map(Recorder.Sample::nanos).sorted().toList();
      out.append(
          String.format(
              Locale.ROOT,
              "%-10s %8d %9.1f %9.1f %6d %8.1f %8.1f %8.1f%n",
              "step " + (i + 1),
              rates[i],
              placed.size() / (double) stepSeconds,
              ok.size() / (double) stepSeconds,
              placed.size() - ok.size(),
              Recorder.percentile(ok, 50),
              Recorder.percentile(ok, 95),
              Recorder.percentile(ok, 99)));
    }
    out.append("\n-- per request type and step (through the gateway) --\n");
    for (Map.Entry<String, List<Recorder.Sample>> e : byName.entrySet()) {
      if (e.getKey().startsWith("warm-up") || e.getKey().startsWith("GET order-types")) {
        continue;
      }
      out.append(Recorder.header(e.getKey())).append('\n');
      for (int i = 0; i < rates.length; i++) {
        int step = i;
        out.append(
                Recorder.row(
                    "  step " + (i + 1) + " (" + rates[i] + " orders/s)",
                    e.getValue().stream()
                        .filter(s -> Recorder.step(s.startNanos(), stepNanos, rates.length) == step)
                        .toList(),
                    stepSeconds))
            .append('\n');
      }
      out.append(Recorder.row("  all steps", e.getValue(), stepSeconds * rates.length))
          .append('\n');
    }

    out.append("\n-- the same GET (/api/public/order-types as admin), closed loop, ")
        .append(closedUsers)
        .append(" users x ")
        .append(closedSeconds)
        .append(" s each --\n");
    out.append(Recorder.header("")).append('\n');
    double directRate = closedRate(byName.get("GET order-types direct"));
    double gatewayRate = closedRate(byName.get("GET order-types gateway"));
    out.append(
            Recorder.row(
                "direct to public-service",
                byName.getOrDefault("GET order-types direct", List.of()),
                closedWindow(byName.get("GET order-types direct"))))
        .append('\n');
    out.append(
            Recorder.row(
                "through the gateway",
                byName.getOrDefault("GET order-types gateway", List.of()),
                closedWindow(byName.get("GET order-types gateway"))))
        .append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "gateway / direct throughput: %.2f (%.0f vs %.0f req/s)%n",
            gatewayRate / directRate,
            gatewayRate,
            directRate));

    if (platform != null) {
      out.append(
          "\n-- raw infrastructure after the load (platform idle), same broker and server --\n");
      out.append(
          String.format(
              Locale.ROOT,
              "%-44s %8s %9s %8s %8s %8s %8s%n",
              "",
              "n",
              "per s",
              "p50 ms",
              "p95 ms",
              "p99 ms",
              "max ms"));
      List<Long> kafka = RawInfrastructure.kafkaLatencies(platform.kafkaBootstrap(), 200, 10);
      out.append(
              RawInfrastructure.latencyRow(
                  "Kafka produce->consume, 200/s (acks=all, idem, linger 1ms)",
                  kafka,
                  kafka.size() / 10.0))
          .append('\n');
      for (int threads : new int[] {1, 4}) {
        Map.Entry<Double, List<Long>> mongo =
            RawInfrastructure.mongoInserts(platform.mongoUri(), threads, 5);
        out.append(
                RawInfrastructure.latencyRow(
                    "MongoDB insertOne, " + threads + " client thread(s), 5 s",
                    mongo.getValue(),
                    mongo.getKey()))
            .append('\n');
      }
    }

    out.append("\n-- CPU (% of one core; 2 cores = 200 %) per process and step, RSS --\n");
    long loadStart = Recorder.LOAD_START.get();
    out.append(String.format(Locale.ROOT, "%-26s", "process"));
    for (int i = 0; i < rates.length; i++) {
      out.append(String.format(Locale.ROOT, " %9s", rates[i] + "/s"));
    }
    out.append(String.format(Locale.ROOT, " %10s %10s%n", "RSS MB", "max RSS"));
    List<Map<String, Double>> cpu = new ArrayList<>();
    for (int i = 0; i < rates.length; i++) {
      cpu.add(
          loadStart < 0
              ? Map.of()
              : sampler.cpuPercent(loadStart + i * stepNanos, loadStart + (i + 1) * stepNanos));
    }
    Map<String, long[]> rss = sampler.rssLastAndMaxKb();
    double[] totals = new double[rates.length];
    for (String name : rss.keySet()) {
      out.append(String.format(Locale.ROOT, "%-26s", name));
      for (int i = 0; i < rates.length; i++) {
        double v = cpu.get(i).getOrDefault(name, Double.NaN);
        totals[i] += Double.isNaN(v) ? 0 : v;
        out.append(String.format(Locale.ROOT, " %9.0f", v));
      }
      out.append(
          String.format(
              Locale.ROOT,
              " %10.0f %10.0f%n",
              rss.get(name)[0] / 1024.0,
              rss.get(name)[1] / 1024.0));
    }
    out.append(String.format(Locale.ROOT, "%-26s", "total"));
    for (double t : totals) {
      out.append(String.format(Locale.ROOT, " %9.0f", t));
    }
    out.append(
        String.format(
            Locale.ROOT, " %10.0f%n", rss.values().stream().mapToLong(v -> v[0]).sum() / 1024.0));
    out.append("============================================================\n");
    System.out.print(out);
    Path summary = Path.of("target", "gatling", "summary.txt");
    Files.createDirectories(summary.getParent());
    Files.writeString(summary, out.toString());
  }

  private static double closedWindow(List<Recorder.Sample> samples) {
    if (samples == null || samples.isEmpty()) {
      return Double.NaN;
    }
    long first = samples.stream().mapToLong(Recorder.Sample::startNanos).min().orElseThrow();
    long last = samples.stream().mapToLong(s -> s.startNanos() + s.nanos()).max().orElseThrow();
    return (last - first) / 1e9;
  }

  private static double closedRate(List<Recorder.Sample> samples) {
    return samples == null
        ? Double.NaN
        : samples.stream().filter(Recorder.Sample::ok).count() / closedWindow(samples);
  }
}
