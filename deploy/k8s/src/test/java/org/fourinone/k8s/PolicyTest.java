package org.fourinone.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fourinone.k8s.Manifests.at;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Security, availability and consistency rules every rendered overlay must keep. */
@SuppressWarnings("unchecked")
class PolicyTest {

  static final Pattern SECRET_WORD = Pattern.compile("(?i)password|passwd|secret|token|key");

  /** A literal credential assigned in a value: "password: hunter2", "token=abc…". */
  static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile(
          "(?i)(password|passwd|secret|token|apikey|api_key)\\s*[:=]\\s*['\"]?[^\\s'\"$,)]{3,}");

  static final Pattern URI_WITH_CREDENTIALS = Pattern.compile("[a-z+]+://[^/@\\s:]+:[^/@\\s]+@");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyLongRunningContainerHasSeparateProbesResourcesAndARestrictedContext(
      String environment) {
    SoftAssertions softly = new SoftAssertions();
    Manifests.rendered(environment).stream()
        .filter(Manifests::isWorkload)
        .forEach(workload -> checkWorkload(softly, workload));
    softly.assertAll();
  }

  /**
   * The rules every workload keeps, also the ones outside the kustomization (deploy/k8s/ops): a
   * non-root pod with the runtime's seccomp profile; per container resources, a read-only root file
   * system, no privilege escalation, no capability, a tagged image; probes unless it is a Job.
   */
  static void checkWorkload(SoftAssertions softly, Map<String, Object> workload) {
    boolean longRunning = !"Job".equals(workload.get("kind"));
    Map<String, Object> pod = Manifests.podSpec(workload);
    softly
        .assertThat(at(pod, "securityContext", "runAsNonRoot"))
        .as(Manifests.id(workload) + " pod runAsNonRoot")
        .isEqualTo(true);
    softly
        .assertThat(at(pod, "securityContext", "seccompProfile", "type"))
        .as(Manifests.id(workload) + " seccomp")
        .isEqualTo("RuntimeDefault");
    for (Map<String, Object> c : Manifests.containers(workload, true)) {
      String where = Manifests.id(workload) + " container " + c.get("name");
      boolean init = ((List<?>) Manifests.list(pod.get("initContainers"))).contains(c);
      if (longRunning && !init) {
        softly.assertThat(c.get("livenessProbe")).as(where + " liveness").isNotNull();
        softly.assertThat(c.get("readinessProbe")).as(where + " readiness").isNotNull();
        softly.assertThat(c.get("startupProbe")).as(where + " startup").isNotNull();
        softly
            .assertThat(c.get("livenessProbe"))
            .as(where + " liveness differs from readiness")
            .isNotEqualTo(c.get("readinessProbe"));
        Object live = at(c, "livenessProbe", "httpGet", "path");
        Object ready = at(c, "readinessProbe", "httpGet", "path");
        if (live != null || ready != null) {
          softly
              .assertThat(live)
              .as(where + " liveness path")
              .isEqualTo("/actuator/health/liveness");
          softly
              .assertThat(ready)
              .as(where + " readiness path")
              .isEqualTo("/actuator/health/readiness");
        }
      }
      for (String kind : List.of("requests", "limits")) {
        softly.assertThat(at(c, "resources", kind, "cpu")).as(where + " cpu " + kind).isNotNull();
        softly
            .assertThat(at(c, "resources", kind, "memory"))
            .as(where + " memory " + kind)
            .isNotNull();
      }
      Map<Object, Object> sc = (Map<Object, Object>) c.get("securityContext");
      softly.assertThat(sc).as(where + " securityContext").isNotNull();
      if (sc != null) {
        softly.assertThat(sc.get("runAsNonRoot")).as(where + " runAsNonRoot").isEqualTo(true);
        softly
            .assertThat(sc.get("readOnlyRootFilesystem"))
            .as(where + " readOnlyRootFilesystem")
            .isEqualTo(true);
        softly
            .assertThat(sc.get("allowPrivilegeEscalation"))
            .as(where + " allowPrivilegeEscalation")
            .isEqualTo(false);
        softly
            .assertThat(at(sc, "capabilities", "drop"))
            .as(where + " drop ALL")
            .isEqualTo(List.of("ALL"));
        softly.assertThat(at(sc, "capabilities", "add")).as(where + " adds no capability").isNull();
      }
      String image = (String) c.get("image");
      String repository = Manifests.repository(image);
      softly
          .assertThat(image.length() > repository.length())
          .as(where + " image " + image + " has a tag")
          .isTrue();
      softly.assertThat(image).as(where + " image").doesNotEndWith(":latest");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deploymentsRunAsUser1000WithAWritableTmpOnly(String environment) {
    Manifests.ofKind(environment, "Deployment")
        .forEach(
            d -> {
              assertThat(at(Manifests.podSpec(d), "securityContext", "runAsUser"))
                  .as(Manifests.id(d))
                  .isEqualTo(1000);
              assertThat(Manifests.containers(d, false))
                  .allSatisfy(
                      c -> {
                        assertThat(c.get("volumeMounts")).asString().contains("mountPath=/tmp");
                        assertThat(c.get("env"))
                            .asString()
                            .contains("JAVA_TOOL_OPTIONS")
                            .contains("-XX:MaxRAMPercentage=");
                      });
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void configMapsHoldNoSecrets(String environment) {
    SoftAssertions softly = new SoftAssertions();
    Manifests.ofKind(environment, "ConfigMap")
        .forEach(
            cm -> {
              Map<Object, Object> data = (Map<Object, Object>) cm.get("data");
              data.forEach(
                  (key, value) -> {
                    String where = Manifests.id(cm) + " " + key;
                    boolean nonSecretName =
                        String.valueOf(key).matches(".*_(URI|URL)$") || "init.js".equals(key);
                    softly
                        .assertThat(
                            SECRET_WORD.matcher(String.valueOf(key)).find() && !nonSecretName)
                        .as(where + ": key looks like a secret")
                        .isFalse();
                    String text = String.valueOf(value);
                    softly
                        .assertThat(URI_WITH_CREDENTIALS.matcher(text).find())
                        .as(where + ": URI with credentials")
                        .isFalse();
                    Matcher assignment = SECRET_ASSIGNMENT.matcher(text);
                    softly
                        .assertThat(assignment.find() ? assignment.group() : null)
                        .as(where + ": literal credential")
                        .isNull();
                    softly
                        .assertThat(text)
                        .as(where + ": private key")
                        .doesNotContain("PRIVATE KEY");
                  });
            });
    softly.assertAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void secretsComeOnlyFromSecretReferences(String environment) {
    assertThat(Manifests.ofKind(environment, "Secret")).as("no Secret objects in git").isEmpty();
    Set<String> fromSecrets =
        Manifests.ofKind(environment, "Deployment")
            .flatMap(d -> Manifests.containers(d, false).stream())
            .flatMap(c -> Manifests.list(c.get("env")).stream())
            .map(Manifests::map)
            .filter(e -> at(e, "valueFrom", "secretKeyRef") != null)
            .map(e -> (String) e.get("name"))
            .collect(Collectors.toSet());
    assertThat(fromSecrets)
        .contains(
            "MONGODB_URI",
            "PII_ENCRYPTION_KEY",
            "PII_HASH_KEY",
            "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
    // the services that keep ID numbers and phones get the personal-data keys from the Secret
    for (String keeper : List.of("public-service", "sanshe-service")) {
      assertThat(
              Manifests.containers(Manifests.named(environment, "Deployment", keeper), false)
                  .get(0)
                  .get("env"))
          .asString()
          .as(keeper)
          .contains("PII_ENCRYPTION_KEY", "PII_HASH_KEY", "fourinone-pii");
    }
    Manifests.ofKind(environment, "Deployment")
        .flatMap(d -> Manifests.containers(d, false).stream())
        .flatMap(c -> Manifests.list(c.get("env")).stream())
        .map(Manifests::map)
        .filter(e -> e.containsKey("value"))
        .forEach(
            e ->
                assertThat(SECRET_WORD.matcher((String) e.get("name")).find())
                    .as("plain value for " + e.get("name"))
                    .isFalse());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void staticGroupMembershipUsesThePodName(String environment) {
    Manifests.ofKind(environment, "Deployment")
        .filter(d -> !"gateway".equals(Manifests.name(d)))
        .forEach(
            d ->
                assertThat(Manifests.containers(d, false).get(0).get("env"))
                    .asString()
                    .contains(
                        "name=KAFKA_GROUP_INSTANCE_ID, valueFrom={fieldRef={fieldPath=metadata.name}}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyTopicTheCodeUsesAndItsDeadLetterTopicIsDeclared(String environment) {
    Map<String, Object> defaults =
        Manifests.documents(
                Manifests.ROOT.resolve(
                    "order-contract/src/main/resources/fourinone-order-defaults.yml"))
            .get(0);
    Map<Object, Object> topics = (Map<Object, Object>) at(defaults, "fourinone", "topics");
    assertThat(topics).isNotEmpty();
    Set<String> declared =
        Manifests.ofKind(environment, "KafkaTopic")
            .map(t -> (String) at(t, "spec", "topicName"))
            .collect(Collectors.toSet());
    for (Object topic : topics.values()) {
      assertThat(declared).contains((String) topic, topic + ".dlt");
    }
    // every ACL names a declared topic
    Manifests.ofKind(environment, "KafkaUser")
        .forEach(
            u ->
                Manifests.list(at(u, "spec", "authorization", "acls")).stream()
                    .map(Manifests::map)
                    .filter(acl -> "topic".equals(at(acl, "resource", "type")))
                    .forEach(
                        acl ->
                            assertThat(declared)
                                .as(Manifests.id(u))
                                .contains((String) at(acl, "resource", "name"))));
  }

  /**
   * Every service offers notes for other systems' orders and adds the ones for its own: it may
   * write and read community.order-contributions.v1 (with its group {@code <service>.order-notes})
   * and dead-letter it, exactly as it may community.orders.v1; whoever else reads
   * community.orders.v1 may read it too.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void whoMayUseTheOrdersTopicMayUseTheOrderContributionsTopicAlike(String environment) {
    SoftAssertions softly = new SoftAssertions();
    List<String> services =
        List.of("party-building-service", "public-service", "sanshe-service", "volunteer-service");
    Set<String> users =
        Manifests.ofKind(environment, "KafkaUser").map(Manifests::name).collect(Collectors.toSet());
    assertThat(users).containsAll(services);
    Manifests.ofKind(environment, "KafkaUser")
        .forEach(
            u -> {
              String user = Manifests.name(u);
              Map<String, Object> orders = aclOn(u, "topic", "community.orders.v1");
              Map<String, Object> contributions =
                  aclOn(u, "topic", "community.order-contributions.v1");
              softly
                  .assertThat(operations(contributions))
                  .as(user + " on community.order-contributions.v1")
                  .isEqualTo(operations(orders));
              softly
                  .assertThat(operations(aclOn(u, "topic", "community.order-contributions.v1.dlt")))
                  .as(user + " on community.order-contributions.v1.dlt")
                  .isEqualTo(operations(aclOn(u, "topic", "community.orders.v1.dlt")));
              if (services.contains(user)) {
                softly
                    .assertThat(operations(contributions))
                    .as(user)
                    .containsExactlyInAnyOrder("Describe", "Read", "Write");
                softly
                    .assertThat(
                        operations(aclOn(u, "topic", "community.order-contributions.v1.dlt")))
                    .as(user + " dlt")
                    .containsExactlyInAnyOrder("Describe", "Write");
                Map<String, Object> group = aclOn(u, "group", user + ".order-notes");
                softly
                    .assertThat(operations(group))
                    .as(user + " group " + user + ".order-notes")
                    .containsExactly("Read");
                softly
                    .assertThat(group == null ? null : at(group, "resource", "patternType"))
                    .as(user + " group pattern")
                    .isEqualTo("literal");
              }
            });
    assertThat(
            operations(
                aclOn(
                    Manifests.named(environment, "KafkaUser", "partner-readonly"),
                    "topic",
                    "community.order-contributions.v1")))
        .containsExactlyInAnyOrder("Describe", "Read");
    softly.assertAll();
  }

  /**
   * The operator's replay (DeadLetterReplay as the Job in ops/) reads every dead-letter topic with
   * its own group and writes the streams again: exactly Describe+Read on each declared {@code
   * <topic>.dlt}, Read on group fourinone-dlt-replay (the command's CONSUMER_GROUP), Describe+Write
   * on each stream the code uses; nothing else, and no other user may read a dead-letter topic or
   * use that group.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void onlyTheDltReplayUserReadsDeadLettersAndItMayOnlyWriteThemBackToTheStreams(
      String environment) {
    Set<String> streams = codeTopics();
    Set<String> deadLetterTopics =
        Manifests.ofKind(environment, "KafkaTopic")
            .map(t -> (String) at(t, "spec", "topicName"))
            .filter(t -> t.endsWith(".dlt"))
            .collect(Collectors.toSet());
    assertThat(deadLetterTopics)
        .containsExactlyInAnyOrderElementsOf(
            streams.stream().map(t -> t + ".dlt").collect(Collectors.toSet()));
    String group = replayConsumerGroup();
    assertThat(group).isEqualTo("fourinone-dlt-replay");

    Map<String, Object> user = Manifests.named(environment, "KafkaUser", "dlt-replay");
    assertThat(at(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
    assertThat(at(user, "spec", "authorization", "type")).isEqualTo("simple");
    assertThat(at(user, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("fourinone");
    Map<String, Set<Object>> expected = new TreeMap<>();
    deadLetterTopics.forEach(t -> expected.put("topic " + t, Set.of("Describe", "Read")));
    streams.forEach(t -> expected.put("topic " + t, Set.of("Describe", "Write")));
    expected.put("group " + group, Set.of("Read"));
    List<Map<String, Object>> acls =
        Manifests.list(at(user, "spec", "authorization", "acls")).stream()
            .map(Manifests::map)
            .toList();
    Map<String, Set<Object>> actual = new TreeMap<>();
    for (Map<String, Object> acl : acls) {
      assertThat(at(acl, "resource", "patternType")).as(acl.toString()).isEqualTo("literal");
      assertThat(acl).as("allow rules for any host only").doesNotContainKeys("type", "host");
      List<Object> operations = operations(acl);
      assertThat(operations).as(acl.toString()).doesNotHaveDuplicates();
      Set<Object> before =
          actual.put(
              at(acl, "resource", "type") + " " + at(acl, "resource", "name"),
              Set.copyOf(operations));
      assertThat(before).as("one ACL per resource: " + acl).isNull();
    }
    assertThat(actual).isEqualTo(expected);

    Manifests.ofKind(environment, "KafkaUser")
        .filter(u -> !"dlt-replay".equals(Manifests.name(u)))
        .forEach(
            u -> {
              deadLetterTopics.forEach(
                  t ->
                      assertThat(operations(aclOn(u, "topic", t)))
                          .as(Manifests.id(u) + " on " + t)
                          .doesNotContain("Read"));
              assertThat(aclOn(u, "group", group)).as(Manifests.id(u) + " group " + group).isNull();
            });
  }

  /** The stream topics the code names (order-contract fourinone-order-defaults.yml). */
  private static Set<String> codeTopics() {
    Map<String, Object> defaults =
        Manifests.documents(
                Manifests.ROOT.resolve(
                    "order-contract/src/main/resources/fourinone-order-defaults.yml"))
            .get(0);
    Map<Object, Object> topics = (Map<Object, Object>) at(defaults, "fourinone", "topics");
    assertThat(topics).isNotEmpty();
    Set<String> all = topics.values().stream().map(String::valueOf).collect(Collectors.toSet());
    // and each service's own streams (三社联动's registry, the party check-ups …), as
    // ${VARIABLE:default} in its application.yml
    for (String service :
        List.of(
            "party-building-service", "public-service", "sanshe-service", "volunteer-service")) {
      Map<String, Object> yml =
          Manifests.documents(
                  Manifests.ROOT.resolve(service + "/src/main/resources/application.yml"))
              .get(0);
      Object fourinone = yml.get("fourinone");
      Object own = fourinone instanceof Map<?, ?> f ? f.get("topics") : null;
      if (own instanceof Map<?, ?> named) {
        named.values().stream()
            .map(String::valueOf)
            .map(v -> v.startsWith("${") ? v.substring(v.indexOf(':') + 1, v.length() - 1) : v)
            .forEach(all::add);
      }
    }
    return all;
  }

  /** DeadLetterReplay.CONSUMER_GROUP, read from its source. */
  static String replayConsumerGroup() {
    Matcher group =
        Pattern.compile("String CONSUMER_GROUP = \"([^\"]+)\";").matcher(deadLetterReplaySource());
    assertThat(group.find()).as("DeadLetterReplay.CONSUMER_GROUP").isTrue();
    return group.group(1);
  }

  static String deadLetterReplaySource() {
    try {
      return Files.readString(
          Manifests.ROOT.resolve(
              "platform-kit/src/main/java/org/fourinone/kit/consumer/DeadLetterReplay.java"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The user's ACL on the literal resource {@code type}/{@code name}, or null. */
  private static Map<String, Object> aclOn(Map<String, Object> user, String type, String name) {
    List<Map<String, Object>> acls =
        Manifests.list(at(user, "spec", "authorization", "acls")).stream()
            .map(Manifests::map)
            .filter(
                acl ->
                    type.equals(at(acl, "resource", "type"))
                        && name.equals(at(acl, "resource", "name")))
            .toList();
    assertThat(acls)
        .as(Manifests.id(user) + " ACLs on " + type + " " + name)
        .hasSizeLessThanOrEqualTo(1);
    return acls.isEmpty() ? null : acls.get(0);
  }

  private static List<Object> operations(Map<String, Object> acl) {
    return acl == null ? List.of() : (List<Object>) Manifests.list(acl.get("operations"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyServiceHasAKafkaUserAndAMongoDbSecretReference(String environment) {
    Set<String> users =
        Manifests.ofKind(environment, "KafkaUser").map(Manifests::name).collect(Collectors.toSet());
    Manifests.ofKind(environment, "Deployment")
        .filter(d -> !"gateway".equals(Manifests.name(d)))
        .forEach(
            d -> {
              assertThat(users).contains(Manifests.name(d));
              assertThat(Manifests.containers(d, false).get(0).get("env"))
                  .asString()
                  .contains("name=fourinone-mongodb-" + Manifests.name(d));
            });
    assertThat(users).contains("partner-readonly");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyUpstreamTheGatewayRoutesToIsAServicePort(String environment) {
    Map<String, Object> gatewayYaml =
        Manifests.documents(Manifests.ROOT.resolve("gateway/src/main/resources/application.yml"))
            .get(0);
    List<?> routes =
        Manifests.list(
            at(gatewayYaml, "spring", "cloud", "gateway", "server", "webflux", "routes"));
    assertThat(routes).hasSize(4);
    Map<Object, Object> config =
        (Map<Object, Object>) Manifests.named(environment, "ConfigMap", "gateway").get("data");
    Pattern placeholder = Pattern.compile("\\$\\{([A-Z_]+_SERVICE_URL):http://[^:]+:(\\d+)}");
    for (Object route : routes) {
      Matcher uri = placeholder.matcher((String) Manifests.map(route).get("uri"));
      assertThat(uri.matches()).as("route uri " + Manifests.map(route).get("uri")).isTrue();
      String url = (String) config.get(uri.group(1));
      assertThat(url).as("gateway ConfigMap sets " + uri.group(1)).isNotNull();
      Matcher target = Pattern.compile("http://([a-z-]+):(\\d+)").matcher(url);
      assertThat(target.matches()).as(url).isTrue();
      Map<String, Object> service = Manifests.named(environment, "Service", target.group(1));
      assertThat(Manifests.list(at(service, "spec", "ports")))
          .as(url)
          .anySatisfy(
              p ->
                  assertThat(Manifests.map(p).get("port"))
                      .isEqualTo(Integer.parseInt(target.group(2))));
      assertThat(target.group(2)).as("same port as the local default").isEqualTo(uri.group(2));
      Map<String, Object> deployment = Manifests.named(environment, "Deployment", target.group(1));
      assertThat(Manifests.containers(deployment, false).get(0).get("ports"))
          .asString()
          .contains("containerPort=" + target.group(2));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentHasAServiceABudgetAndAnAutoscaler(String environment) {
    Manifests.ofKind(environment, "Deployment")
        .forEach(
            d -> {
              Map<Object, Object> selector =
                  (Map<Object, Object>) at(d, "spec", "selector", "matchLabels");
              Map<Object, Object> podLabels =
                  (Map<Object, Object>) at(d, "spec", "template", "metadata", "labels");
              assertThat(Manifests.ofKind(environment, "Service"))
                  .as(Manifests.id(d) + " Service")
                  .anySatisfy(
                      s ->
                          assertThat(podLabels)
                              .containsAllEntriesOf(
                                  (Map<Object, Object>) at(s, "spec", "selector")));
              assertThat(Manifests.ofKind(environment, "PodDisruptionBudget"))
                  .as(Manifests.id(d) + " PDB")
                  .anySatisfy(
                      p ->
                          assertThat(at(p, "spec", "selector", "matchLabels")).isEqualTo(selector));
              assertThat(Manifests.ofKind(environment, "HorizontalPodAutoscaler"))
                  .as(Manifests.id(d) + " HPA")
                  .anySatisfy(
                      h ->
                          assertThat(at(h, "spec", "scaleTargetRef", "name"))
                              .isEqualTo(Manifests.name(d)));
              assertThat(at(d, "spec", "replicas"))
                  .as(Manifests.id(d) + ": the HPA owns the replica count")
                  .isNull();
              assertThat(at(d, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo(0);
              assertThat(at(d, "spec", "template", "spec", "topologySpreadConstraints"))
                  .as(Manifests.id(d))
                  .isNotNull();
            });
    assertThat(Manifests.ofKind(environment, "Ingress"))
        .singleElement()
        .satisfies(i -> assertThat(i.toString()).contains("name=gateway").contains("tls="));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void networkPoliciesDenyByDefaultAndCoverEveryWorkload(String environment) {
    List<Map<String, Object>> policies = Manifests.ofKind(environment, "NetworkPolicy").toList();
    assertThat(policies)
        .anySatisfy(
            p -> {
              assertThat(at(p, "spec", "podSelector")).isEqualTo(Map.of());
              assertThat(at(p, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
              assertThat(at(p, "spec", "ingress")).isNull();
              assertThat(at(p, "spec", "egress")).isNull();
            });
    assertThat(policies)
        .as("DNS egress")
        .anySatisfy(p -> assertThat(p.toString()).contains("port=53"));
    Manifests.rendered(environment).stream()
        .filter(Manifests::isWorkload)
        .forEach(
            w -> {
              Map<Object, Object> labels =
                  (Map<Object, Object>) at(w, "spec", "template", "metadata", "labels");
              assertThat(policies)
                  .as(Manifests.id(w) + " has its own NetworkPolicy")
                  .anySatisfy(
                      p -> {
                        Map<Object, Object> match =
                            (Map<Object, Object>) at(p, "spec", "podSelector", "matchLabels");
                        assertThat(match).isNotEmpty();
                        assertThat(labels).containsAllEntriesOf(match);
                      });
            });
    // Kafka brokers only from the services; MongoDB only from services, its members, the init and
    // backup jobs
    assertThat(Manifests.named(environment, "NetworkPolicy", "kafka-clients").toString())
        .contains("app.kubernetes.io/component=service")
        .doesNotContain("namespaceSelector");
    assertThat(Manifests.named(environment, "NetworkPolicy", "services").toString())
        .contains("from=[{podSelector={matchLabels={app.kubernetes.io/name=gateway}}}]");
    assertThat(Manifests.named(environment, "Kafka", "fourinone").toString())
        .contains("networkPolicyPeers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void prometheusScrapesEveryDeploymentsService(String environment) {
    Map<String, Object> monitor = Manifests.named(environment, "ServiceMonitor", "fourinone");
    Map<Object, Object> selector =
        (Map<Object, Object>) at(monitor, "spec", "selector", "matchLabels");
    assertThat(monitor.toString()).contains("path=/actuator/prometheus");
    Manifests.ofKind(environment, "Deployment")
        .forEach(
            d -> {
              Map<String, Object> service =
                  Manifests.named(environment, "Service", Manifests.name(d));
              assertThat((Map<Object, Object>) at(service, "metadata", "labels"))
                  .as(Manifests.id(service))
                  .containsAllEntriesOf(selector);
              assertThat(service.toString()).contains("name=http");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deadLettersRaiseAWarningThatNamesTopicGroupAndRunbook(String environment) {
    Map<String, Object> rule =
        Manifests.named(environment, "PrometheusRule", "fourinone-dead-letters");
    List<Map<String, Object>> alerts =
        Manifests.list(at(rule, "spec", "groups")).stream()
            .flatMap(g -> Manifests.list(Manifests.map(g).get("rules")).stream())
            .map(Manifests::map)
            .filter(r -> "DeadLettersPublished".equals(r.get("alert")))
            .toList();
    assertThat(alerts)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.get("expr"))
                  .isEqualTo(
                      "sum by (namespace, application, topic, group) (increase(fourinone_dead_letters_total[10m])) > 0");
              assertThat(alert.get("for")).isEqualTo("0m");
              assertThat(at(alert, "labels", "severity")).isEqualTo("warning");
              Map<Object, Object> annotations = (Map<Object, Object>) alert.get("annotations");
              assertThat(annotations)
                  .containsEntry("runbook_url", "docs/operations.md#dead-letters");
              assertThat(annotations)
                  .containsOnlyKeys(
                      "summary", "description", "summary_zh", "description_zh", "runbook_url");
              for (String key : List.of("summary", "summary_zh", "description", "description_zh")) {
                assertThat((String) annotations.get(key))
                    .as(key)
                    .contains("{{ $labels.topic }}", "{{ $labels.group }}");
              }
              for (String key : List.of("description", "description_zh")) {
                assertThat((String) annotations.get(key))
                    .as(key)
                    .contains("{{ $labels.topic }}.dlt", "docs/operations.md#dead-letters");
              }
              assertThat((String) annotations.get("description"))
                  .contains("failed in consumer group", "were sent to");
              assertThat((String) annotations.get("description_zh"))
                  .contains("消费者组", "处理失败", "已发送到");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everythingLivesInTheFourinoneNamespace(String environment) {
    Manifests.rendered(environment).stream()
        .filter(r -> !"Namespace".equals(r.get("kind")))
        .forEach(
            r ->
                assertThat(at(r, "metadata", "namespace"))
                    .as(Manifests.id(r))
                    .isEqualTo("fourinone"));
    assertThat(Path.of("base/namespace.yaml")).exists();
  }
}
