package org.fourinone.systemtests.bench.district;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed loop of GETs: {@code connections} clients, each sending its next request as soon as the
 * last one answered, each request as one of several callers (a resident's own list as that
 * resident, a community's queue as its worker) in turn. Latency is from sending to the last byte of
 * the answer.
 */
final class ClosedLoop {

  /** One request: a path and the caller's {@code Authorization} header. */
  record Call(String path, String bearer) {}

  /** What a run measured: the 200s' latencies, the other answers by status (0: no answer). */
  record Result(List<Long> nanos, Map<Integer, Integer> others, double seconds) {
    int ok() {
      return nanos.size();
    }

    double perSecond() {
      return nanos.size() / seconds;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final Duration timeout;

  ClosedLoop(String base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  Result run(List<Call> calls, int connections, Duration duration) throws Exception {
    List<HttpRequest> requests = new ArrayList<>();
    for (Call call : calls) {
      requests.add(
          HttpRequest.newBuilder(URI.create(base + call.path()))
              .timeout(timeout)
              .header("Authorization", call.bearer())
              .header("Accept-Language", "zh-CN")
              .GET()
              .build());
    }
    ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    Map<Integer, Integer> others = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      clients.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  HttpRequest request =
                      requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
                  long t = System.nanoTime();
                  int status;
                  try {
                    status =
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                  } catch (IOException e) {
                    status = 0;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  if (status == 200) {
                    nanos.add(System.nanoTime() - t);
                  } else {
                    others.merge(status, 1, Integer::sum);
                  }
                }
              }));
    }
    for (Future<?> f : clients) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Result(List.copyOf(nanos), new TreeMap<>(others), seconds);
  }
}
