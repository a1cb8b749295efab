package org.fourinone.local;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real KRaft broker, the MongoDB wire node and a fake service as processes, through the
 * public API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

  @TempDir static Path dataDir;

  static Platform platform;

  @BeforeAll
  static void startPlatform() {
    platform =
        Platform.start(
            PlatformOptions.builder()
                .randomPorts()
                .dataDir(dataDir)
                .components(Platform.KAFKA, Platform.MONGODB, Platform.SANSHE_SERVICE)
                .serviceCommand(Platform.SANSHE_SERVICE, fakeService())
                .env("FAKE_READY_DELAY_MS", "1500")
                .stopTimeout(Duration.ofSeconds(10))
                .build());
    System.out.println(
        "ready times: " + platform.readyTimes() + ", total " + platform.startupTime());
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void createsThePlatformTopicsAndCarriesARecord() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.kafkaBootstrap()))) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(KafkaNode.TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
      assertThat(topics)
          .hasSize(KafkaNode.TOPICS.size())
          .containsKeys(
              "community.order-contributions.v1",
              "community.order-contributions.v1.dlt",
              "sanshe.organisations.v1",
              "party.organisation-checks.v1.dlt");
      assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
    }

    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer
          .send(new ProducerRecord<>("community.orders.v1", "O-1", "{\"hello\":\"四位一体\"}"))
          .get(10, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "platform-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("community.orders.v1"));
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
              });
      assertThat(received.get(0).key()).isEqualTo("O-1");
      assertThat(received.get(0).value()).contains("四位一体");
    }
  }

  @Test
  @Order(2)
  void keepsAnAcknowledgedDocumentAcrossKillMinus9() {
    // MongoWireNode commits the H2 MVStore after every write, before replying: no wait needed
    try (MongoClient client = MongoClients.create(platform.mongoUri())) {
      MongoCollection<Document> orders = client.getDatabase("sanshe").getCollection("orders");
      orders.insertOne(new Document("_id", "O-1").append("title", "上门维修"));
      assertThat(orders.find(eq("_id", "O-1")).first()).isNotNull();
      // writes arriving together share a commit (group commit): every acknowledged one is durable
      var writers = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        var acknowledged = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int w = 0; w < 8; w++) {
          int writer = w;
          acknowledged.add(
              writers.submit(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      orders.insertOne(new Document("_id", "G-" + writer + "-" + i));
                    }
                  }));
        }
        for (var write : acknowledged) {
          write.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      } finally {
        writers.shutdownNow();
      }
    }

    platform.kill(Platform.MONGODB);
    assertThat(platform.isRunning(Platform.MONGODB)).isFalse();
    platform.restart(Platform.MONGODB);

    try (MongoClient client = MongoClients.create(platform.mongoUri())) {
      Document found =
          client.getDatabase("sanshe").getCollection("orders").find(eq("_id", "O-1")).first();
      assertThat(found).isNotNull();
      assertThat(found.getString("title")).isEqualTo("上门维修");
      assertThat(
              client
                  .getDatabase("sanshe")
                  .getCollection("orders")
                  .countDocuments(com.mongodb.client.model.Filters.regex("_id", "^G-")))
          .isEqualTo(400);
    }
  }

  @Test
  @Order(3)
  void passesTheInfrastructureToServicesAndWaitsForTheirReadiness() throws Exception {
    String env = get(platform.serviceUrl(Platform.SANSHE_SERVICE) + "/env");
    assertThat(env)
        .contains("SERVER_PORT=" + platform.port(Platform.SANSHE_SERVICE))
        .contains("KAFKA_BOOTSTRAP_SERVERS=" + platform.kafkaBootstrap())
        .contains("MONGODB_URI=" + platform.mongoUri());
    // the fake answers 503 for its first 1.5 s: start() returned only after it said ready
    assertThat(platform.readyTimes().get(Platform.SANSHE_SERVICE))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    assertThat(platform.logFile(Platform.SANSHE_SERVICE))
        .content()
        .contains("fake service listening on");
  }

  @Test
  @Order(4)
  void restartsAKilledServiceOnTheSamePort() throws Exception {
    int port = platform.port(Platform.SANSHE_SERVICE);
    long pid = platform.pid(Platform.SANSHE_SERVICE);

    platform.kill(Platform.SANSHE_SERVICE);
    assertThat(platform.isRunning(Platform.SANSHE_SERVICE)).isFalse();
    platform.restart(Platform.SANSHE_SERVICE);

    assertThat(platform.pid(Platform.SANSHE_SERVICE)).isNotEqualTo(pid);
    assertThat(platform.port(Platform.SANSHE_SERVICE)).isEqualTo(port);
    assertThat(get(platform.serviceUrl(Platform.SANSHE_SERVICE) + "/actuator/health/readiness"))
        .contains("UP");
  }

  @Test
  @Order(5)
  void reportsAServiceThatDiesDuringStartUpWithTheTailOfItsLog(@TempDir Path otherDir) {
    assertThatThrownBy(
            () ->
                Platform.start(
                    PlatformOptions.builder()
                        .randomPorts()
                        .dataDir(otherDir)
                        .components(Platform.PUBLIC_SERVICE)
                        .serviceCommand(Platform.PUBLIC_SERVICE, fakeService())
                        .env("FAKE_FAIL", "true")
                        .progress(null)
                        .build()))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.component()).isEqualTo(Platform.PUBLIC_SERVICE);
              assertThat(e.getMessage()).contains("exited with code 3");
              assertThat(e.logTail()).contains("cannot connect to the database");
            });
  }

  @Test
  @Order(6)
  void closeStopsEveryProcess() {
    List<Long> pids = platform.components().stream().map(platform::pid).toList();
    platform.close();
    assertThat(pids)
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
    assertThat(Ports.inUse(platform.port(Platform.KAFKA))).isFalse();
    platform = null;
  }

  private static List<String> fakeService() {
    return List.of("-cp", System.getProperty("java.class.path"), FakeService.class.getName());
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
