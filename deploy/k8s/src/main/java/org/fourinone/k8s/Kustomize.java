package org.fourinone.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize the
 * manifests in {@code deploy/k8s} use — kubectl is not available where the tests run. Anything
 * outside the subset fails loudly instead of being ignored:
 *
 * <ul>
 *   <li>{@code resources}: YAML files (several documents each) and directories holding a
 *       {@code kustomization.yaml}, rendered recursively;
 *   <li>{@code namespace}: set on every resource except Namespaces;
 *   <li>{@code labels} ({@code pairs}, optional {@code includeTemplates}; not {@code includeSelectors}):
 *       added to {@code metadata.labels} (and pod templates when asked);
 *   <li>{@code images} ({@code name}, {@code newName}, {@code newTag}): containers and init
 *       containers of pod templates;
 *   <li>{@code replicas} ({@code name}, {@code count}): Deployments and StatefulSets;
 *   <li>{@code patches} ({@code path}, optional {@code target} by {@code kind} and {@code name}):
 *       strategic merge on built-in kinds, where maps merge and lists whose items all carry a
 *       {@code name} merge by name (containers, env, volumes, ports…) while other lists are
 *       replaced; JSON merge patch (RFC 7386: lists replaced) on custom resources, as kustomize
 *       does for kinds it has no schema for. A {@code null} deletes a key.
 * </ul>
 *
 * Transformations apply in kustomize's order: patches, namespace, labels, replicas, images.
 */
public final class Kustomize {

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "replicas", "patches");
  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job", "DaemonSet", "ReplicaSet");

  private Kustomize() {}

  /** The resources of the kustomization in {@code directory}, in order, as YAML trees. */
  public static List<Map<String, Object>> render(Path directory) {
    Map<String, Object> kustomization = single(directory.resolve("kustomization.yaml"));
    for (String key : kustomization.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new IllegalArgumentException(directory + ": kustomization field '" + key + "' is outside the supported subset");
      }
    }
    List<Map<String, Object>> resources = new ArrayList<>();
    for (Object entry : list(kustomization.get("resources"))) {
      Path path = directory.resolve((String) entry).normalize();
      if (Files.isDirectory(path)) {
        resources.addAll(render(path));
      } else if (Files.isRegularFile(path)) {
        resources.addAll(documents(path));
      } else {
        throw new IllegalArgumentException(directory + ": resource " + entry + " does not exist");
      }
    }
    for (Object patch : list(kustomization.get("patches"))) {
      applyPatch(directory, map(patch), resources);
    }
    if (kustomization.get("namespace") instanceof String namespace) {
      for (Map<String, Object> resource : resources) {
        if (!"Namespace".equals(resource.get("kind"))) {
          metadata(resource).put("namespace", namespace);
        }
      }
    }
    for (Object labels : list(kustomization.get("labels"))) {
      applyLabels(map(labels), resources);
    }
    for (Object replicas : list(kustomization.get("replicas"))) {
      applyReplicas(map(replicas), resources);
    }
    for (Object image : list(kustomization.get("images"))) {
      applyImage(map(image), resources);
    }
    return resources;
  }

  /** Every non-empty YAML document of a file. */
  public static List<Map<String, Object>> documents(Path file) {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Object document : yaml().loadAll(reader)) {
        if (document != null) {
          documents.add(map(document));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    return documents;
  }

  /** Renders to one multi-document YAML string (what {@code kubectl kustomize} prints). */
  public static String toYaml(List<Map<String, Object>> resources) {
    org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
    options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dumpAll(resources.iterator());
  }

  /** Prints the rendering of the kustomization directory given as the only argument. */
  public static void main(String[] args) {
    System.out.print(toYaml(render(Path.of(args[0]))));
  }

  private static void applyPatch(Path directory, Map<String, Object> spec, List<Map<String, Object>> resources) {
    Path file = directory.resolve((String) Objects.requireNonNull(spec.get("path"), "patch without path"));
    for (String key : spec.keySet()) {
      if (!Set.of("path", "target").contains(key)) {
        throw new IllegalArgumentException(file + ": patch field '" + key + "' is outside the supported subset");
      }
    }
    Map<String, Object> target = spec.get("target") == null ? null : map(spec.get("target"));
    if (target != null && !Set.of("kind", "name").containsAll(target.keySet())) {
      throw new IllegalArgumentException(file + ": only kind and name are supported in a patch target");
    }
    for (Map<String, Object> patch : documents(file)) {
      String kind = (String) (target != null ? target.get("kind") : patch.get("kind"));
      String name = target != null ? (String) target.get("name") : (String) metadata(patch).get("name");
      int matched = 0;
      for (Map<String, Object> resource : resources) {
        if (Objects.equals(kind, resource.get("kind")) && (name == null || name.equals(metadata(resource).get("name")))) {
          Map<String, Object> body = new LinkedHashMap<>(patch);
          body.remove("apiVersion");
          body.remove("kind");
          Map<String, Object> patchMetadata = new LinkedHashMap<>(metadata(patch));
          patchMetadata.remove("name");
          body.put("metadata", patchMetadata);
          merge(resource, body, builtIn(resource));
          matched++;
        }
      }
      if (matched == 0) {
        throw new IllegalArgumentException(file + ": patch matches no resource (kind " + kind + ", name " + name + ")");
      }
    }
  }

  /** Built-in API groups have no dot ({@code v1}, {@code apps/v1}) or end in {@code .k8s.io}. */
  static boolean builtIn(Map<String, Object> resource) {
    String apiVersion = String.valueOf(resource.get("apiVersion"));
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return !group.contains(".") || group.endsWith(".k8s.io");
  }

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> into, Map<String, Object> patch, boolean strategic) {
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      Object value = entry.getValue();
      Object current = into.get(entry.getKey());
      if (value == null) {
        into.remove(entry.getKey());
      } else if (value instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
        merge((Map<String, Object>) currentMap, (Map<String, Object>) patchMap, strategic);
      } else if (strategic && value instanceof List<?> patchList && current instanceof List<?> currentList
          && named(patchList) && named(currentList)) {
        mergeByName((List<Object>) currentList, patchList);
      } else {
        into.put(entry.getKey(), copy(value));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void mergeByName(List<Object> into, List<?> patch) {
    for (Object item : patch) {
      Map<String, Object> patchItem = (Map<String, Object>) item;
      Map<String, Object> existing = null;
      for (Object candidate : into) {
        if (patchItem.get("name").equals(((Map<String, Object>) candidate).get("name"))) {
          existing = (Map<String, Object>) candidate;
        }
      }
      if (existing == null) {
        into.add(copy(patchItem));
      } else {
        merge(existing, patchItem, true);
      }
    }
  }

  private static boolean named(List<?> items) {
    return !items.isEmpty() && items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") instanceof String);
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, copy(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(copy(v)));
      return copy;
    }
    return value;
  }

  private static void applyLabels(Map<String, Object> spec, List<Map<String, Object>> resources) {
    if (Boolean.TRUE.equals(spec.get("includeSelectors"))) {
      throw new IllegalArgumentException("labels.includeSelectors is outside the supported subset");
    }
    Map<String, Object> pairs = map(spec.get("pairs"));
    boolean templates = Boolean.TRUE.equals(spec.get("includeTemplates"));
    for (Map<String, Object> resource : resources) {
      labels(metadata(resource)).putAll(pairs);
      if (templates && WORKLOADS.contains(resource.get("kind"))) {
        Map<String, Object> template = map(map(resource.get("spec")).get("template"));
        labels(map(template.computeIfAbsent("metadata", k -> new LinkedHashMap<>()))).putAll(pairs);
      }
    }
  }

  private static void applyReplicas(Map<String, Object> spec, List<Map<String, Object>> resources) {
    int matched = 0;
    for (Map<String, Object> resource : resources) {
      if (Set.of("Deployment", "StatefulSet").contains(resource.get("kind"))
          && spec.get("name").equals(metadata(resource).get("name"))) {
        map(resource.get("spec")).put("replicas", spec.get("count"));
        matched++;
      }
    }
    if (matched == 0) {
      throw new IllegalArgumentException("replicas: no Deployment or StatefulSet named " + spec.get("name"));
    }
  }

  private static void applyImage(Map<String, Object> spec, List<Map<String, Object>> resources) {
    String name = (String) spec.get("name");
    for (Map<String, Object> resource : resources) {
      if (!WORKLOADS.contains(resource.get("kind"))) {
        continue;
      }
      Map<String, Object> podSpec = map(map(map(resource.get("spec")).get("template")).get("spec"));
      for (String field : List.of("initContainers", "containers")) {
        for (Object container : list(podSpec.get(field))) {
          Map<String, Object> c = map(container);
          String image = (String) c.get("image");
          String repository = repository(image);
          if (repository.equals(name)) {
            String tag = image.length() > repository.length() ? image.substring(repository.length() + 1) : null;
            String newName = spec.get("newName") != null ? (String) spec.get("newName") : repository;
            String newTag = spec.get("newTag") != null ? String.valueOf(spec.get("newTag")) : tag;
            c.put("image", newTag == null ? newName : newName + ":" + newTag);
          }
        }
      }
    }
  }

  /** The image reference without its tag or digest. */
  public static String repository(String image) {
    int at = image.indexOf('@');
    String withoutDigest = at >= 0 ? image.substring(0, at) : image;
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected a map, got " + value);
    }
    return (Map<String, Object>) value;
  }

  public static List<?> list(Object value) {
    return value == null ? List.of() : (List<?>) value;
  }

  public static Map<String, Object> metadata(Map<String, Object> resource) {
    return map(resource.computeIfAbsent("metadata", k -> new LinkedHashMap<>()));
  }

  private static Map<String, Object> labels(Map<String, Object> metadata) {
    return map(metadata.computeIfAbsent("labels", k -> new LinkedHashMap<>()));
  }

  private static Map<String, Object> single(Path file) {
    List<Map<String, Object>> documents = documents(file);
    if (documents.size() != 1) {
      throw new IllegalArgumentException(file + " must hold exactly one document");
    }
    return documents.get(0);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }
}
