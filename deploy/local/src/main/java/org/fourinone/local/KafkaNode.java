package org.fourinone.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/** The single-node KRaft broker: its configuration, storage formatting, readiness and topics. */
final class KafkaNode {

  /**
   * Topics the services use (order-contract's fourinone-order-defaults.yml), created explicitly
   * (auto-creation stays on for anything else).
   */
  static final List<String> TOPICS =
      List.of(
          "community.orders.v1", "community.orders.v1.dlt",
          "community.residents.v1", "community.residents.v1.dlt",
          "community.geography.v1", "community.geography.v1.dlt",
          "community.order-contributions.v1", "community.order-contributions.v1.dlt",
          "sanshe.organisations.v1", "sanshe.organisations.v1.dlt",
          "sanshe.social-workers.v1", "sanshe.social-workers.v1.dlt",
          "party.organisation-checks.v1", "party.organisation-checks.v1.dlt",
          "party.memberships.v1", "party.memberships.v1.dlt",
          "volunteer.volunteers.v1", "volunteer.volunteers.v1.dlt");

  static final int PARTITIONS = 3;

  private KafkaNode() {}

  static String serverProperties(Path logDir, int port, int controllerPort) {
    return """
                # written by local-stack on every start
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                auto.create.topics.enable=true
                num.partitions=3
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.dedupe.buffer.size=8388608
                num.network.threads=2
                num.io.threads=2
                num.recovery.threads.per.data.dir=1
                log.retention.hours=168
                log.segment.bytes=67108864
                """
        .formatted(port, controllerPort, logDir.toAbsolutePath().toString().replace('\\', '/'));
  }

  /** Writes server.properties; returns its path. */
  static Path writeConfig(Path kafkaDir, int port, int controllerPort) {
    try {
      Path logDir = kafkaDir.resolve("data");
      Files.createDirectories(logDir);
      Path config = kafkaDir.resolve("server.properties");
      Files.writeString(config, serverProperties(logDir, port, controllerPort));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isFormatted(Path kafkaDir) {
    return Files.exists(kafkaDir.resolve("data").resolve("meta.properties"));
  }

  /**
   * The StorageTool command that formats a new log dir as a one-node cluster with a fresh cluster
   * id.
   */
  static List<String> formatArguments(Path config) {
    return List.of(
        "kafka.tools.StorageTool",
        "format",
        "--cluster-id",
        Uuid.randomUuid().toString(),
        "--config",
        config.toString(),
        "--ignore-formatted");
  }

  static ReadinessProbe probe(String bootstrap) {
    String host = bootstrap.substring(0, bootstrap.lastIndexOf(':'));
    int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    return () -> {
      if (!Ports.accepts(host, port)) {
        return false;
      }
      try (Admin admin = admin(bootstrap)) {
        return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
      }
    };
  }

  /** Creates the missing platform topics; returns the names it created. */
  static List<String> createTopics(String bootstrap) {
    try (Admin admin = admin(bootstrap)) {
      int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
      short replication = (short) Math.max(1, Math.min(3, brokers));
      Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : TOPICS) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, PARTITIONS, replication));
        }
      }
      List<String> created = new ArrayList<>();
      var result = admin.createTopics(missing).values();
      for (var entry : result.entrySet()) {
        try {
          entry.getValue().get(20, TimeUnit.SECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException(Platform.KAFKA, "Interrupted while creating topics", e);
    } catch (Exception e) {
      throw new PlatformException(
          Platform.KAFKA, "Cannot create topics on " + bootstrap + ": " + e, e);
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.RETRIES_CONFIG, 2));
  }
}
