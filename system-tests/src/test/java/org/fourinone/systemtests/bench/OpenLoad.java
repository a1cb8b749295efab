package org.fourinone.systemtests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fourinone.systemtests.Orders;
import org.fourinone.systemtests.SubSystem;
import org.fourinone.testing.Http;

/**
 * Orders placed through the gateway at a fixed rate, whatever the answers' latency (an open model:
 * residents do not wait for each other, so a slow platform meets a queue, not a politely slower
 * client). Each POST is sent asynchronously as the resident, with an {@code Idempotency-Key} as the
 * web app sends; every 201 is handed to the {@link StoreWatch} to time its way into all four
 * systems.
 */
final class OpenLoad {

  /** Who places what where: the resident's own order through the app. */
  record Placement(SubSystem origin, String residentId, String bearer, String type) {}

  /** One phase at one rate. */
  record Phase(
      double rate,
      double seconds,
      int sent,
      Map<Integer, Integer> statuses,
      List<Long> createdNanos,
      List<StoreWatch.Seen> seen,
      int notVisible) {

    int created() {
      return createdNanos.size();
    }

    double createdPerSecond() {
      return created() / seconds;
    }

    int failed() {
      return sent - created();
    }
  }

  private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String gateway;
  private final List<Placement> placements;
  private final StoreWatch watch;

  OpenLoad(String gateway, List<Placement> placements, StoreWatch watch) {
    this.gateway = gateway;
    this.placements = List.copyOf(placements);
    this.watch = watch;
  }

  /**
   * Places {@code rate} orders a second for {@code duration}, then waits up to {@code grace} for
   * the answers and for the accepted orders to appear everywhere.
   */
  Phase run(double rate, Duration duration, Duration grace) throws InterruptedException {
    watch.drain();
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    ConcurrentLinkedQueue<Long> created = new ConcurrentLinkedQueue<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    int sent = 0;
    for (long next = start; next < end; next += interval) {
      LockSupport.parkNanos(next - System.nanoTime());
      Placement p = placements.get(sent % placements.size());
      sent++;
      inFlight.add(place(p, created, statuses));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(grace.toMillis() + 15_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // answers still missing after the grace: counted below as not created
    }
    long until = System.nanoTime() + grace.toNanos();
    while (watch.pendingCount() > 0 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    List<StoreWatch.Seen> seen = watch.drain();
    int notVisible = watch.abandon();
    synchronized (statuses) {
      return new Phase(
          rate, seconds, sent, Map.copyOf(statuses), List.copyOf(created), seen, notVisible);
    }
  }

  private CompletableFuture<?> place(
      Placement p, ConcurrentLinkedQueue<Long> created, Map<Integer, Integer> statuses) {
    String body =
        Http.JSON.writeValueAsString(Orders.anOrder(p.residentId(), p.type(), Orders.APP));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway + p.origin().orders()))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", p.bearer())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    long sentAt = System.nanoTime();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .whenComplete(
            (response, error) -> {
              long took = System.nanoTime() - sentAt;
              int status = error != null ? 0 : response.statusCode();
              synchronized (statuses) {
                statuses.merge(status, 1, Integer::sum);
              }
              if (status == 201) {
                Matcher m = ORDER_ID.matcher(response.body());
                if (m.find()) {
                  created.add(took);
                  watch.placed(m.group(1), p.origin(), sentAt);
                }
              }
            });
  }
}
