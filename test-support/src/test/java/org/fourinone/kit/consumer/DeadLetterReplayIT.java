package org.fourinone.kit.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.fourinone.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter replay command against a real broker, with dead letters shaped as Spring Kafka
 * writes them.
 */
class DeadLetterReplayIT {

  private static final String ALPHA = "alpha-service.things";
  private static final String BETA = "beta-service.things";

  private static Admin admin;
  private static KafkaProducer<String, byte[]> producer;

  /** This test's own topics, fresh each time: {@code <original>} and {@code <original>.dlt}. */
  private String original;

  private String dlt;

  /** Where each dead letter landed, by key: {@code <dlt>:<partition>:<offset>}. */
  private final Map<String, String> deadLetterAt = new HashMap<>();

  @BeforeAll
  static void clients() {
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap()));
    producer = TestInfrastructure.producer();
  }

  @AfterAll
  static void closeClients() {
    producer.close();
    admin.close();
  }

  @BeforeEach
  void freshTopics() throws Exception {
    original = "replay-" + UUID.randomUUID() + ".things.v1";
    dlt = original + ".dlt";
    admin
        .createTopics(
            List.of(new NewTopic(original, 2, (short) 1), new NewTopic(dlt, 2, (short) 1)))
        .all()
        .get();
  }

  @Test
  void republishesEachDeadLetterToItsOriginalTopicWithKeyValueAndHeadersButNoDltHeaders() {
    deadLetter("thing-1", ALPHA);
    deadLetter("thing-2", ALPHA);
    deadLetter("thing-3", BETA);
    // no kafka_dlt-original-topic: the dlt name without .dlt says where it goes
    poisonWithoutDltHeaders("thing-4");

    Result first = replay(dlt);

    assertThat(first.code()).isZero();
    assertThat(first.out())
        .contains("replayed 4, skipped 0 (other group), from " + dlt + " to " + original);
    List<ConsumerRecord<String, byte[]>> replayed = replayedRecords(4);
    assertThat(replayed)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("thing-1", "thing-2", "thing-3", "thing-4");
    for (ConsumerRecord<String, byte[]> record : replayed) {
      assertThat(new String(record.value(), UTF_8)).isEqualTo(valueOf(record.key()));
      assertThat(header(record, "ce_type")).isEqualTo("org.fourinone.test.thing.changed.v1");
      assertThat(header(record, "ce_subject")).isEqualTo(record.key());
      assertThat(header(record, "traceparent")).startsWith("00-");
      assertThat(StreamSupport.stream(record.headers().spliterator(), false).map(Header::key))
          .noneMatch(key -> key.startsWith("kafka_dlt-"));
      assertThat(header(record, DeadLetterReplay.REPLAYED_FROM_HEADER))
          .isEqualTo(deadLetterAt.get(record.key()));
    }

    Result second = replay(dlt);

    assertThat(second.code()).isZero();
    assertThat(second.out()).contains("replayed 0, skipped 0 (other group), from " + dlt);
    assertThat(recordsOn(original)).isEqualTo(4);
  }

  @Test
  void withAGroupReplaysOnlyThatGroupsDeadLettersAndCommitsPastTheOthers() {
    deadLetter("thing-1", ALPHA);
    deadLetter("thing-2", BETA);
    deadLetter("thing-3", ALPHA);

    Result alpha = replay(dlt, "--group", ALPHA);

    assertThat(alpha.code()).isZero();
    assertThat(alpha.out())
        .contains("replayed 2, skipped 1 (other group), from " + dlt + " to " + original);
    assertThat(alpha.out())
        .contains("--group fourinone-dlt-replay --reset-offsets --topic " + dlt + ":");
    assertThat(replayedRecords(2))
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("thing-1", "thing-3");
    assertThat(recordsOn(original)).isEqualTo(2);

    Result afterwards = replay(dlt);

    assertThat(afterwards.out()).contains("replayed 0, skipped 0 (other group)");
    assertThat(recordsOn(original)).isEqualTo(2);
  }

  @Test
  void aDryRunListsWhatItWouldReplayWithoutValuesAndNeitherSendsNorCommits() {
    deadLetter("thing-1", ALPHA);
    deadLetter("thing-2", BETA);
    String longMessage = "Listener failed:\n" + "x".repeat(250) + "END-OF-MESSAGE";
    deadLetter("thing-3", ALPHA, longMessage);

    // the bootstrap servers from the environment, as an operator's shell has them
    Result dryRun =
        replay(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrap()),
            dlt,
            "--dry-run");

    assertThat(dryRun.code()).isZero();
    assertThat(dryRun.out())
        .contains("dry run: would replay 3, skip 0 (other group), from " + dlt + " to " + original)
        .contains("nothing sent, nothing committed")
        .contains("key thing-1 to " + original + " (group " + ALPHA + ")")
        .contains("key thing-2 to " + original + " (group " + BETA + ")")
        .contains("Listener failed: xxx")
        .doesNotContain("END-OF-MESSAGE")
        .doesNotContain("110101");
    for (String key : List.of("thing-1", "thing-2", "thing-3")) {
      String[] at = deadLetterAt.get(key).split(":");
      assertThat(dryRun.out()).contains("partition " + at[1] + " offset " + at[2] + " key " + key);
    }
    assertThat(recordsOn(original)).isZero();
    assertThat(committedOffsets(dlt)).isEmpty();

    Result real = replay(dlt, "--group", BETA);

    assertThat(real.out()).contains("replayed 1, skipped 2 (other group)");
  }

  @Test
  void stopsAfterMaxAndLeavesTheRestForTheNextRun() {
    for (int i = 1; i <= 5; i++) {
      deadLetter("thing-" + i, i % 2 == 0 ? BETA : ALPHA);
    }

    assertThat(replay(dlt, "--max", "2").out()).contains("replayed 2, skipped 0");
    assertThat(recordsOn(original)).isEqualTo(2);
    assertThat(replay(dlt).out()).contains("replayed 3, skipped 0");
    assertThat(replayedRecords(5))
        .extracting(ConsumerRecord::key)
        .doesNotHaveDuplicates()
        .hasSize(5);
  }

  @Test
  void badArgumentsExitWith2AndPrintTheUsage() {
    List<String[]> bad =
        List.of(
            new String[] {},
            new String[] {dlt, "--max", "0"},
            new String[] {dlt, "--max", "many"},
            new String[] {dlt, "--group"},
            new String[] {dlt, "--bogus"},
            new String[] {dlt, dlt + "2.dlt"},
            new String[] {original}); // a live topic: replaying it onto itself would duplicate it
    for (String[] args : bad) {
      Result result = replay(Map.of(), args);
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.err()).contains("Usage: DeadLetterReplay <dlt-topic>");
    }
    assertThat(DeadLetterReplay.run("--help")).isZero();
    assertThat(recordsOn(original)).isZero();
    assertThat(committedOffsets(dlt)).isEmpty();
  }

  @Test
  void aTopicThatDoesNotExistIsAFailure() {
    Result result = replay("absent-" + UUID.randomUUID() + ".dlt");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("not found");
  }

  // --- a truststore for a TLS listener (prod: Strimzi's cluster CA as ca.p12, deploy/k8s/ops)

  @Test
  void passesTheTruststoreOfTheEnvironmentToItsClientsAsPkcs12UnlessTold() {
    Map<String, String> env =
        Map.of(
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka-cluster-ca/ca.p12",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "ca-password-from-the-secret");

    var options = DeadLetterReplay.Options.parse(new String[] {dlt}, env);

    assertThat(options.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.location", "/etc/kafka-cluster-ca/ca.p12")
        .containsEntry("ssl.truststore.password", "ca-password-from-the-secret")
        .containsEntry("ssl.truststore.type", "PKCS12");
    assertThat(options.toString()).doesNotContain("ca-password-from-the-secret");
    var jks = new HashMap<>(env);
    jks.put("KAFKA_SSL_TRUSTSTORE_TYPE", "JKS");
    assertThat(DeadLetterReplay.Options.parse(new String[] {dlt}, jks).clientProperties())
        .containsEntry("ssl.truststore.type", "JKS");
    // no location, no truststore: the JVM's default trust applies
    assertThat(
            DeadLetterReplay.Options.parse(
                    new String[] {dlt}, Map.of("KAFKA_SSL_TRUSTSTORE_PASSWORD", "ignored"))
                .clientProperties())
        .doesNotContainKeys(
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type");
  }

  @Test
  void aTruststoreItCannotOpenFailsTheRunAndSaysWhichFileWithoutThePassword(@TempDir Path dir)
      throws Exception {
    Path truststore = dir.resolve("ca.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (var file = Files.newOutputStream(truststore)) {
      store.store(file, "the-right-password".toCharArray());
    }
    deadLetter("thing-1", ALPHA);
    Map<String, String> env =
        Map.of(
            "KAFKA_SECURITY_PROTOCOL", "SSL",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "a-wrong-password");

    Result result = replay(env, dlt, "--bootstrap", TestInfrastructure.kafkaBootstrap());

    // the clients load the truststore when they are built, before any connection
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("failed: ", truststore.toString(), "PKCS12");
    assertThat(result.out() + result.err())
        .doesNotContain("a-wrong-password")
        .doesNotContain("the-right-password");
    assertThat(recordsOn(original)).isZero();
    assertThat(committedOffsets(dlt)).isEmpty();
  }

  // --- dead letters as Spring Kafka's DeadLetterPublishingRecoverer writes them

  private void deadLetter(String key, String group) {
    deadLetter(key, group, "Listener method threw; nested: projection store unavailable");
  }

  /**
   * The original event's key, value and headers, then the recoverer's {@code kafka_dlt-*} headers.
   */
  private void deadLetter(String key, String group, String exceptionMessage) {
    var headers = eventHeaders(key);
    headers.add("kafka_dlt-original-topic", original.getBytes(UTF_8));
    headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(1).array());
    headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(42L).array());
    headers.add(
        "kafka_dlt-original-timestamp",
        ByteBuffer.allocate(8).putLong(System.currentTimeMillis()).array());
    headers.add("kafka_dlt-original-timestamp-type", "CreateTime".getBytes(UTF_8));
    headers.add("kafka_dlt-original-consumer-group", group.getBytes(UTF_8));
    headers.add(
        "kafka_dlt-exception-fqcn",
        "org.springframework.kafka.listener.ListenerExecutionFailedException".getBytes(UTF_8));
    headers.add(
        "kafka_dlt-exception-cause-fqcn", "java.lang.IllegalStateException".getBytes(UTF_8));
    headers.add("kafka_dlt-exception-message", exceptionMessage.getBytes(UTF_8));
    headers.add(
        "kafka_dlt-exception-stacktrace",
        "java.lang.IllegalStateException: store unavailable\n\tat org.fourinone.Projection.apply"
            .getBytes(UTF_8));
    send(key, headers);
  }

  private void poisonWithoutDltHeaders(String key) {
    send(key, eventHeaders(key));
  }

  private static RecordHeaders eventHeaders(String key) {
    var headers = new RecordHeaders();
    headers.add("ce_specversion", "1.0".getBytes(UTF_8));
    headers.add("ce_id", UUID.randomUUID().toString().getBytes(UTF_8));
    headers.add("ce_type", "org.fourinone.test.thing.changed.v1".getBytes(UTF_8));
    headers.add("ce_source", "/fourinone/test".getBytes(UTF_8));
    headers.add("ce_subject", key.getBytes(UTF_8));
    headers.add("content-type", "application/json".getBytes(UTF_8));
    headers.add(
        "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(UTF_8));
    return headers;
  }

  private void send(String key, RecordHeaders headers) {
    try {
      var metadata =
          producer
              .send(new ProducerRecord<>(dlt, null, key, valueOf(key).getBytes(UTF_8), headers))
              .get();
      deadLetterAt.put(key, dlt + ":" + metadata.partition() + ":" + metadata.offset());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value carries personal data, as real events may: it must never show in the output. */
  private static String valueOf(String key) {
    return "{\"id\":\"" + key + "\",\"idNumber\":\"110101199003077777\"}";
  }

  // --- running the command and looking at the broker

  record Result(int code, String out, String err) {}

  private Result replay(String... args) {
    String[] withBootstrap = new String[args.length + 2];
    System.arraycopy(args, 0, withBootstrap, 0, args.length);
    withBootstrap[args.length] = "--bootstrap";
    withBootstrap[args.length + 1] = TestInfrastructure.kafkaBootstrap();
    return replay(Map.of(), withBootstrap);
  }

  private static Result replay(Map<String, String> env, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        DeadLetterReplay.run(
            new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), env, args);
    return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private List<ConsumerRecord<String, byte[]>> replayedRecords(int count) {
    try (var consumer = TestInfrastructure.consumer(original)) {
      var records = TestInfrastructure.poll(consumer, r -> true, count, Duration.ofSeconds(20));
      assertThat(records).hasSize(count);
      return records;
    }
  }

  private long recordsOn(String topic) {
    try {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(
          p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<TopicPartition> committedOffsets(String topic) {
    try {
      return admin
          .listConsumerGroupOffsets(DeadLetterReplay.CONSUMER_GROUP)
          .partitionsToOffsetAndMetadata()
          .get()
          .keySet()
          .stream()
          .filter(p -> p.topic().equals(topic))
          .toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }
}
