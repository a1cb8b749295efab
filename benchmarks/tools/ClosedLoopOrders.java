import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;

/**
 * A closed-loop order load through the gateway, the way issue #14 was first tried (wrk, 16
 * connections, the demo residents placing their own orders): {@code connections} clients each
 * place an order (APP channel, one of the four systems in turn, a type that system offers on the
 * app), wait for the 201, and place the next, for {@code seconds}. Every {@code sampleEvery}-th
 * order is then polled for in the other three systems directly (their own ports, the district
 * administrator's token; backing off 5 ms to 100 ms) until all three answer 200: visible in all
 * four, measured from the POST being sent.
 *
 * <p>A diagnostic, not the benchmark of record (that is {@code PlatformSimulation}); one file, no
 * build: {@code java ClosedLoopOrders.java http://localhost:8080 60 16 <tokens dir> 10}, or
 * {@code benchmarks/tools/closed-loop.sh}, which signs the accounts in first.
 */
public class ClosedLoopOrders {
  static final String[] SYS = {"party", "public", "sanshe", "volunteer"};
  static final Map<String, Integer> DIRECT = Map.of("party", 8081, "public", 8082, "sanshe", 8083, "volunteer", 8084);
  public static void main(String[] a) throws Exception {
    String gw = a[0]; int seconds = Integer.parseInt(a[1]); int conns = Integer.parseInt(a[2]);
    Path dir = Path.of(a[3]); int sampleEvery = Integer.parseInt(a[4]);
    String admin = Files.readString(dir.resolve("admin")).trim();
    List<String[]> residents = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String t = Files.readString(dir.resolve(String.format("resident-%02d", i))).trim();
      residents.add(new String[] {Files.readString(dir.resolve(String.format("resident-%02d.id", i))).trim(), t});
    }
    HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<String, List<String>> types = new HashMap<>();
    for (String s : SYS) {
      String body = c.send(HttpRequest.newBuilder(URI.create(gw + "/api/" + s + "/order-types")).header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body();
      List<String> codes = new ArrayList<>();
      Matcher m = Pattern.compile("\"code\":\"([A-Z_]+)\"[^}]*?\"channels\":\\[([^\\]]*)\\]").matcher(body);
      while (m.find()) if (m.group(2).contains("APP")) codes.add(m.group(1));
      types.put(s, codes);
    }
    System.out.println("types " + types);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong ok = new AtomicLong(), ko = new AtomicLong(), seq = new AtomicLong();
    ConcurrentLinkedQueue<Long> post = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<long[]> vis = new ConcurrentLinkedQueue<>();
    ExecutorService probes = Executors.newFixedThreadPool(4);
    ExecutorService pool = Executors.newFixedThreadPool(conns);
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    long t0 = System.nanoTime();
    for (int k = 0; k < conns; k++) {
      pool.submit(() -> {
        Random r = new Random();
        while (System.nanoTime() < end) {
          long n = seq.incrementAndGet();
          String[] res = residents.get(r.nextInt(residents.size()));
          String sys = SYS[(int) (n % 4)];
          List<String> ts = types.get(sys);
          String type = ts.get(r.nextInt(ts.size()));
          String json = "{\"residentId\":\"" + res[0] + "\",\"type\":\"" + type + "\",\"channel\":\"APP\",\"title\":\"上门照护\",\"description\":\"老人需要上门助浴\",\"address\":\"东直门内大街100号\"}";
          long s0 = System.nanoTime();
          try {
            HttpResponse<String> rsp = c.send(HttpRequest.newBuilder(URI.create(gw + "/api/" + sys + "/orders")).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + res[1]).header("Content-Type", "application/json").header("Idempotency-Key", "k" + n + "-" + t0).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - s0;
            if (rsp.statusCode() == 201) {
              ok.incrementAndGet(); post.add(took);
              if (n % sampleEvery == 0) {
                Matcher m = Pattern.compile("\"orderId\":\"([^\"]+)\"").matcher(rsp.body());
                if (m.find()) { String id = m.group(1); probes.submit(() -> probe(c, admin, sys, id, s0, vis)); }
              }
            } else { ko.incrementAndGet(); errors.merge(rsp.statusCode() + "", 1, Integer::sum); }
          } catch (Exception e) { ko.incrementAndGet(); errors.merge(e.getClass().getSimpleName(), 1, Integer::sum); }
        }
      });
    }
    pool.shutdown(); pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
    double secs = (System.nanoTime() - t0) / 1e9;
    probes.shutdown(); probes.awaitTermination(120, TimeUnit.SECONDS);
    List<Long> p = new ArrayList<>(post); Collections.sort(p);
    System.out.printf("orders ok %d ko %d in %.1f s = %.1f/s; errors %s%n", ok.get(), ko.get(), secs, ok.get() / secs, errors);
    System.out.printf("POST ms p50 %.0f p99 %.0f max %.0f%n", q(p, .5), q(p, .99), q(p, 1));
    List<long[]> v = new ArrayList<>(vis); v.sort(Comparator.comparingLong(x -> x[0]));
    List<Long> vl = new ArrayList<>(); for (long[] x : v) vl.add(x[1]); Collections.sort(vl);
    System.out.printf("visible in all four (n=%d) ms p50 %.0f p90 %.0f p99 %.0f max %.0f; >5s: %d%n", vl.size(), q(vl, .5), q(vl, .9), q(vl, .99), q(vl, 1), vl.stream().filter(x -> x > 5_000_000_000L).count());
    for (long[] x : v) if (x[1] > 1_000_000_000L) System.out.printf("  slow at +%.1f s: %.2f s%n", (x[0] - t0) / 1e9, x[1] / 1e9);
  }
  /** Nearest-rank quantile of nanoseconds, in milliseconds. */
  static double q(List<Long> sorted, double f) {
    if (sorted.isEmpty()) return 0;
    int rank = Math.max(1, (int) Math.ceil(f * sorted.size()));
    return sorted.get(Math.min(sorted.size(), rank) - 1) / 1e6;
  }
  static void probe(HttpClient c, String admin, String origin, String id, long s0, Queue<long[]> vis) {
    try {
      for (String s : SYS) {
        if (s.equals(origin)) continue;
        long wait = 5;
        while (true) {
          int st = c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + DIRECT.get(s) + "/api/" + s + "/orders/" + id)).header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
          if (st == 200) break;
          if (System.nanoTime() - s0 > 60_000_000_000L) { vis.add(new long[] {s0, 60_000_000_000L}); return; }
          Thread.sleep(wait); wait = Math.min(100, wait * 2);
        }
      }
      vis.add(new long[] {s0, System.nanoTime() - s0});
    } catch (Exception e) { }
  }
}
