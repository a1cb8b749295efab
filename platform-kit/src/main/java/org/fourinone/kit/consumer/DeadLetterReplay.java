package org.fourinone.kit.consumer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays dead letters: the operator command to run once the cause of a failure is fixed.
 *
 * <pre>
 * DeadLetterReplay &lt;dlt-topic&gt; [--bootstrap host:port] [--group &lt;original consumer group&gt;] [--dry-run] [--max N]
 * </pre>
 *
 * <p><b>What it does.</b> A listener that still fails after its retries (or meets a record it can
 * never read) hands the record to Spring Kafka's {@code DeadLetterPublishingRecoverer} (see {@link
 * EventConsumerConfiguration}), which publishes it to {@code <topic>.dlt} with its original key,
 * value and headers plus {@code kafka_dlt-*} headers naming the original topic, partition, offset,
 * consumer group and the exception. This command reads {@code <dlt-topic>} and publishes every dead
 * letter again to its original topic (the {@code kafka_dlt-original-topic} header, else the dlt
 * name without {@code .dlt}) with the same key, value and original headers; the {@code kafka_dlt-*}
 * headers are dropped and a header {@code fourinone-replayed-from:
 * <dlt-topic>:<partition>:<offset>} says where it came from. The key alone picks the partition, as
 * it did for the original, so an aggregate's events stay on one partition. The record gets a new
 * Kafka timestamp; the event's own time travels in its CloudEvents headers.
 *
 * <ul>
 *   <li>{@code --group G} replays only the dead letters that consumer group {@code G} wrote (header
 *       {@code kafka_dlt-original-consumer-group}); the others are skipped <em>and committed
 *       past</em>, so a later run does not see them again. The summary prints, per partition, the
 *       {@code kafka-consumer-groups.sh --reset-offsets} command that brings them back; replaying
 *       from there again is harmless (see below).
 *   <li>{@code --dry-run} lists what would be replayed (partition, offset, key, original topic and
 *       group, the exception message cut to 200 characters; never the value, which may carry
 *       personal data), sends nothing and commits nothing.
 *   <li>{@code --max N} stops after N dead letters replayed (or listed); the rest wait for the next
 *       run.
 *   <li>{@code --bootstrap} defaults to {@code KAFKA_BOOTSTRAP_SERVERS}, else {@code
 *       localhost:9092}; {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM} and {@code
 *       KAFKA_SASL_JAAS_CONFIG} are passed to both clients when set (production uses SCRAM over
 *       TLS), and so is a truststore for the brokers' certificates: {@code
 *       KAFKA_SSL_TRUSTSTORE_LOCATION} (a file), {@code KAFKA_SSL_TRUSTSTORE_PASSWORD} and {@code
 *       KAFKA_SSL_TRUSTSTORE_TYPE} ({@value #DEFAULT_TRUSTSTORE_TYPE} unless set), as {@code
 *       ssl.truststore.*}. Strimzi's {@code <cluster>-cluster-ca-cert} Secret holds the cluster CA
 *       as {@code ca.p12} with its password in {@code ca.password}; {@code deploy/k8s/ops} has the
 *       Job that runs this command with them.
 * </ul>
 *
 * <p>It reads with its own consumer group {@value #CONSUMER_GROUP} (committed offsets, nothing
 * automatic), from the first dead letter no earlier run has committed up to the end offsets it saw
 * at start, so it ends even while new dead letters arrive: when every partition has reached that
 * end, or with exit code 1 after {@value #STALL_SECONDS} s without progress. Offsets are committed
 * only once the broker has acknowledged every send of that poll (idempotent producer, {@code
 * acks=all}): a crash or a failed send replays some dead letters twice, it never loses one. Run one
 * replay of a topic at a time; a second one at the same moment would send the same dead letters
 * twice (harmless, but useless).
 *
 * <p><b>Why replaying is safe.</b> Every consumer of the platform is idempotent: projections apply
 * an event only if its per-aggregate sequence is newer than what they hold, and side-effecting
 * handlers record the event id in an inbox in the same write as their effect. A replayed record
 * reaches every consumer group of the original topic again, not just the one that failed; the
 * groups that had handled it ignore it, the group that failed handles it now, each at most once. A
 * replay of a replay (a crash between send and commit) is ignored the same way. A dead letter whose
 * cause is not fixed simply fails again and goes back to {@code <topic>.dlt}, with this command's
 * header telling where it was.
 *
 * <p>Exit codes: 0 done, 2 bad arguments (usage on stderr), 1 failure (the message on stderr; what
 * was committed before it stays replayed). It uses kafka-clients only, so it runs with
 * kafka-clients and an SLF4J binding on the class path.
 */
public final class DeadLetterReplay {

  /** The consumer group whose committed offsets say which dead letters were replayed already. */
  public static final String CONSUMER_GROUP = "fourinone-dlt-replay";

  /** Header on a replayed record: {@code <dlt-topic>:<partition>:<offset>} it was replayed from. */
  public static final String REPLAYED_FROM_HEADER = "fourinone-replayed-from";

  // The header names Spring Kafka's DeadLetterPublishingRecoverer writes, spelled out so that this
  // program needs no Spring at run time. Every one starts with this prefix (KafkaHeaders.PREFIX +
  // "dlt-"); all of them are dropped.
  static final String DLT_HEADER_PREFIX = "kafka_dlt-";

  /** {@code KafkaHeaders.DLT_ORIGINAL_TOPIC}. */
  static final String ORIGINAL_TOPIC_HEADER = "kafka_dlt-original-topic";

  /** {@code KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP}. */
  static final String ORIGINAL_GROUP_HEADER = "kafka_dlt-original-consumer-group";

  /** {@code KafkaHeaders.DLT_EXCEPTION_MESSAGE}. */
  static final String EXCEPTION_MESSAGE_HEADER = "kafka_dlt-exception-message";

  static final String DLT_SUFFIX = ".dlt";
  static final int STALL_SECONDS = 30;
  static final int BATCH = 100;
  static final int MESSAGE_CHARS = 200;

  /** The truststore type when {@code KAFKA_SSL_TRUSTSTORE_TYPE} is not set: Strimzi's ca.p12. */
  static final String DEFAULT_TRUSTSTORE_TYPE = "PKCS12";

  static final String USAGE =
      """
      Usage: DeadLetterReplay <dlt-topic> [--bootstrap host:port] [--group <original consumer group>] [--dry-run] [--max N]
        Publishes the dead letters of <dlt-topic> (a <topic>.dlt) again to their original topic, with their key, value
        and headers, without the kafka_dlt-* headers, plus fourinone-replayed-from: <dlt-topic>:<partition>:<offset>.
        Offsets are committed in consumer group fourinone-dlt-replay: a second run replays only newer dead letters.
        --bootstrap  Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092);
                     $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_MECHANISM, $KAFKA_SASL_JAAS_CONFIG are used when set,
                     and the truststore $KAFKA_SSL_TRUSTSTORE_LOCATION with $KAFKA_SSL_TRUSTSTORE_PASSWORD,
                     of type $KAFKA_SSL_TRUSTSTORE_TYPE (default PKCS12)
        --group      replay only the dead letters of this consumer group; the others are skipped and committed past
        --dry-run    list what would be replayed (never the values); send nothing, commit nothing
        --max N      stop after N dead letters replayed (or listed)
      Exit codes: 0 done, 1 failure, 2 bad arguments.""";

  private DeadLetterReplay() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command with the process's environment and standard streams; returns the exit code.
   */
  public static int run(String... args) {
    return run(System.out, System.err, System.getenv(), args);
  }

  static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options == null) {
      out.println(USAGE);
      return 0;
    }
    try {
      return new Replay(options, out).run();
    } catch (ReplayFailed e) {
      err.println("failed: " + e.getMessage());
      return 1;
    } catch (KafkaException | ExecutionException e) {
      err.println("failed: " + describe(e));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("failed: interrupted");
      return 1;
    }
  }

  /**
   * The exception and its causes: "Failed to construct kafka consumer" alone does not say that the
   * truststore could not be read.
   */
  private static String describe(Throwable e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    StringBuilder text =
        new StringBuilder(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    Set<Throwable> seen = new HashSet<>(List.of(cause));
    for (Throwable next = cause.getCause();
        next != null && seen.add(next);
        next = next.getCause()) {
      text.append("; caused by ")
          .append(next.getClass().getSimpleName())
          .append(": ")
          .append(next.getMessage());
    }
    return text.toString();
  }

  record Options(
      String dltTopic,
      String bootstrap,
      String group,
      boolean dryRun,
      long max,
      Map<String, String> env) {

    @Override
    public String toString() { // never the environment: it holds the SASL and truststore passwords
      return "Options["
          + dltTopic
          + ", "
          + bootstrap
          + ", group "
          + group
          + ", dry run "
          + dryRun
          + ", max "
          + max
          + "]";
    }

    /** The options, or {@code null} when help was asked for. */
    static Options parse(String[] args, Map<String, String> env) {
      String topic = null;
      String bootstrap = null;
      String group = null;
      boolean dryRun = false;
      long max = Long.MAX_VALUE;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> {
            return null;
          }
          case "--dry-run" -> dryRun = true;
          case "--bootstrap" -> bootstrap = value(args, ++i, arg);
          case "--group" -> group = value(args, ++i, arg);
          case "--max" -> {
            String n = value(args, ++i, arg);
            try {
              max = Long.parseLong(n);
            } catch (NumberFormatException e) {
              max = 0;
            }
            if (max <= 0) {
              throw new IllegalArgumentException("--max wants a positive number, not " + n);
            }
          }
          default -> {
            if (arg.startsWith("-")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            if (topic != null) {
              throw new IllegalArgumentException(
                  "one dlt topic only, not " + topic + " and " + arg);
            }
            topic = arg;
          }
        }
      }
      if (topic == null) {
        throw new IllegalArgumentException("the dlt topic is missing");
      }
      if (!topic.endsWith(DLT_SUFFIX) || topic.length() == DLT_SUFFIX.length()) {
        // replaying a live topic onto itself would duplicate all of it
        throw new IllegalArgumentException("not a dead-letter topic (<topic>.dlt): " + topic);
      }
      if (bootstrap == null) {
        String fromEnv = env.get("KAFKA_BOOTSTRAP_SERVERS");
        bootstrap = fromEnv == null || fromEnv.isBlank() ? "localhost:9092" : fromEnv;
      }
      return new Options(topic, bootstrap, group, dryRun, max, env);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].startsWith("--") || args[i].isBlank()) {
        throw new IllegalArgumentException(option + " wants a value");
      }
      return args[i];
    }

    Map<String, Object> clientProperties() {
      Map<String, Object> properties = new HashMap<>();
      properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, CONSUMER_GROUP);
      putIfSet(properties, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "KAFKA_SECURITY_PROTOCOL");
      putIfSet(properties, SaslConfigs.SASL_MECHANISM, "KAFKA_SASL_MECHANISM");
      putIfSet(properties, SaslConfigs.SASL_JAAS_CONFIG, "KAFKA_SASL_JAAS_CONFIG");
      if (putIfSet(
          properties, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "KAFKA_SSL_TRUSTSTORE_LOCATION")) {
        putIfSet(
            properties, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "KAFKA_SSL_TRUSTSTORE_PASSWORD");
        if (!putIfSet(
            properties, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "KAFKA_SSL_TRUSTSTORE_TYPE")) {
          properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, DEFAULT_TRUSTSTORE_TYPE);
        }
      }
      return properties;
    }

    /** Sets the client property from the variable when that is set; says whether it was. */
    private boolean putIfSet(Map<String, Object> properties, String property, String variable) {
      String value = env.get(variable);
      if (value == null || value.isBlank()) {
        return false;
      }
      properties.put(property, value);
      return true;
    }
  }

  /** One run over the topic. */
  private static final class Replay {
    private final Options options;
    private final PrintStream out;
    private long read;
    private long replayed;
    private long skipped;
    private final Set<String> targets = new TreeSet<>();

    /**
     * Per partition, the first dead letter skipped for another group (to bring them back later).
     */
    private final Map<Integer, Long> firstSkipped = new TreeMap<>();

    Replay(Options options, PrintStream out) {
      this.options = options;
      this.out = out;
    }

    int run() throws ExecutionException, InterruptedException {
      Map<String, Object> consumerProperties = options.clientProperties();
      consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, CONSUMER_GROUP);
      consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      consumerProperties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
      consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH);
      // a broker that does not answer fails the run after as long as a stall does, not a minute
      consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, STALL_SECONDS * 1000);
      consumerProperties.put(
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      consumerProperties.put(
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerProperties)) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer
            .partitionsFor(options.dltTopic())
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        if (partitions.isEmpty()) {
          throw new ReplayFailed(
              "topic " + options.dltTopic() + " not found on " + options.bootstrap());
        }
        // assigned, not subscribed: the group only keeps the offsets, no rebalance to wait for
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Set<TopicPartition> pending = new HashSet<>();
        long total = 0;
        for (TopicPartition partition : partitions) {
          long position = consumer.position(partition); // the committed offset, else the earliest
          long last = end.getOrDefault(partition, 0L);
          if (position < last) {
            pending.add(partition);
            total += last - position;
          }
        }
        out.printf(
            "%sreading up to %d dead letter(s) of %s (%d partition(s)) on %s%s%n",
            options.dryRun() ? "dry run: " : "",
            total,
            options.dltTopic(),
            partitions.size(),
            options.bootstrap(),
            options.group() == null ? "" : ", only those of consumer group " + options.group());
        consumer.pause(partitions.stream().filter(p -> !pending.contains(p)).toList());
        if (pending.isEmpty()) {
          summary();
          return 0;
        }
        try (var producer = options.dryRun() ? null : producer()) {
          return loop(consumer, producer, end, pending, total);
        } catch (RuntimeException | ExecutionException | InterruptedException e) {
          summary(); // what was committed before the failure
          throw e;
        }
      }
    }

    private KafkaProducer<byte[], byte[]> producer() {
      Map<String, Object> properties = options.clientProperties();
      properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      properties.put(ProducerConfig.ACKS_CONFIG, "all");
      properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      return new KafkaProducer<>(properties);
    }

    private int loop(
        KafkaConsumer<byte[], byte[]> consumer,
        KafkaProducer<byte[], byte[]> producer,
        Map<TopicPartition, Long> end,
        Set<TopicPartition> pending,
        long total)
        throws ExecutionException, InterruptedException {
      long lastProgress = System.nanoTime();
      boolean maxReached = false;
      while (!pending.isEmpty() && !maxReached) {
        var records = consumer.poll(Duration.ofSeconds(1));
        Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Set<String> batchTargets = new TreeSet<>();
        long batchRead = 0;
        long batchReplayed = 0;
        Map<Integer, Long> batchSkipped = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(partition)) {
            continue; // arrived after the start: the next run's
          }
          if (replayed + batchReplayed >= options.max()) {
            maxReached = true;
            break;
          }
          batchRead++;
          done.put(partition, new OffsetAndMetadata(record.offset() + 1));
          String group = header(record, ORIGINAL_GROUP_HEADER);
          if (options.group() != null && !options.group().equals(group)) {
            batchSkipped.merge(record.partition(), record.offset(), Math::min);
            continue;
          }
          String target = target(record);
          batchTargets.add(target);
          batchReplayed++;
          if (options.dryRun()) {
            out.printf(
                "would replay partition %d offset %d key %s to %s (group %s): %s%n",
                record.partition(),
                record.offset(),
                printable(record.key()),
                target,
                group == null ? "-" : group,
                truncate(header(record, EXCEPTION_MESSAGE_HEADER)));
          } else {
            sends.add(producer.send(republished(record, target)));
          }
        }
        if (producer != null && !done.isEmpty()) {
          producer.flush();
          for (Future<RecordMetadata> send : sends) {
            // throws if the broker did not take it: then nothing of this poll is committed
            send.get();
          }
          consumer.commitSync(done);
        }
        read += batchRead;
        replayed += batchReplayed;
        skipped += batchRead - batchReplayed;
        batchSkipped.forEach((p, o) -> firstSkipped.merge(p, o, Math::min));
        targets.addAll(batchTargets);
        if (batchRead > 0 && read / BATCH > (read - batchRead) / BATCH) {
          out.printf(
              "... %d of up to %d read, %d %s, %d skipped (other group)%n",
              read, total, replayed, options.dryRun() ? "to replay" : "replayed", skipped);
        }
        boolean progress = batchRead > 0;
        for (TopicPartition partition : List.copyOf(pending)) {
          if (consumer.position(partition) >= end.get(partition)) {
            pending.remove(partition);
            consumer.pause(List.of(partition));
            progress = true;
          }
        }
        if (progress) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(STALL_SECONDS).toNanos()) {
          throw new ReplayFailed(
              "no progress for "
                  + STALL_SECONDS
                  + " s, partitions "
                  + pending
                  + " did not reach their start-time end offsets; the summary is what was committed, run again");
        }
      }
      summary();
      return 0;
    }

    private String target(ConsumerRecord<byte[], byte[]> record) {
      String target = header(record, ORIGINAL_TOPIC_HEADER);
      if (target == null || target.isBlank()) {
        target = options.dltTopic().substring(0, options.dltTopic().length() - DLT_SUFFIX.length());
      }
      if (target.equals(options.dltTopic())) {
        throw new ReplayFailed(
            "dead letter "
                + record.partition()
                + ":"
                + record.offset()
                + " names its own topic as the original; replaying it would loop");
      }
      return target;
    }

    private ProducerRecord<byte[], byte[]> republished(
        ConsumerRecord<byte[], byte[]> record, String target) {
      var headers = new RecordHeaders();
      for (Header header : record.headers()) {
        if (!header.key().startsWith(DLT_HEADER_PREFIX)
            && !header.key().equals(REPLAYED_FROM_HEADER)) {
          headers.add(header);
        }
      }
      String from = options.dltTopic() + ":" + record.partition() + ":" + record.offset();
      headers.add(REPLAYED_FROM_HEADER, from.getBytes(StandardCharsets.UTF_8));
      // no partition: the key picks it, as for the original; no timestamp: it is published now
      return new ProducerRecord<>(target, null, null, record.key(), record.value(), headers);
    }

    private void summary() {
      String to = targets.isEmpty() ? "(none)" : String.join(", ", targets);
      if (options.dryRun()) {
        out.printf(
            "dry run: would replay %d, skip %d (other group), from %s to %s; nothing sent, nothing committed%n",
            replayed, skipped, options.dltTopic(), to);
        return;
      }
      out.printf(
          "replayed %d, skipped %d (other group), from %s to %s%n",
          replayed, skipped, options.dltTopic(), to);
      firstSkipped.forEach(
          (partition, offset) ->
              out.printf(
                  "  skipped dead letters are committed past; to replay them later: kafka-consumer-groups.sh"
                      + " --bootstrap-server %s --group %s --reset-offsets --topic %s:%d --to-offset %d --execute%n",
                  options.bootstrap(), CONSUMER_GROUP, options.dltTopic(), partition, offset));
    }
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  static String printable(byte[] key) {
    return key == null ? "(none)" : oneLine(new String(key, StandardCharsets.UTF_8));
  }

  static String truncate(String message) {
    if (message == null) {
      return "(no exception message)";
    }
    String line = oneLine(message);
    return line.length() <= MESSAGE_CHARS ? line : line.substring(0, MESSAGE_CHARS) + "...";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}+", " ").strip();
  }

  /** A failure the operator has to look at; the message says which. */
  static final class ReplayFailed extends RuntimeException {
    ReplayFailed(String message) {
      super(message);
    }
  }
}
