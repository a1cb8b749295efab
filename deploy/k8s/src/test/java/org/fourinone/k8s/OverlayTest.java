package org.fourinone.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fourinone.k8s.Manifests.at;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each overlay deploys: dev one of everything, prod highly available. */
class OverlayTest {

  @Test
  void devRunsOneOfEverything() {
    Manifests.ofKind("dev", "HorizontalPodAutoscaler")
        .forEach(
            h -> {
              assertThat(at(h, "spec", "minReplicas")).as(Manifests.id(h)).isEqualTo(1);
              assertThat(at(h, "spec", "maxReplicas")).as(Manifests.id(h)).isEqualTo(1);
            });
    assertThat(at(Manifests.named("dev", "StatefulSet", "mongodb"), "spec", "replicas"))
        .isEqualTo(1);
    assertThat(at(Manifests.named("dev", "ConfigMap", "mongodb-init"), "data", "MONGODB_MEMBERS"))
        .isEqualTo("1");
    assertThat(at(Manifests.named("dev", "KafkaNodePool", "dual-role"), "spec", "replicas"))
        .isEqualTo(1);
    Map<String, Object> kafka = Manifests.named("dev", "Kafka", "fourinone");
    assertThat(at(kafka, "spec", "kafka", "config", "default.replication.factor")).isEqualTo(1);
    assertThat(at(kafka, "spec", "kafka", "config", "min.insync.replicas")).isEqualTo(1);
    Manifests.ofKind("dev", "KafkaTopic")
        .forEach(t -> assertThat(at(t, "spec", "replicas")).as(Manifests.id(t)).isEqualTo(1));
    assertThat(
            at(
                Manifests.named("dev", "ConfigMap", "fourinone-services"),
                "data",
                "KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("fourinone-kafka-bootstrap:9092");
    assertThat(kafka.toString()).contains("port=9092").contains("type=scram-sha-512");
  }

  @Test
  void prodIsHighlyAvailable() {
    Manifests.ofKind("prod", "Deployment")
        .forEach(
            d -> {
              Map<String, Object> hpa =
                  Manifests.named("prod", "HorizontalPodAutoscaler", Manifests.name(d));
              assertThat((Integer) at(hpa, "spec", "minReplicas"))
                  .as(Manifests.id(hpa))
                  .isGreaterThanOrEqualTo(2);
              assertThat((Integer) at(hpa, "spec", "maxReplicas"))
                  .isGreaterThanOrEqualTo((Integer) at(hpa, "spec", "minReplicas"));
            });
    // consumers beyond the partition count would sit idle
    Manifests.ofKind("prod", "HorizontalPodAutoscaler")
        .filter(h -> !"gateway".equals(Manifests.name(h)))
        .forEach(h -> assertThat((Integer) at(h, "spec", "maxReplicas")).isLessThanOrEqualTo(12));
    assertThat(at(Manifests.named("prod", "KafkaNodePool", "dual-role"), "spec", "replicas"))
        .isEqualTo(3);
    assertThat(at(Manifests.named("prod", "KafkaNodePool", "dual-role"), "spec", "roles"))
        .asString()
        .contains("controller", "broker");
    Map<String, Object> kafka = Manifests.named("prod", "Kafka", "fourinone");
    assertThat(at(kafka, "spec", "kafka", "config", "default.replication.factor")).isEqualTo(3);
    assertThat(at(kafka, "spec", "kafka", "config", "min.insync.replicas")).isEqualTo(2);
    assertThat(kafka.toString()).contains("tls=true").contains("type=scram-sha-512");
    Manifests.ofKind("prod", "KafkaTopic")
        .forEach(
            t -> {
              assertThat(at(t, "spec", "replicas")).as(Manifests.id(t)).isEqualTo(3);
              assertThat(at(t, "spec", "config", "min.insync.replicas"))
                  .as(Manifests.id(t))
                  .isEqualTo("2");
            });
    assertThat(at(Manifests.named("prod", "StatefulSet", "mongodb"), "spec", "replicas"))
        .isEqualTo(3);
    assertThat(at(Manifests.named("prod", "ConfigMap", "mongodb-init"), "data", "MONGODB_MEMBERS"))
        .isEqualTo("3");
    assertThat(
            at(
                Manifests.named("prod", "ConfigMap", "fourinone-services"),
                "data",
                "SPRING_KAFKA_SECURITY_PROTOCOL"))
        .isEqualTo("SASL_SSL");
  }

  @Test
  void referenceTopicsAreCompactedAndOrdersKeepEveryOrdersNewestSnapshot() {
    assertThat(
            at(
                Manifests.named("prod", "KafkaTopic", "community-residents-v1"),
                "spec",
                "config",
                "cleanup.policy"))
        .isEqualTo("compact");
    assertThat(
            at(
                Manifests.named("prod", "KafkaTopic", "community-geography-v1"),
                "spec",
                "config",
                "cleanup.policy"))
        .isEqualTo("compact");
    assertThat(
            at(
                Manifests.named("prod", "KafkaTopic", "community-orders-v1"),
                "spec",
                "config",
                "cleanup.policy"))
        .isEqualTo("compact,delete");
    assertThat(
            at(Manifests.named("prod", "KafkaTopic", "community-orders-v1"), "spec", "partitions"))
        .isEqualTo(12);
    assertThat(
            at(
                Manifests.named("prod", "KafkaTopic", "community-orders-v1-dlt"),
                "spec",
                "config",
                "cleanup.policy"))
        .isEqualTo("delete");
  }

  @Test
  void orderContributionsAreDeclaredLikeTheOrdersTopic() {
    Map<String, Object> orders = Manifests.named("prod", "KafkaTopic", "community-orders-v1");
    Map<String, Object> contributions =
        Manifests.named("prod", "KafkaTopic", "community-order-contributions-v1");
    assertThat(at(contributions, "spec", "topicName"))
        .isEqualTo("community.order-contributions.v1");
    assertThat(at(contributions, "spec", "partitions")).isEqualTo(at(orders, "spec", "partitions"));
    assertThat(at(contributions, "spec", "replicas")).isEqualTo(at(orders, "spec", "replicas"));
    assertThat(at(contributions, "spec", "config")).isEqualTo(at(orders, "spec", "config"));
    Map<String, Object> ordersDlt =
        Manifests.named("prod", "KafkaTopic", "community-orders-v1-dlt");
    Map<String, Object> contributionsDlt =
        Manifests.named("prod", "KafkaTopic", "community-order-contributions-v1-dlt");
    assertThat(at(contributionsDlt, "spec", "topicName"))
        .isEqualTo("community.order-contributions.v1.dlt");
    assertThat(at(contributionsDlt, "spec", "partitions"))
        .isEqualTo(at(ordersDlt, "spec", "partitions"));
    assertThat(at(contributionsDlt, "spec", "replicas"))
        .isEqualTo(at(ordersDlt, "spec", "replicas"));
    assertThat(at(contributionsDlt, "spec", "config")).isEqualTo(at(ordersDlt, "spec", "config"));
  }
}
