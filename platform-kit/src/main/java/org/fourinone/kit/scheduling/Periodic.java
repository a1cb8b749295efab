package org.fourinone.kit.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A task run every {@code interval} on its own daemon thread while the service runs: a sweeper that
 * finishes what a crash left half done, a timer that moves on what waited too long. A failing run
 * is logged and the next one comes as planned. Declare it as a bean so that it starts after the
 * service is wired and stops before it is torn down.
 */
public class Periodic implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Periodic.class);

  private final String name;
  private final Duration interval;
  private final Runnable task;
  private ScheduledExecutorService executor;

  public Periodic(String name, Duration interval, Runnable task) {
    this.name = name;
    this.interval = interval;
    this.task = task;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runSafely() {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("{}: this run failed, the next one comes in {}", name, interval, e);
    }
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
