package org.fourinone.systemtests.faults;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fourinone.systemtests.Orders;
import org.fourinone.systemtests.PlatformApi;
import org.fourinone.systemtests.SubSystem;
import org.fourinone.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * A steady load through the gateway: a few workers place orders in all four systems through every
 * channel (residents for WEB/APP, the community's operators for CALL_CENTER/DOOR_TO_DOOR) and move
 * some along (accept, then cancel, as the district administrator), at a modest rate.
 *
 * <p>The {@link #ledger()} holds every order the platform accepted with {@code 201}, with the last
 * status and sequence its origin confirmed with {@code 200}. A placement that fails (503, 504, a
 * refused connection, a time-out) is retried with the same {@code Idempotency-Key} at the worker's
 * next steps and dropped after a few tries; it reaches the ledger only once a 201 confirms it.
 */
final class Load {

  /** An order the platform accepted, as its origin last confirmed it. */
  record Accepted(
      String orderId, SubSystem origin, String residentId, String status, long sequence) {}

  private record Placement(
      SubSystem system, String residentId, String channel, String key, int attempts) {}

  private static final int MAX_ATTEMPTS = 6;

  private final PlatformApi api;
  private final List<String> residents;
  private final Map<SubSystem, String> orderTypes;
  private final Map<String, Accepted> ledger = new ConcurrentHashMap<>();

  /** Orders a worker is moving along right now: no two workers act on the same order. */
  private final Map<String, Boolean> busy = new ConcurrentHashMap<>();

  private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

  /** Per system, the time of the latest 201 (System.nanoTime()). */
  private final Map<SubSystem, AtomicLong> lastAccepted = new ConcurrentHashMap<>();

  private final int workers;
  private final Duration interval;
  private ScheduledExecutorService executor;

  Load(
      PlatformApi api,
      List<String> residents,
      Map<SubSystem, String> orderTypes,
      int workers,
      Duration interval) {
    this.api = api;
    this.residents = List.copyOf(residents);
    this.orderTypes = Map.copyOf(orderTypes);
    this.workers = workers;
    this.interval = interval;
    SubSystem.ALL.forEach(s -> lastAccepted.put(s, new AtomicLong()));
  }

  synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("already running");
    }
    executor =
        Executors.newScheduledThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "load");
              t.setDaemon(true);
              return t;
            });
    for (int i = 0; i < workers; i++) {
      Worker worker = new Worker();
      executor.scheduleWithFixedDelay(
          worker::step, i * 50L, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops the workers and waits for the requests in flight (each ends within the HTTP client's 30
   * s).
   */
  synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(45, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  Map<String, Accepted> ledger() {
    return ledger;
  }

  /** How many answers of each kind ("POST 201", "POST 503", "POST io" ...) the load got so far. */
  Map<String, Long> outcomes() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    outcomes.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** System.nanoTime() of the latest 201 from {@code system}. */
  long lastAcceptedAt(SubSystem system) {
    return lastAccepted.get(system).get();
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
  }

  private final class Worker {
    private Placement pending;

    void step() {
      try {
        if (pending != null) {
          place(pending);
        } else if (!ledger.isEmpty() && ThreadLocalRandom.current().nextInt(10) < 3) {
          moveAlong();
        } else {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          SubSystem system = SubSystem.ALL.get(random.nextInt(SubSystem.ALL.size()));
          String resident = residents.get(random.nextInt(residents.size()));
          String channel =
              List.of(Orders.WEB, Orders.APP, Orders.CALL_CENTER, Orders.DOOR_TO_DOOR)
                  .get(random.nextInt(4));
          place(new Placement(system, resident, channel, UUID.randomUUID().toString(), 0));
        }
      } catch (RuntimeException e) {
        // never let one failure end the worker's schedule
        count("error " + e.getClass().getSimpleName());
      }
    }

    private void place(Placement placement) {
      Http.Response response;
      try {
        response =
            api.placer(placement.residentId(), placement.channel())
                .post(
                    placement.system().orders(),
                    Orders.anOrder(
                        placement.residentId(),
                        orderTypes.get(placement.system()),
                        placement.channel()),
                    "Idempotency-Key",
                    placement.key());
      } catch (UncheckedIOException | IllegalStateException e) {
        count("POST io");
        retryLater(placement);
        return;
      }
      count("POST " + response.status());
      if (response.status() == 201) {
        JsonNode order = response.json();
        String orderId = order.get("orderId").asString();
        ledger.merge(
            orderId,
            new Accepted(
                orderId,
                placement.system(),
                placement.residentId(),
                order.get("status").asString(),
                order.get("sequence").asLong()),
            (old, fresh) -> old.sequence() >= fresh.sequence() ? old : fresh);
        lastAccepted.get(placement.system()).set(System.nanoTime());
        pending = null;
      } else {
        retryLater(placement);
      }
    }

    private void retryLater(Placement placement) {
      pending =
          placement.attempts() + 1 < MAX_ATTEMPTS
              ? new Placement(
                  placement.system(),
                  placement.residentId(),
                  placement.channel(),
                  placement.key(),
                  placement.attempts() + 1)
              : null;
    }

    private void moveAlong() {
      List<Accepted> open = new ArrayList<>();
      for (Accepted order : ledger.values()) {
        if (order.status().equals("SUBMITTED") || order.status().equals("ACCEPTED")) {
          open.add(order);
        }
      }
      if (open.isEmpty()) {
        return;
      }
      Accepted order = open.get(ThreadLocalRandom.current().nextInt(open.size()));
      if (busy.putIfAbsent(order.orderId(), Boolean.TRUE) != null) {
        return;
      }
      try {
        boolean accept = order.status().equals("SUBMITTED");
        String command = accept ? "accept" : "cancel";
        Map<String, Object> body = accept ? Orders.nothing() : Orders.because("居民来电撤回");
        Http.Response response;
        try {
          response = api.http().post(order.origin().order(order.orderId()) + "/" + command, body);
        } catch (UncheckedIOException | IllegalStateException e) {
          count("ACT io");
          return;
        }
        count("ACT " + response.status());
        if (response.status() == 200) {
          JsonNode after = response.json();
          Accepted moved =
              new Accepted(
                  order.orderId(),
                  order.origin(),
                  order.residentId(),
                  after.get("status").asString(),
                  after.get("sequence").asLong());
          ledger.merge(
              order.orderId(),
              moved,
              (old, fresh) -> old.sequence() >= fresh.sequence() ? old : fresh);
        } else if (response.status() == 409) {
          // an earlier attempt that failed on the way back was applied after all: the origin is
          // ahead of the
          // ledger, which the checks allow; leave the order alone from now on
          ledger.computeIfPresent(
              order.orderId(),
              (id, old) ->
                  new Accepted(
                      old.orderId(),
                      old.origin(),
                      old.residentId(),
                      "UNCERTAIN:" + old.status(),
                      old.sequence()));
        }
      } finally {
        busy.remove(order.orderId());
      }
    }
  }
}
