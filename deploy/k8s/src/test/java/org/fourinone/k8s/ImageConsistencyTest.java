package org.fourinone.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The images the manifests run are exactly the ones the root pom's Jib configuration builds. */
class ImageConsistencyTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deploymentsRunTheImagesJibBuilds(String environment) throws Exception {
    Document root = xml(Manifests.ROOT.resolve("pom.xml"));
    Element jib = jibPlugin(root);
    String template = text(jib, "to", "image");
    assertThat(text(jib, "from", "image")).isEqualTo("eclipse-temurin:17-jre");
    assertThat(text(jib, "container", "user")).isEqualTo("1000:1000");
    assertThat(text(jib, "skip")).isEqualTo("${fourinone.image.skip}");
    Map<String, String> rootProperties = properties(root);
    assertThat(rootProperties).containsEntry("fourinone.image.skip", "true");

    Map<String, String> expected = new LinkedHashMap<>(); // image -> port
    NodeList modules = root.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      Path pom = Manifests.ROOT.resolve(modules.item(i).getTextContent()).resolve("pom.xml");
      Document module = xml(pom);
      Map<String, String> properties = new LinkedHashMap<>(rootProperties);
      properties.putAll(properties(module));
      if ("false".equals(properties.get("fourinone.image.skip"))) {
        properties.put("project.artifactId", text(module.getDocumentElement(), "artifactId"));
        expected.put(resolve(template, properties), properties.get("fourinone.image.port"));
      }
    }
    assertThat(expected).hasSize(5);

    Map<String, String> deployed =
        Manifests.ofKind(environment, "Deployment")
            .flatMap(d -> Manifests.containers(d, false).stream())
            .collect(
                Collectors.toMap(
                    c -> (String) c.get("image"),
                    c ->
                        String.valueOf(
                            Manifests.map(Manifests.list(c.get("ports")).get(0))
                                .get("containerPort"))));
    assertThat(deployed).isEqualTo(expected);
    Set<String> names =
        Manifests.ofKind(environment, "Deployment")
            .map(Manifests::name)
            .collect(Collectors.toSet());
    assertThat(names)
        .containsExactlyInAnyOrder(
            expected.keySet().stream()
                .map(
                    i ->
                        Manifests.repository(i)
                            .substring(Manifests.repository(i).lastIndexOf('/') + 1))
                .toArray(String[]::new));
  }

  private static Element jibPlugin(Document root) {
    NodeList plugins = root.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("jib-maven-plugin".equals(text(plugin, "artifactId"))
          && plugin.getElementsByTagName("configuration").getLength() > 0) {
        return plugin;
      }
    }
    throw new AssertionError("no configured jib-maven-plugin in the root pom");
  }

  private static String resolve(String template, Map<String, String> properties) {
    String result = template;
    for (Map.Entry<String, String> p : properties.entrySet()) {
      result = result.replace("${" + p.getKey() + "}", p.getValue());
    }
    assertThat(result).doesNotContain("${");
    return result;
  }

  private static Map<String, String> properties(Document pom) {
    Map<String, String> properties = new LinkedHashMap<>();
    NodeList children = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals("properties")) {
        NodeList props = e.getChildNodes();
        for (int j = 0; j < props.getLength(); j++) {
          if (props.item(j) instanceof Element p) {
            properties.put(p.getTagName(), p.getTextContent().trim());
          }
        }
      }
    }
    return properties;
  }

  /** The text of the first descendant along the path of tag names. */
  private static String text(Element element, String... path) {
    Element current = element;
    for (String tag : path) {
      Element next = null;
      NodeList children = current.getChildNodes();
      for (int i = 0; i < children.getLength() && next == null; i++) {
        if (children.item(i) instanceof Element e && e.getTagName().equals(tag)) {
          next = e;
        }
      }
      if (next == null) {
        next = (Element) current.getElementsByTagName(tag).item(0);
      }
      current = next;
    }
    return current.getTextContent().trim();
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }
}
