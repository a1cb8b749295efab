package org.fourinone.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The overlays as {@code kubectl kustomize} renders them (the real tool, see {@link Kubectl}),
 * rendered once per test JVM, and helpers to navigate them.
 */
final class Manifests {

  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path ROOT = MODULE.resolve("../..").normalize();
  static final List<String> ENVIRONMENTS = List.of("dev", "prod");
  private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

  private Manifests() {}

  static List<Map<String, Object>> rendered(String environment) {
    return RENDERED.computeIfAbsent(
        environment, e -> parse(Kubectl.kustomize(MODULE.resolve("overlays").resolve(e))));
  }

  /** Every non-empty document of a multi-document YAML text, as trees of maps and lists. */
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : yaml().loadAll(yaml)) {
      if (document != null) {
        documents.add(map(document));
      }
    }
    return documents;
  }

  /** Every non-empty YAML document of a file. */
  static List<Map<String, Object>> documents(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Map<String, Object>> documents = new ArrayList<>();
      for (Object document : yaml().loadAll(reader)) {
        if (document != null) {
          documents.add(map(document));
        }
      }
      return documents;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  static Stream<Map<String, Object>> ofKind(String environment, String kind) {
    return rendered(environment).stream().filter(r -> kind.equals(r.get("kind")));
  }

  static Map<String, Object> named(String environment, String kind, String name) {
    return ofKind(environment, kind)
        .filter(r -> name.equals(name(r)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(environment + ": no " + kind + " " + name));
  }

  static String name(Map<String, Object> resource) {
    return (String) at(resource, "metadata", "name");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected a map, got " + value);
    }
    return (Map<String, Object>) value;
  }

  static List<?> list(Object value) {
    return value == null ? List.of() : (List<?>) value;
  }

  /** The image reference without its tag or digest. */
  static String repository(String image) {
    int at = image.indexOf('@');
    String withoutDigest = at >= 0 ? image.substring(0, at) : image;
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/')
        ? withoutDigest.substring(0, colon)
        : withoutDigest;
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
    List<Map<String, Object>> all =
        new java.util.ArrayList<>((List<Map<String, Object>>) podSpec.get("containers"));
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

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }
}
