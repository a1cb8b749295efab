package org.fourinone.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real KRaft Kafka broker and a MongoDB wire-protocol server, started once per test JVM and
 * shared by every integration test in it (each test uses its own database and consumer groups).
 */
public final class TestInfrastructure {

  public static final String[] TOPICS = {
    "community.orders.v1", "community.orders.v1.dlt",
    "community.residents.v1", "community.residents.v1.dlt",
    "community.geography.v1", "community.geography.v1.dlt",
    "community.order-contributions.v1", "community.order-contributions.v1.dlt",
    "sanshe.organisations.v1", "sanshe.organisations.v1.dlt",
    "sanshe.social-workers.v1", "sanshe.social-workers.v1.dlt",
    "party.organisation-checks.v1", "party.organisation-checks.v1.dlt",
    "party.memberships.v1", "party.memberships.v1.dlt",
    "volunteer.volunteers.v1", "volunteer.volunteers.v1.dlt"
  };

  private static EmbeddedKafkaKraftBroker kafka;
  private static MongoServer mongo;
  private static String mongoUri;

  private TestInfrastructure() {}

  public static synchronized void start() {
    if (kafka != null) {
      return;
    }
    kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPICS);
    kafka.afterPropertiesSet();
    mongo = new MongoServer(new MemoryBackend());
    InetSocketAddress address = mongo.bind();
    mongoUri = "mongodb://127.0.0.1:" + address.getPort();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  mongo.shutdownNow();
                  kafka.destroy();
                }));
  }

  public static String kafkaBootstrap() {
    start();
    return kafka.getBrokersAsString();
  }

  public static String mongoUri() {
    start();
    return mongoUri;
  }

  /** Points a Spring Boot test at the shared broker and server, with a database of its own. */
  public static void register(DynamicPropertyRegistry registry, String database) {
    registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrap);
    registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
    registry.add("fourinone.mongodb.database", () -> database);
    // the order statistics' first count within a second of the start, not after 15 s
    registry.add("fourinone.orders.statistics.refresh-interval", () -> "1s");
    TestTokens.register(registry);
  }

  /**
   * A producer to the shared broker (string keys, byte values), to play another system in a test.
   */
  public static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(producerConfig());
  }

  /** The settings of {@link #producer()}: the shared broker, string keys, byte values, acks=all. */
  public static Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class);
  }

  /** Sends one record and waits until the broker has it. */
  public static void send(ProducerRecord<String, byte[]> record) {
    try (var producer = producer()) {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not send to " + record.topic(), e.getCause());
    }
  }

  public static KafkaConsumer<String, byte[]> consumer(String... topics) {
    var consumer =
        new KafkaConsumer<String, byte[]>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    consumer.subscribe(List.of(topics));
    return consumer;
  }

  /** Polls until {@code count} records matching have arrived or the timeout passes. */
  public static List<ConsumerRecord<String, byte[]>> poll(
      KafkaConsumer<String, byte[]> consumer,
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> matching,
      int count,
      Duration timeout) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (found.size() < count && System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        if (matching.test(record)) {
          found.add(record);
        }
      }
    }
    return found;
  }
}
