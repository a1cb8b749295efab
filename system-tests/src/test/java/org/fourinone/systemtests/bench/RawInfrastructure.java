package org.fourinone.systemtests.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * The platform's broker and database without the platform: what one produce→consume and one insert
 * cost — the references the benchmarks print beside the platform's figures (issues #5 and #14).
 */
public final class RawInfrastructure {

  private RawInfrastructure() {}

  /**
   * Sends {@code rate} records/s for {@code seconds} with the platform's producer settings
   * (acks=all, idempotence, linger 1 ms) to a fresh one-partition topic; one consumer reads them.
   * Returns the produce→consume latencies in nanoseconds (send call to poll return, same clock).
   */
  public static List<Long> kafkaLatencies(String bootstrap, int rate, int seconds)
      throws Exception {
    String topic = "bench.latency." + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    int total = rate * seconds;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of(topic));
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (consumer.assignment().isEmpty() && System.nanoTime() < until) {
        consumer.poll(Duration.ofMillis(100));
      }
      Thread sender =
          new Thread(
              () -> {
                byte[] padding = new byte[600]; // about the size of an order event
                long interval = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int i = 0; i < total; i++) {
                  LockSupport.parkNanos(next - System.nanoTime());
                  next += interval;
                  ByteBuffer value =
                      ByteBuffer.allocate(8 + padding.length)
                          .putLong(System.nanoTime())
                          .put(padding);
                  producer.send(new ProducerRecord<>(topic, "order-" + (i % 64), value.array()));
                }
                producer.flush();
              });
      sender.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 30L).toNanos();
      while (latencies.size() < total && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          latencies.add(System.nanoTime() - ByteBuffer.wrap(r.value()).getLong());
        }
      }
      sender.join();
    }
    return latencies;
  }

  /**
   * Single-document inserts over the wire for {@code seconds} by {@code threads} clients; returns
   * inserts/s and latencies.
   */
  public static Map.Entry<Double, List<Long>> mongoInserts(String uri, int threads, int seconds)
      throws Exception {
    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> coll =
          client.getDatabase("bench").getCollection("inserts_" + threads);
      coll.insertOne(new Document("warm", true));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long t0 = System.nanoTime();
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Long> own = new ArrayList<>();
                  while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    coll.insertOne(
                        new Document("orderId", UUID.randomUUID().toString())
                            .append("status", "SUBMITTED")
                            .append("title", "独居老人居家照护")
                            .append(
                                "outbox",
                                List.of(
                                    new Document("type", "org.fourinone.order.placed.v1")
                                        .append("sequence", 1))));
                    own.add(System.nanoTime() - s);
                  }
                  return own;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      double secondsTaken = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      return Map.entry(all.size() / secondsTaken, all);
    }
  }

  public static String latencyRow(String label, List<Long> nanos, double perSecond) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%-44s %8d %9.1f %8.2f %8.2f %8.2f %8.2f",
        label,
        sorted.size(),
        perSecond,
        Percentiles.ms(sorted, 50),
        Percentiles.ms(sorted, 95),
        Percentiles.ms(sorted, 99),
        sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6);
  }
}
