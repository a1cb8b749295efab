package org.fourinone.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a manifest document with the model of its kind and fails on anything the model does not
 * know: Kubernetes' own kinds with the Kubernetes Java client (its generated models reject unknown
 * fields and wrong types, and a round trip must give back the same tree), Strimzi's with Strimzi's
 * API model (Jackson with FAIL_ON_UNKNOWN_PROPERTIES; Strimzi's classes keep unknown fields in an
 * "additionalProperties" map instead of failing, so every parsed object is searched for a non-empty
 * one), the ServiceMonitor and the PrometheusRule against a small schema of the fields used here
 * (the Prometheus Operator's CRDs: no Java model of them is on the classpath).
 */
final class StrictModels {

  static final String STRIMZI_API = "kafka.strimzi.io/v1";

  private static final Map<String, Class<?>> KUBERNETES =
      Map.of(
          "v1/Namespace", V1Namespace.class,
          "v1/ConfigMap", V1ConfigMap.class,
          "v1/Service", V1Service.class,
          "apps/v1/Deployment", V1Deployment.class,
          "apps/v1/StatefulSet", V1StatefulSet.class,
          "batch/v1/Job", V1Job.class,
          "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
          "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
          "networking.k8s.io/v1/Ingress", V1Ingress.class,
          "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class);
  private static final Map<String, Class<?>> STRIMZI =
      Map.of(
          STRIMZI_API + "/Kafka", Kafka.class,
          STRIMZI_API + "/KafkaNodePool", KafkaNodePool.class,
          STRIMZI_API + "/KafkaTopic", KafkaTopic.class,
          STRIMZI_API + "/KafkaUser", KafkaUser.class);

  private static final Gson PLAIN = new Gson();
  private static final JSON KUBERNETES_JSON = new JSON();
  private static final ObjectMapper JACKSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);

  private StrictModels() {}

  /**
   * Parses the document with its model; throws an exception naming the problem if it does not fit.
   */
  static Object parse(Map<String, Object> document) {
    String type = document.get("apiVersion") + "/" + document.get("kind");
    if (KUBERNETES.containsKey(type)) {
      return kubernetes(document, KUBERNETES.get(type));
    }
    if (STRIMZI.containsKey(type)) {
      return strimzi(document, STRIMZI.get(type));
    }
    if ("monitoring.coreos.com/v1/ServiceMonitor".equals(type)) {
      serviceMonitor(document);
      return document;
    }
    if ("monitoring.coreos.com/v1/PrometheusRule".equals(type)) {
      prometheusRule(document);
      return document;
    }
    throw new IllegalArgumentException(
        "no model for " + type + " (" + Manifests.name(document) + ")");
  }

  private static Object kubernetes(Map<String, Object> document, Class<?> model) {
    JsonElement tree = PLAIN.toJsonTree(document);
    Object parsed = KUBERNETES_JSON.getGson().fromJson(tree, model);
    JsonElement back = KUBERNETES_JSON.getGson().toJsonTree(parsed);
    if (!contained(normalise(tree), normalise(back))) {
      throw new IllegalArgumentException(
          model.getSimpleName()
              + " "
              + Manifests.name(document)
              + " does not survive a round trip through the model (unknown field or wrong type):\n  in:  "
              + normalise(tree)
              + "\n  out: "
              + normalise(back));
    }
    return parsed;
  }

  /**
   * Every field of the input is in the output with the same value (the model adds empty defaults).
   */
  private static boolean contained(JsonElement in, JsonElement out) {
    if (in.isJsonObject()) {
      return out.isJsonObject()
          && in.getAsJsonObject().entrySet().stream()
              .allMatch(
                  e ->
                      out.getAsJsonObject().has(e.getKey())
                          && contained(e.getValue(), out.getAsJsonObject().get(e.getKey())));
    }
    if (in.isJsonArray()) {
      if (!out.isJsonArray() || in.getAsJsonArray().size() != out.getAsJsonArray().size()) {
        return false;
      }
      for (int i = 0; i < in.getAsJsonArray().size(); i++) {
        if (!contained(in.getAsJsonArray().get(i), out.getAsJsonArray().get(i))) {
          return false;
        }
      }
      return true;
    }
    return in.equals(out);
  }

  /** Numbers compared by value (8080 == 8080.0), so that only real differences count. */
  private static JsonElement normalise(JsonElement element) {
    if (element.isJsonObject()) {
      com.google.gson.JsonObject copy = new com.google.gson.JsonObject();
      element.getAsJsonObject().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> copy.add(e.getKey(), normalise(e.getValue())));
      return copy;
    }
    if (element.isJsonArray()) {
      com.google.gson.JsonArray copy = new com.google.gson.JsonArray();
      element.getAsJsonArray().forEach(e -> copy.add(normalise(e)));
      return copy;
    }
    if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
      return new com.google.gson.JsonPrimitive(
          new java.math.BigDecimal(element.getAsString()).stripTrailingZeros());
    }
    return element;
  }

  private static Object strimzi(Map<String, Object> document, Class<?> model) {
    Object parsed;
    try {
      parsed = JACKSON.convertValue(document, model);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          model.getSimpleName() + " " + Manifests.name(document) + ": " + e.getMessage(), e);
    }
    List<String> unknown = new ArrayList<>();
    findUnknown(
        parsed,
        model.getSimpleName() + " " + Manifests.name(document),
        unknown,
        java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("fields unknown to Strimzi's model: " + unknown);
    }
    return parsed;
  }

  /** Walks the parsed object graph for unknown fields and for fields the v1 API removed. */
  private static void findUnknown(
      Object node, String path, List<String> unknown, Set<Object> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> findUnknown(v, path + "." + k, unknown, seen));
      return;
    }
    if (node instanceof Collection<?> collection) {
      int i = 0;
      for (Object item : collection) {
        findUnknown(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    String pkg = node.getClass().getPackageName();
    if (!pkg.startsWith("io.strimzi") && !pkg.startsWith("io.fabric8")) {
      return;
    }
    if (node instanceof AclRule rule && rule.getOperation() != null) {
      unknown.add(path + ".operation (removed in kafka.strimzi.io/v1, use operations)");
    }
    for (Method method : node.getClass().getMethods()) {
      if (method.getParameterCount() != 0
          || Modifier.isStatic(method.getModifiers())
          || !method.getName().startsWith("get")
          || method.getDeclaringClass() == Object.class
          || method.getReturnType().isPrimitive()
          || method.getReturnType().isEnum()
          || method.getReturnType() == String.class
          || method.isAnnotationPresent(Deprecated.class)
              && !method.getName().equals("getAdditionalProperties")) {
        continue;
      }
      Object value;
      try {
        value = method.invoke(node);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (method.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
      } else {
        findUnknown(value, path + "." + property(method.getName()), unknown, seen);
      }
    }
  }

  private static String property(String getter) {
    return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
  }

  private static final Set<String> SM_TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> SM_SPEC =
      Set.of(
          "selector",
          "namespaceSelector",
          "endpoints",
          "jobLabel",
          "targetLabels",
          "podTargetLabels",
          "sampleLimit");
  private static final Set<String> SM_ENDPOINT =
      Set.of(
          "port",
          "targetPort",
          "path",
          "scheme",
          "interval",
          "scrapeTimeout",
          "honorLabels",
          "relabelings",
          "metricRelabelings",
          "tlsConfig",
          "params");
  private static final Set<String> SM_METADATA =
      Set.of("name", "namespace", "labels", "annotations");
  private static final Pattern DURATION = Pattern.compile("^(\\d+(ms|s|m|h))+$");

  /** The ServiceMonitor fields this repository uses, checked as the CRD's schema would. */
  static void serviceMonitor(Map<String, Object> document) {
    only(document, SM_TOP, "ServiceMonitor");
    only(Manifests.map(document.get("metadata")), SM_METADATA, "ServiceMonitor.metadata");
    Map<String, Object> spec = Manifests.map(require(document, "spec"));
    only(spec, SM_SPEC, "ServiceMonitor.spec");
    Map<String, Object> selector = Manifests.map(require(spec, "selector"));
    only(selector, Set.of("matchLabels", "matchExpressions"), "ServiceMonitor.spec.selector");
    if (spec.get("namespaceSelector") != null) {
      only(
          Manifests.map(spec.get("namespaceSelector")),
          Set.of("any", "matchNames"),
          "ServiceMonitor.spec.namespaceSelector");
    }
    List<?> endpoints = (List<?>) require(spec, "endpoints");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("ServiceMonitor.spec.endpoints is empty");
    }
    for (Object item : endpoints) {
      Map<String, Object> endpoint = Manifests.map(item);
      only(endpoint, SM_ENDPOINT, "ServiceMonitor.spec.endpoints[]");
      if (!(endpoint.get("port") instanceof String)) {
        throw new IllegalArgumentException("ServiceMonitor endpoint needs a named port");
      }
      if (!(endpoint.get("path") instanceof String path && path.startsWith("/"))) {
        throw new IllegalArgumentException("ServiceMonitor endpoint path must start with /");
      }
      for (String duration : List.of("interval", "scrapeTimeout")) {
        if (endpoint.get(duration) != null
            && !DURATION.matcher(String.valueOf(endpoint.get(duration))).matches()) {
          throw new IllegalArgumentException(
              "ServiceMonitor endpoint " + duration + " is not a duration");
        }
      }
    }
  }

  private static final Set<String> PR_SPEC = Set.of("groups");
  private static final Set<String> PR_GROUP =
      Set.of("name", "interval", "rules", "limit", "partial_response_strategy", "query_offset");
  private static final Set<String> PR_RULE =
      Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

  /** The CRD's pattern for a Prometheus duration ("0", "0m", "1h30m", "10s" …). */
  private static final Pattern PROMETHEUS_DURATION =
      Pattern.compile(
          "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$");

  /** The PrometheusRule fields, checked as the Prometheus Operator's CRD schema would. */
  static void prometheusRule(Map<String, Object> document) {
    only(document, SM_TOP, "PrometheusRule");
    only(Manifests.map(document.get("metadata")), SM_METADATA, "PrometheusRule.metadata");
    Map<String, Object> spec = Manifests.map(require(document, "spec"));
    only(spec, PR_SPEC, "PrometheusRule.spec");
    List<?> groups = (List<?>) require(spec, "groups");
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("PrometheusRule.spec.groups is empty");
    }
    for (Object item : groups) {
      Map<String, Object> group = Manifests.map(item);
      only(group, PR_GROUP, "PrometheusRule.spec.groups[]");
      if (!(require(group, "name") instanceof String name) || name.isBlank()) {
        throw new IllegalArgumentException("PrometheusRule group name must be a non-empty string");
      }
      duration(group, "interval", "PrometheusRule group " + name);
      for (Object r : Manifests.list(group.get("rules"))) {
        Map<String, Object> rule = Manifests.map(r);
        String where =
            "PrometheusRule group "
                + name
                + " rule "
                + (rule.get("alert") != null ? rule.get("alert") : rule.get("record"));
        only(rule, PR_RULE, where);
        if ((rule.get("alert") == null) == (rule.get("record") == null)) {
          throw new IllegalArgumentException(where + ": needs exactly one of alert and record");
        }
        if (!(require(rule, "expr") instanceof String expr) || expr.isBlank()) {
          throw new IllegalArgumentException(where + ": expr must be a non-empty string");
        }
        duration(rule, "for", where);
        duration(rule, "keep_firing_for", where);
        for (String strings : List.of("labels", "annotations")) {
          if (rule.get(strings) != null) {
            Manifests.map(rule.get(strings))
                .forEach(
                    (k, v) -> {
                      if (!(v instanceof String)) {
                        throw new IllegalArgumentException(
                            where + ": " + strings + "." + k + " must be a string, not " + v);
                      }
                    });
          }
        }
        if (rule.get("record") != null
            && (rule.get("for") != null || rule.get("annotations") != null)) {
          throw new IllegalArgumentException(
              where + ": a recording rule has no for or annotations");
        }
      }
    }
  }

  private static void duration(Map<String, Object> map, String key, String where) {
    if (map.get(key) != null
        && !PROMETHEUS_DURATION.matcher(String.valueOf(map.get(key))).matches()) {
      throw new IllegalArgumentException(
          where + ": " + key + " '" + map.get(key) + "' is not a duration");
    }
  }

  private static Object require(Map<String, Object> map, String key) {
    if (map.get(key) == null) {
      throw new IllegalArgumentException("missing required field " + key);
    }
    return map.get(key);
  }

  private static void only(Map<String, Object> map, Set<String> allowed, String where) {
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown field '" + key + "'");
      }
    }
  }
}
