package org.fourinone.kit.outbox;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The relay against a real broker and the wire-protocol server. */
class OutboxRelayIT {

  private static final String TOPIC = "community.orders.v1";
  private MongoCollection<Document> collection;
  private KafkaTemplate<String, byte[]> kafka;
  private OutboxRelay relay;

  @BeforeEach
  void setUp() {
    collection =
        MongoClients.create(TestInfrastructure.mongoUri())
            .getDatabase("outbox-" + UUID.randomUUID())
            .getCollection("things");
    kafka =
        new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(TestInfrastructure.producerConfig()));
    relay =
        new OutboxRelay(
            "things",
            collection,
            TOPIC,
            URI.create("/fourinone/test"),
            kafka,
            Duration.ofMillis(200),
            new SimpleMeterRegistry());
  }

  @AfterEach
  void tearDown() {
    relay.stop();
  }

  @Test
  void republishesEventsLeftInTheOutboxByACrashBeforeTheSend() {
    // the state change and its event were written, then the process died before publishing
    String id = "thing-" + UUID.randomUUID();
    Document entry =
        OutboxRelay.entry(
            UUID.randomUUID().toString(),
            "org.fourinone.test.happened.v1",
            1,
            Instant.now().minusSeconds(5),
            "{\"n\":1}",
            null);
    collection.insertOne(new Document("_id", id).append("outbox", new ArrayList<>(List.of(entry))));
    try (var consumer = TestInfrastructure.consumer(TOPIC)) {
      relay.start(); // a restarted service: the sweeper runs at once
      var records =
          TestInfrastructure.poll(consumer, r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
      assertThat(records).hasSize(1);
      EventEnvelope event = CloudEventCodec.fromRecord(records.get(0));
      assertThat(event.subject()).isEqualTo(id);
      assertThat(event.sequence()).isEqualTo(1);
      assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                collection.find(eq("_id", id)).first().getList("outbox", Document.class).isEmpty());
  }

  @Test
  void aSendThatCannotReachTheBrokerNeitherFailsTheCommandNorStrandsTheEvents() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var deadBroker =
        new KafkaTemplate<String, byte[]>(
            new DefaultKafkaProducerFactory<>(TestInfrastructure.producerConfig()));
    var down =
        new OutboxRelay(
            "down",
            collection,
            TOPIC,
            URI.create("/fourinone/test"),
            deadBroker,
            Duration.ofHours(1),
            new SimpleMeterRegistry());
    down.start();
    try {
      String id = "thing-" + UUID.randomUUID();
      Document entry =
          OutboxRelay.entry(
              UUID.randomUUID().toString(),
              "org.fourinone.test.happened.v1",
              1,
              Instant.now().minusSeconds(5),
              "{\"n\":1}",
              null);
      collection.insertOne(
          new Document("_id", id).append("outbox", new ArrayList<>(List.of(entry))));
      down.publishAfterWrite(id, List.of(entry)); // returns at once, throws nothing
      await().atMost(Duration.ofSeconds(10)).until(() -> !down.inFlight(id));
      // the broker is back (the shared one): a sweep publishes what the failed send left behind
      try (var consumer = TestInfrastructure.consumer(TOPIC)) {
        relay.sweep();
        assertThat(
                TestInfrastructure.poll(
                    consumer, r -> id.equals(r.key()), 1, Duration.ofSeconds(20)))
            .hasSize(1);
      }
    } finally {
      down.stop();
    }
  }

  @Test
  void publishesRightAfterTheWriteInSequenceOrder() {
    relay.start();
    String id = "thing-" + UUID.randomUUID();
    Instant now = Instant.now();
    List<Document> entries =
        List.of(
            OutboxRelay.entry(
                UUID.randomUUID().toString(),
                "org.fourinone.test.happened.v1",
                2,
                now,
                "{\"n\":2}",
                null),
            OutboxRelay.entry(
                UUID.randomUUID().toString(),
                "org.fourinone.test.happened.v1",
                1,
                now,
                "{\"n\":1}",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    collection.insertOne(new Document("_id", id).append("outbox", new ArrayList<>(entries)));
    try (var consumer = TestInfrastructure.consumer(TOPIC)) {
      relay.publishAfterWrite(id, entries);
      var records =
          TestInfrastructure.poll(consumer, r -> id.equals(r.key()), 2, Duration.ofSeconds(20));
      assertThat(records)
          .extracting(r -> CloudEventCodec.fromRecord(r).sequence())
          .containsExactly(1L, 2L);
      assertThat(
              new String(
                  records.get(0).headers().lastHeader("traceparent").value(),
                  StandardCharsets.US_ASCII))
          .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                collection.find(eq("_id", id)).first().getList("outbox", Document.class).isEmpty());
  }
}
