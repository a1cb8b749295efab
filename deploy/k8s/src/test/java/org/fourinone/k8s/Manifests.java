package org.fourinone.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The rendered overlays, rendered once per test JVM, and helpers to navigate them. */
final class Manifests {

  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path ROOT = MODULE.resolve("../..").normalize();
  static final List<String> ENVIRONMENTS = List.of("dev", "prod");
  private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

  private Manifests() {}

  static List<Map<String, Object>> rendered(String environment) {
    return RENDERED.computeIfAbsent(environment, e -> Kustomize.render(MODULE.resolve("overlays").resolve(e)));
  }

  static Stream<Map<String, Object>> ofKind(String environment, String kind) {
    return rendered(environment).stream().filter(r -> kind.equals(r.get("kind")));
  }

  static Map<String, Object> named(String environment, String kind, String name) {
    return ofKind(environment, kind).filter(r -> name.equals(name(r))).findFirst()
        .orElseThrow(() -> new AssertionError(environment + ": no " + kind + " " + name));
  }

  static String name(Map<String, Object> resource) {
    return (String) Kustomize.metadata(resource).get("name");
  }

  /** Follows a path of map keys; null when a key is missing. */
  static Object at(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> podSpec(Map<String, Object> workload) {
    return (Map<String, Object>) at(workload, "spec", "template", "spec");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> containers(Map<String, Object> workload, boolean withInit) {
    Map<String, Object> podSpec = podSpec(workload);
    List<Map<String, Object>> all = new java.util.ArrayList<>((List<Map<String, Object>>) podSpec.get("containers"));
    if (withInit && podSpec.get("initContainers") != null) {
      all.addAll((List<Map<String, Object>>) podSpec.get("initContainers"));
    }
    return all;
  }

  static boolean isWorkload(Map<String, Object> resource) {
    return List.of("Deployment", "StatefulSet", "Job").contains(resource.get("kind"));
  }

  static String id(Map<String, Object> resource) {
    return resource.get("kind") + "/" + name(resource);
  }
}
