package org.fourinone.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fourinone.k8s.Manifests.at;

import io.kubernetes.client.custom.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator's dead-letter replay Job, {@code ops/dlt-replay-job.yaml}: a template outside the
 * kustomization (so nothing renders it), checked here as it is and against what the overlays deploy
 * — the same rules as every workload, the kit's command with its own heap, the KafkaUser
 * dlt-replay's Secret and the cluster CA as its truststore, a NetworkPolicy that lets it reach
 * Kafka and nothing else.
 */
@SuppressWarnings("unchecked")
class DeadLetterReplayJobTest {

  static final Path TEMPLATE = Manifests.MODULE.resolve("ops/dlt-replay-job.yaml");
  private static final String MAIN_CLASS = "org.fourinone.kit.consumer.DeadLetterReplay";

  private static Map<String, Object> job() {
    List<Map<String, Object>> documents = Manifests.documents(TEMPLATE);
    assertThat(documents).as(TEMPLATE + ": one Job").hasSize(1);
    return documents.get(0);
  }

  private static Map<String, Object> container() {
    return Manifests.containers(job(), true).get(0);
  }

  private static List<Map<String, Object>> env() {
    return Manifests.list(container().get("env")).stream().map(Manifests::map).toList();
  }

  @Test
  void isAJobThatFitsTheModelAndNoKustomizationIncludes() throws IOException {
    Map<String, Object> job = job();
    assertThat(StrictModels.parse(job)).isNotNull();
    assertThat(job.get("kind")).isEqualTo("Job");
    assertThat(Manifests.name(job)).isEqualTo("dlt-replay");
    assertThat(at(job, "metadata", "namespace")).isEqualTo("fourinone");
    assertThat(Manifests.containers(job, true)).hasSize(1);
    for (String environment : Manifests.ENVIRONMENTS) {
      assertThat(Manifests.ofKind(environment, "Job").map(Manifests::name))
          .as(environment)
          .doesNotContain("dlt-replay");
    }
    assertThat(TEMPLATE.resolveSibling("kustomization.yaml")).doesNotExist();
    try (Stream<Path> files = Files.walk(Manifests.MODULE)) {
      List<Path> kustomizations =
          files
              .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
              .filter(f -> !f.startsWith(Manifests.MODULE.resolve("target")))
              .filter(f -> !f.startsWith(Manifests.MODULE.resolve("tools")))
              .toList();
      assertThat(kustomizations).hasSizeGreaterThan(5);
      for (Path kustomization : kustomizations) {
        Map<String, Object> document = Manifests.documents(kustomization).get(0);
        for (String field : List.of("resources", "components")) {
          for (Object resource : Manifests.list(document.get(field))) {
            Path included = kustomization.getParent().resolve((String) resource).normalize();
            assertThat(included.startsWith(TEMPLATE.getParent()))
                .as(kustomization + " " + field + " " + resource)
                .isFalse();
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void keepsTheRulesOfEveryWorkloadAndTheServicesSecurityContext(String environment) {
    SoftAssertions softly = new SoftAssertions();
    PolicyTest.checkWorkload(softly, job());
    softly.assertAll();
    Map<String, Object> pod = Manifests.podSpec(job());
    Map<String, Object> service =
        Manifests.ofKind(environment, "Deployment")
            .filter(d -> "service".equals(podLabels(d).get("app.kubernetes.io/component")))
            .findFirst()
            .orElseThrow();
    assertThat(pod.get("securityContext"))
        .isEqualTo(Manifests.podSpec(service).get("securityContext"));
    assertThat(container().get("securityContext"))
        .isEqualTo(Manifests.containers(service, false).get(0).get("securityContext"));
    assertThat(pod)
        .containsEntry("restartPolicy", "Never")
        .containsEntry("automountServiceAccountToken", false)
        .containsEntry("enableServiceLinks", false);
    assertThat(at(job(), "spec", "backoffLimit")).isEqualTo(0);
    assertThat(at(job(), "spec", "activeDeadlineSeconds")).isNotNull();
    assertThat(at(job(), "spec", "ttlSecondsAfterFinished")).isNotNull();
    assertThat(container().get("volumeMounts")).asString().contains("mountPath=/tmp");
  }

  /** Any service image carries the kit and kafka-clients; the tag is the one the overlays run. */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void runsAServiceImageTheOverlayDeploys(String environment) {
    Set<String> serviceImages =
        Manifests.ofKind(environment, "Deployment")
            .filter(d -> "service".equals(podLabels(d).get("app.kubernetes.io/component")))
            .flatMap(d -> Manifests.containers(d, false).stream())
            .map(c -> (String) c.get("image"))
            .collect(Collectors.toSet());
    assertThat(serviceImages).hasSize(4).contains((String) container().get("image"));
  }

  @Test
  void runsTheKitsCommandOnADeclaredDeadLetterTopicWithItsOwnSmallHeap() {
    Map<String, Object> container = container();
    List<Object> command = (List<Object>) container.get("command");
    assertThat(command.get(0)).isEqualTo("java");
    assertThat(command).contains("-Xmx128m").endsWith(MAIN_CLASS);
    int cp = command.indexOf("-cp");
    assertThat(command.get(cp + 1)).isEqualTo("/app/resources:/app/classes:/app/libs/*");
    // the heap and the rest of the JVM fit the limit; the services' JAVA_TOOL_OPTIONS is not here
    BigDecimal limit =
        new Quantity((String) at(container, "resources", "limits", "memory")).getNumber();
    assertThat(limit).isGreaterThanOrEqualTo(BigDecimal.valueOf(2L * 128 * 1024 * 1024));
    assertThat(env()).extracting(e -> e.get("name")).doesNotContain("JAVA_TOOL_OPTIONS");

    List<Object> args = (List<Object>) container.get("args");
    Set<String> deadLetterTopics =
        Manifests.ofKind("prod", "KafkaTopic")
            .map(t -> (String) at(t, "spec", "topicName"))
            .filter(t -> t.endsWith(".dlt"))
            .collect(Collectors.toSet());
    assertThat(deadLetterTopics).contains((String) args.get(0));
    assertThat(args).as("a dry run unless the operator says otherwise").contains("--dry-run");
  }

  /**
   * Logback (in every service image) reads the ConfigMap the base declares, not its DEBUG default.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void logsWithTheConfigurationTheBaseDeclares(String environment) {
    List<Object> command = (List<Object>) container().get("command");
    String file =
        command.stream()
            .map(String::valueOf)
            .filter(a -> a.startsWith("-Dlogback.configurationFile="))
            .map(a -> a.substring(a.indexOf('=') + 1))
            .findFirst()
            .orElseThrow();
    Map<String, Object> volume = volumeMountedAt(file);
    String configMap = (String) at(volume, "configMap", "name");
    Map<String, Object> data =
        (Map<String, Object>) Manifests.named(environment, "ConfigMap", configMap).get("data");
    assertThat(data).containsKey(file.substring(file.lastIndexOf('/') + 1));
    assertThat((String) data.get("logback.xml")).contains("<root level=\"WARN\">");
  }

  /**
   * No secret in the template: the SASL login from the Secret Strimzi writes for the KafkaUser
   * dlt-replay, the truststore password and file from Strimzi's cluster CA Secret, the rest from
   * the services' ConfigMap; and every KAFKA_* it sets is one the command reads.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void takesItsCredentialsFromTheDltReplayUsersSecretAndTheClusterCa(String environment)
      throws IOException {
    for (String value : strings(job())) {
      Matcher assignment = PolicyTest.SECRET_ASSIGNMENT.matcher(value);
      assertThat(assignment.find() ? assignment.group() : null).as("literal credential").isNull();
      assertThat(PolicyTest.URI_WITH_CREDENTIALS.matcher(value).find()).as(value).isFalse();
    }
    assertThat(Files.readString(TEMPLATE))
        .doesNotContain("PRIVATE KEY")
        .doesNotContain("BEGIN CERTIFICATE");
    assertThat(container()).doesNotContainKey("envFrom");

    Set<String> secretRefs = new TreeSet<>();
    Map<Object, Object> services =
        (Map<Object, Object>)
            Manifests.named(environment, "ConfigMap", "fourinone-services").get("data");
    for (Map<String, Object> e : env()) {
      String name = (String) e.get("name");
      if (e.containsKey("value")) {
        assertThat(PolicyTest.SECRET_WORD.matcher(name).find()).as("plain " + name).isFalse();
        continue;
      }
      Map<String, Object> secret = (Map<String, Object>) at(e, "valueFrom", "secretKeyRef");
      Map<String, Object> config = (Map<String, Object>) at(e, "valueFrom", "configMapKeyRef");
      assertThat(secret == null ? config : secret).as(name).isNotNull();
      if (secret != null) {
        secretRefs.add(name + "=" + secret.get("name") + "/" + secret.get("key"));
      } else {
        assertThat(config.get("name")).as(name).isEqualTo("fourinone-services");
        assertThat(services).as(name).containsKey(config.get("key"));
      }
    }
    assertThat(secretRefs)
        .containsExactly(
            "KAFKA_SASL_JAAS_CONFIG=dlt-replay/sasl.jaas.config",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD=fourinone-cluster-ca-cert/ca.password");
    assertThat(Manifests.ofKind(environment, "KafkaUser").map(Manifests::name))
        .contains("dlt-replay");
    // the same cluster CA Secret the services trust
    assertThat(Manifests.named(environment, "Deployment", "sanshe-service").toString())
        .contains("name=fourinone-cluster-ca-cert");

    // the truststore: Strimzi's ca.p12, mounted where KAFKA_SSL_TRUSTSTORE_LOCATION says
    String location = value("KAFKA_SSL_TRUSTSTORE_LOCATION");
    assertThat(value("KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PKCS12");
    Map<String, Object> volume = volumeMountedAt(location);
    assertThat(at(volume, "secret", "secretName")).isEqualTo("fourinone-cluster-ca-cert");
    assertThat(at(volume, "secret", "items"))
        .isEqualTo(
            List.of(
                Map.of(
                    "key", "ca.p12", "path", location.substring(location.lastIndexOf('/') + 1))));

    Set<String> read = new TreeSet<>();
    Matcher variable =
        Pattern.compile("\"(KAFKA_[A-Z_]+)\"").matcher(PolicyTest.deadLetterReplaySource());
    while (variable.find()) {
      read.add(variable.group(1));
    }
    assertThat(read).contains("KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_BOOTSTRAP_SERVERS");
    assertThat(env())
        .extracting(e -> (String) e.get("name"))
        .filteredOn(n -> n.startsWith("KAFKA_"))
        .containsExactlyInAnyOrderElementsOf(read);
  }

  /**
   * Default deny leaves it DNS; its own NetworkPolicy adds Kafka's client listeners and nothing
   * else, and the brokers admit it (the repository's policy and the listener's peers for
   * Strimzi's). It is no service: no MongoDB, no traffic from the gateway.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void reachesKafkaAndNothingElse(String environment) {
    Map<Object, Object> labels = podLabels(job());
    assertThat(labels).doesNotContainEntry("app.kubernetes.io/component", "service");
    List<Map<String, Object>> selecting =
        Manifests.ofKind(environment, "NetworkPolicy")
            .filter(
                p -> {
                  Map<Object, Object> match =
                      (Map<Object, Object>) at(p, "spec", "podSelector", "matchLabels");
                  return match == null
                      ? Map.of().equals(at(p, "spec", "podSelector"))
                      : labels.entrySet().containsAll(match.entrySet());
                })
            .toList();
    assertThat(selecting)
        .extracting(Manifests::name)
        .containsExactlyInAnyOrder("default-deny-all", "allow-dns-egress", "dlt-replay");
    Map<String, Object> own = Manifests.named(environment, "NetworkPolicy", "dlt-replay");
    assertThat(at(own, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
    assertThat(at(own, "spec", "ingress")).isNull();
    assertThat(at(own, "spec", "egress"))
        .isEqualTo(
            List.of(
                Map.of(
                    "to",
                    List.of(
                        Map.of(
                            "podSelector",
                            Map.of(
                                "matchLabels",
                                Map.of(
                                    "strimzi.io/cluster", "fourinone",
                                    "strimzi.io/broker-role", "true")))),
                    "ports",
                    List.of(
                        Map.of("protocol", "TCP", "port", 9092),
                        Map.of("protocol", "TCP", "port", 9093)))));

    Object byName =
        Map.of(
            "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "dlt-replay")));
    assertThat(labels).containsEntry("app.kubernetes.io/name", "dlt-replay");
    Map<String, Object> clients = Manifests.named(environment, "NetworkPolicy", "kafka-clients");
    assertThat(Manifests.list(at(clients, "spec", "ingress")))
        .allSatisfy(
            rule ->
                assertThat((List<Object>) Manifests.list(Manifests.map(rule).get("from")))
                    .contains(byName));
    Map<String, Object> kafka = Manifests.named(environment, "Kafka", "fourinone");
    assertThat(Manifests.list(at(kafka, "spec", "kafka", "listeners")))
        .isNotEmpty()
        .allSatisfy(
            listener ->
                assertThat(
                        (List<Object>)
                            Manifests.list(Manifests.map(listener).get("networkPolicyPeers")))
                    .contains(byName));
  }

  /** How an operator sets the arguments (docs/operations.md): the real kubectl, no cluster. */
  @Test
  void theArgumentsAreSetWithALocalJsonPatch() {
    Map<String, Object> patched =
        Manifests.parse(
                Kubectl.patchLocally(
                    TEMPLATE,
                    "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/args\","
                        + "\"value\":[\"community.residents.v1.dlt\",\"--group\","
                        + "\"sanshe-service.residents\",\"--max\",\"10\"]}]"))
            .get(0);
    assertThat(Manifests.containers(patched, false).get(0).get("args"))
        .isEqualTo(
            List.of(
                "community.residents.v1.dlt",
                "--group",
                "sanshe-service.residents",
                "--max",
                "10"));
    Map<String, Object> container = Manifests.containers(patched, false).get(0);
    assertThat(container.get("command")).isEqualTo(container().get("command"));
    assertThat(container.get("env")).isEqualTo(container().get("env"));
    assertThat(Manifests.name(patched)).isEqualTo("dlt-replay");
    assertThat(at(patched, "metadata", "namespace")).isEqualTo("fourinone");
  }

  /** Every string value in the document (not the keys). */
  private static List<String> strings(Object node) {
    if (node instanceof Map<?, ?> map) {
      return map.values().stream().flatMap(v -> strings(v).stream()).toList();
    }
    if (node instanceof List<?> list) {
      return list.stream().flatMap(v -> strings(v).stream()).toList();
    }
    return node instanceof String text ? List.of(text) : List.of();
  }

  private static String value(String variable) {
    return env().stream()
        .filter(e -> variable.equals(e.get("name")))
        .map(e -> (String) e.get("value"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + variable));
  }

  /** The pod volume mounted at the directory of {@code file}. */
  private static Map<String, Object> volumeMountedAt(String file) {
    String directory = file.substring(0, file.lastIndexOf('/'));
    String volume =
        Manifests.list(container().get("volumeMounts")).stream()
            .map(Manifests::map)
            .filter(m -> directory.equals(m.get("mountPath")))
            .peek(m -> assertThat(m.get("readOnly")).as(directory).isEqualTo(true))
            .map(m -> (String) m.get("name"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + directory));
    return Manifests.list(Manifests.podSpec(job()).get("volumes")).stream()
        .map(Manifests::map)
        .filter(v -> volume.equals(v.get("name")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<Object, Object> podLabels(Map<String, Object> workload) {
    return (Map<Object, Object>) at(workload, "spec", "template", "metadata", "labels");
  }
}
