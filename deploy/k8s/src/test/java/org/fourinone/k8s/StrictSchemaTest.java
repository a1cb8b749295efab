package org.fourinone.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strimzi.api.kafka.model.kafka.Kafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictSchemaTest {

  @Test
  void theOverlaysAreRenderedByTheRealKustomizeFive() {
    assertThat(Kubectl.kustomizeVersion()).as(Kubectl.versions()).startsWith("v5.");
    assertThat(Kubectl.binary()).startsWith(Manifests.MODULE.resolve("target"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyRenderedDocumentFitsTheModelOfItsKind(String environment) {
    List<Map<String, Object>> documents = Manifests.rendered(environment);
    assertThat(documents).hasSizeGreaterThan(40);
    for (Map<String, Object> document : documents) {
      assertThat(StrictModels.parse(document)).as(Manifests.id(document)).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void strimziResourcesUseTheApiVersionStrimziOneServes(String environment) {
    // Strimzi 1.x serves only kafka.strimzi.io/v1 (v1beta2 was removed in 1.0.0); the model knows
    // it
    assertThat(Kafka.VERSIONS).contains("v1");
    assertThat(Manifests.rendered(environment))
        .filteredOn(d -> String.valueOf(d.get("apiVersion")).startsWith("kafka.strimzi.io/"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.get("apiVersion")).isEqualTo(StrictModels.STRIMZI_API));
  }

  /** Each snippet differs from a valid document by one mistake; the message must name it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "deployment-misspelled-field.yaml, selectr",
    "deployment-misspelled-nested-field.yaml, readinesProbe",
    "deployment-wrong-type.yaml, two",
    "service-misspelled-field.yaml, targetPrt",
    "networkpolicy-misspelled-field.yaml, form",
    "kafkatopic-misspelled-field.yaml, partitons",
    "kafkatopic-wrong-type.yaml, twelve",
    "kafkauser-misspelled-nested-field.yaml, patternTyp",
    "kafkauser-removed-operation-field.yaml, operation",
    "kafka-misspelled-listener-field.yaml, authentification",
    "servicemonitor-misspelled-field.yaml, endpoint",
    "prometheusrule-misspelled-field.yaml, anotations",
    "prometheusrule-wrong-duration.yaml, ten minutes",
    "unknown-kind.yaml, Deploymnet"
  })
  void rejectsAMisspelledOrMistypedField(String snippet, String mistake) {
    Map<String, Object> document =
        Manifests.documents(Path.of("src/test/resources/broken", snippet)).get(0);
    assertThatThrownBy(() -> StrictModels.parse(document))
        .as(snippet)
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining(mistake);
  }
}
