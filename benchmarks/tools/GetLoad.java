import java.net.URI;
import java.net.http.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/**
 * A closed-loop GET, the way issue #14's target 5 was first tried with wrk: {@code connections}
 * clients each send the same GET with a bearer token, wait for the answer and send the next, for
 * {@code seconds}; prints requests/s and latency percentiles. A diagnostic for profiling one
 * component (the gateway, a service) on a running local stack, not the benchmark of record
 * ({@code PlatformBenchmark} measures the same GET direct and through the gateway in its run).
 *
 * <p>{@code java GetLoad.java http://localhost:8080/api/sanshe/order-types "$(deploy/local/token.sh
 * resident-01)" 16 20}
 */
public class GetLoad {
  public static void main(String[] a) throws Exception {
    URI uri = URI.create(a[0]);
    String bearer = a[1].startsWith("Bearer ") ? a[1] : "Bearer " + a[1];
    int connections = Integer.parseInt(a[2]);
    int seconds = Integer.parseInt(a[3]);
    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", bearer).build();
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }
    AtomicLong ok = new AtomicLong(), ko = new AtomicLong();
    ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long t0 = System.nanoTime();
    for (HttpClient client : clients) {
      pool.submit(
          () -> {
            while (System.nanoTime() < end) {
              long s = System.nanoTime();
              try {
                HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                (r.statusCode() == 200 ? ok : ko).incrementAndGet();
              } catch (Exception e) {
                ko.incrementAndGet();
              }
              micros.add((System.nanoTime() - s) / 1000);
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "%s: %d ok, %d ko, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        uri, ok.get(), ko.get(), ok.get() / elapsed, at(sorted, 0.50), at(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
  }

  static double at(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1000.0;
  }
}
