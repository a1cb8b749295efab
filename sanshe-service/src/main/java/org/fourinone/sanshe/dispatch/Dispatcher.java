package org.fourinone.sanshe.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.application.ChangeOrder;
import org.fourinone.order.application.OrderService;
import org.fourinone.order.application.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The automation of dispatch: every {@code interval}, the dispatches that are due — placed and not
 * yet offered, offered and not accepted in time (or declined), unserved and due for another look —
 * are taken one at a time under a lease, and the order is offered to the next organisation by the
 * {@link DispatchRules}: accepted by the system if it was still waiting (自动受理), then assigned to
 * the organisation. Several instances may run: the lease and the order's sequence guard let one
 * act. A crash between two steps leaves the document due again once the lease ends.
 */
class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int BATCH = 50;

  private final Dispatches dispatches;
  private final Orders orders;
  private final OrderService service;
  private final Duration interval;
  private ScheduledExecutorService executor;

  Dispatcher(Dispatches dispatches, Orders orders, OrderService service, Duration interval) {
    this.dispatches = dispatches;
    this.orders = orders;
    this.service = service;
    this.interval = interval;
  }

  /** One pass over what is due; returns how many orders it moved on. */
  int runOnce() {
    int moved = 0;
    for (Document seen : dispatches.due(BATCH)) {
      Optional<Document> claimed = dispatches.claim(seen);
      if (claimed.isEmpty()) {
        continue;
      }
      try {
        if (dispatch(claimed.get())) {
          moved++;
        }
      } catch (RuntimeException e) {
        log.warn("dispatch of order {} failed; it is due again later", seen.getString("_id"), e);
        dispatches.release(seen.getString("_id"));
      }
    }
    return moved;
  }

  private boolean dispatch(Document claimed) {
    String orderId = claimed.getString("_id");
    Optional<Order> found = orders.find(orderId);
    if (found.isEmpty()
        || found.get().sequence() != claimed.get("orderSequence", Number.class).longValue()
        || !dispatches.isOpen(found.get().status())) {
      dispatches.release(orderId); // the document catches up with the order first
      return false;
    }
    Order order = found.get();
    boolean wasOffered = Dispatches.State.OFFERED.name().equals(claimed.getString("state"));
    String previous = wasOffered ? claimed.getString("organisationId") : null;
    boolean declined = previous != null && lastOutcomeWas(claimed, previous, "DECLINED");
    if (previous != null && !declined) {
      dispatches.recordOutcome(claimed, "TIMED_OUT");
    }
    String previousName = previous == null ? null : dispatches.organisationName(previous);
    String why = declined ? "婉拒" : "超时未接单";
    List<DispatchRules.Candidate> candidates = dispatches.candidates(claimed);
    if (candidates.isEmpty()) {
      dispatches.markUnserved(
          claimed,
          previous == null
              ? "暂无覆盖本社区且有余量的服务机构，请社区人工派单"
              : previousName + " " + why + "，暂无其他可派服务机构，请社区人工派单");
      return false;
    }
    DispatchRules.Candidate next = candidates.get(0);
    long sequence = order.sequence();
    if (order.status() == OrderStatus.SUBMITTED) {
      Optional<Order> accepted =
          service.actOnBehalf(
              orderId,
              sequence,
              OrderAction.ACCEPTED,
              new ChangeOrder("按服务菜单自动受理", null, null, null, null, null),
              Dispatches.DISPATCHER);
      if (accepted.isEmpty()) {
        dispatches.release(orderId);
        return false;
      }
      sequence = accepted.get().sequence();
    }
    int attempt = claimed.getList("tried", String.class).size() + 1;
    String note =
        previous == null
            ? "派单至 " + next.name() + "（第 " + attempt + " 家）"
            : previousName + " " + why + "，改派 " + next.name() + "（第 " + attempt + " 家）";
    try {
      Optional<Order> assigned =
          service.actOnBehalf(
              orderId,
              sequence,
              OrderAction.ASSIGNED,
              new ChangeOrder(
                  note, null, AssigneeType.ORGANISATION.name(), next.organisationId(), null, null),
              Dispatches.DISPATCHER);
      if (assigned.isEmpty()) {
        dispatches.release(orderId);
        return false;
      }
    } catch (Problem refused) {
      log.warn("order {} could not go to {}: {}", orderId, next.organisationId(), refused.code());
      dispatches.passOver(orderId, next.organisationId());
      return false;
    }
    log.info("order {} offered to {} ({})", orderId, next.organisationId(), note);
    return true;
  }

  private static boolean lastOutcomeWas(Document claimed, String organisationId, String outcome) {
    List<Document> history = claimed.getList("history", Document.class, List.of());
    for (int i = history.size() - 1; i >= 0; i--) {
      Document step = history.get(i);
      if (organisationId.equals(step.getString("organisationId"))) {
        return outcome.equals(step.getString("outcome"));
      }
    }
    return false;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "sanshe-dispatcher");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            runOnce();
          } catch (RuntimeException e) {
            log.warn("dispatch pass failed; the next one tries again", e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
