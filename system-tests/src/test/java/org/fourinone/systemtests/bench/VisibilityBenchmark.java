package org.fourinone.systemtests.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.fourinone.local.Platform;
import org.fourinone.local.PlatformOptions;
import org.fourinone.systemtests.Orders;
import org.fourinone.systemtests.PlatformApi;
import org.fourinone.systemtests.SubSystem;
import org.fourinone.testing.Http;

/**
 * How long an order takes from the POST to being visible in all four systems, through the gateway.
 *
 * <p>Starts the platform on free ports (or uses a running one with {@code --gateway}), registers
 * residents, then places {@code --orders} orders spread over the four systems and the four
 * channels, {@code --concurrency} at a time. For each order it measures the POST's latency and,
 * polling each of the other three systems every {@code --poll-ms} milliseconds, the time until
 * {@code GET /api/<sys>/orders/<id>} is 200 in all of them.
 *
 * <pre>
 * ./mvnw -q -Pbench -pl system-tests -am -DskipTests verify -Dbench.args="--orders 200 --concurrency 4"
 * </pre>
 */
public final class VisibilityBenchmark {

  private static final List<String> CHANNELS =
      List.of(Orders.WEB, Orders.APP, Orders.CALL_CENTER, Orders.DOOR_TO_DOOR);

  private final PlatformApi api;
  private final long pollNanos;

  record Sample(SubSystem origin, String channel, long postNanos, long visibleNanos) {}

  VisibilityBenchmark(PlatformApi api, long pollMillis) {
    this.api = api;
    this.pollNanos = Duration.ofMillis(pollMillis).toNanos();
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Platform platform = null;
    try {
      PlatformApi api;
      if (options.gateway == null) {
        Path dataDir = Files.createTempDirectory("visibility-benchmark-");
        platform =
            Platform.start(
                PlatformOptions.builder()
                    .randomPorts()
                    .dataDir(dataDir)
                    // the conventions: drop TieredStopAtLevel=1 when measuring, keep the small
                    // heaps
                    .serviceJavaOptions("-XX:+UseSerialGC -Xss512k -Xms64m -Xmx192m")
                    .progress(options.quiet ? null : System.out)
                    // one benchmark client polls four systems at once: lift the gateway's
                    // per-client rate limit
                    .env("GATEWAY_RATE_LIMIT_PER_SECOND", "100000")
                    .env("GATEWAY_RATE_LIMIT_BURST", "100000")
                    .build());
        api = new PlatformApi(platform);
      } else {
        api =
            new PlatformApi(
                options.gateway,
                options.issuer,
                Path.of(options.oidcData).toAbsolutePath().resolve("residents.json"));
      }
      new VisibilityBenchmark(api, options.pollMillis).run(options, platform);
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  void run(Options options, Platform platform) throws Exception {
    List<String> residents = api.residentsKnownEverywhere(options.residents);
    Map<SubSystem, List<String>> types = new EnumMap<>(SubSystem.class);
    // every system through every channel: only the types offered through all four
    SubSystem.ALL.forEach(system -> types.put(system, api.orderTypesOfEveryChannel(system)));

    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency);
    try {
      measure(pool, options.warmup, residents, types); // JIT and connection pools, not counted
      long t0 = System.nanoTime();
      List<Sample> samples = measure(pool, options.orders, residents, types);
      double seconds = (System.nanoTime() - t0) / 1e9;
      report(samples, seconds, options, platform);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Sample> measure(
      ExecutorService pool, int count, List<String> residents, Map<SubSystem, List<String>> types)
      throws Exception {
    List<Future<Sample>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SubSystem origin = SubSystem.ALL.get(i % 4);
      String channel = CHANNELS.get((i / 4 + i) % 4); // every system through every channel
      String resident = residents.get(i % residents.size());
      List<String> systemTypes = types.get(origin);
      String type = systemTypes.get(i % systemTypes.size());
      futures.add(pool.submit(() -> one(origin, channel, resident, type)));
    }
    List<Sample> samples = new ArrayList<>();
    for (Future<Sample> future : futures) {
      samples.add(future.get());
    }
    return samples;
  }

  private Sample one(SubSystem origin, String channel, String residentId, String type) {
    // as the channel's caller (the resident for WEB/APP, a community operator for the assisted
    // channels)
    Http placer = api.placer(residentId, channel);
    long sent = System.nanoTime();
    Http.Response response =
        placer.post(origin.orders(), Orders.anOrder(residentId, type, channel));
    long posted = System.nanoTime();
    if (response.status() != 201) {
      throw new IllegalStateException(
          "POST " + origin.orders() + " answered " + response.status() + ": " + response.text());
    }
    String orderId = response.json().get("orderId").asString();
    List<SubSystem> pending = new ArrayList<>(origin.others());
    long deadline = sent + Duration.ofSeconds(60).toNanos();
    while (!pending.isEmpty()) {
      long round = System.nanoTime();
      pending.removeIf(system -> api.order(system, orderId).status() == 200);
      if (pending.isEmpty()) {
        break;
      }
      if (round > deadline) {
        throw new IllegalStateException(orderId + " not visible in " + pending + " after 60 s");
      }
      long wait = pollNanos - (System.nanoTime() - round);
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    long visible = System.nanoTime();
    return new Sample(origin, channel, posted - sent, visible - sent);
  }

  private static void report(
      List<Sample> samples, double seconds, Options options, Platform platform) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "VisibilityBenchmark: %d orders (%d warm-up not counted), %d in flight, poll every %d ms, %d CPUs%n",
        samples.size(),
        options.warmup,
        options.concurrency,
        options.pollMillis,
        Runtime.getRuntime().availableProcessors());
    if (platform != null) {
      System.out.printf(
          Locale.ROOT,
          "platform start-up: %.1f s (broker, MongoDB, 4 services, gateway, each its own JVM)%n",
          platform.startupTime().toMillis() / 1000.0);
    } else {
      System.out.println("platform start-up: not measured (--gateway " + options.gateway + ")");
    }
    System.out.printf(
        Locale.ROOT, "throughput: %.1f orders/s while measuring%n", samples.size() / seconds);
    System.out.printf(
        Locale.ROOT, "%-34s %8s %8s %8s %8s %8s%n", "ms", "p50", "p95", "p99", "max", "mean");
    line("POST /api/<sys>/orders (gateway)", samples.stream().map(Sample::postNanos).toList());
    line("visible in all four systems", samples.stream().map(Sample::visibleNanos).toList());
    for (SubSystem origin : SubSystem.ALL) {
      line(
          "  visible, placed in " + origin.name().toLowerCase(Locale.ROOT),
          samples.stream().filter(s -> s.origin() == origin).map(Sample::visibleNanos).toList());
    }
  }

  private static void line(String name, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%-34s %8.1f %8.1f %8.1f %8.1f %8.1f%n",
        name,
        Percentiles.ms(sorted, 50),
        Percentiles.ms(sorted, 95),
        Percentiles.ms(sorted, 99),
        sorted.get(sorted.size() - 1) / 1e6,
        mean);
  }

  static final class Options {
    String gateway;
    String issuer = "http://localhost:9000";
    String oidcData = ".local-stack/oidc";
    int orders = 200;
    int warmup = 40;
    int concurrency = 4;
    int residents = 8;
    long pollMillis = 5;
    boolean quiet;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--gateway" -> o.gateway = args[++i].replaceAll("/+$", "");
          case "--issuer" -> o.issuer = args[++i].replaceAll("/+$", "");
          case "--oidc-data" -> o.oidcData = args[++i];
          case "--orders" -> o.orders = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "--concurrency" -> o.concurrency = Integer.parseInt(args[++i]);
          case "--residents" -> o.residents = Integer.parseInt(args[++i]);
          case "--poll-ms" -> o.pollMillis = Long.parseLong(args[++i]);
          case "--quiet" -> o.quiet = true;
          case "--help", "-h" -> {
            System.out.println(
                """
                VisibilityBenchmark [--gateway http://localhost:8080 [--issuer http://localhost:9000]
                                    [--oidc-data .local-stack/oidc]] [--orders 200] [--warmup 40]
                                    [--concurrency 4] [--residents 8] [--poll-ms 5] [--quiet]
                Without --gateway it starts the whole platform on free ports in a temp directory.
                With it, it signs in at --issuer and adds its residents' logins to <oidc-data>/residents.json;
                start that stack with GATEWAY_RATE_LIMIT_PER_SECOND / _BURST raised, or the pollers are throttled.""");
            System.exit(0);
          }
          default ->
              throw new IllegalArgumentException("Unknown argument " + arg + " (try --help)");
        }
      }
      if (o.orders < 1 || o.concurrency < 1 || o.residents < 1) {
        throw new IllegalArgumentException(
            "--orders, --concurrency and --residents must be at least 1");
      }
      return o;
    }
  }
}
