package org.fourinone.systemtests.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.fourinone.systemtests.SubSystem;

/**
 * The order projections' consumer lag — records of {@code community.orders.v1} a system's group has
 * not committed yet — sampled once a second: steady lag means a projection slower than the order
 * rate, spikes mean stalls (rebalances, GC, the store's commits).
 */
final class ConsumerLag implements AutoCloseable {

  static final String ORDERS_TOPIC = "community.orders.v1";

  private final Admin admin;
  private final Map<SubSystem, List<Long>> samples = new LinkedHashMap<>();
  private final Thread sampler;
  private volatile boolean running;

  ConsumerLag(String bootstrap) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    SubSystem.ALL.forEach(s -> samples.put(s, new ArrayList<>()));
    sampler = new Thread(this::sample, "consumer-lag");
    sampler.setDaemon(true);
  }

  static String group(SubSystem system) {
    return system.service() + ".orders";
  }

  void start() {
    running = true;
    sampler.start();
  }

  /** Lag samples per system, in records, one per second while running. */
  synchronized Map<SubSystem, List<Long>> samples() {
    Map<SubSystem, List<Long>> copy = new LinkedHashMap<>();
    samples.forEach((s, l) -> copy.put(s, List.copyOf(l)));
    return copy;
  }

  /** One reading now: per system, records behind the end of the order topic. */
  Map<SubSystem, Long> now() throws Exception {
    Map<SubSystem, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (SubSystem system : SubSystem.ALL) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group(system))
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      committed.put(system, offsets);
      offsets.keySet().stream()
          .filter(tp -> tp.topic().equals(ORDERS_TOPIC))
          .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    }
    var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
    Map<SubSystem, Long> lag = new LinkedHashMap<>();
    committed.forEach(
        (system, offsets) -> {
          long behind = 0;
          for (var e : offsets.entrySet()) {
            if (e.getKey().topic().equals(ORDERS_TOPIC) && e.getValue() != null) {
              behind += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
            }
          }
          lag.put(system, behind);
        });
    return lag;
  }

  private void sample() {
    while (running) {
      long round = System.currentTimeMillis();
      try {
        Map<SubSystem, Long> lag = now();
        synchronized (this) {
          lag.forEach((s, v) -> samples.get(s).add(v));
        }
      } catch (Exception e) {
        // no reading this second (broker busy): the next one counts
      }
      try {
        Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - round)));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    admin.close();
  }
}
