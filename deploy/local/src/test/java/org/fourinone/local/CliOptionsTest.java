package org.fourinone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

  private static final Path ROOT = Path.of("/tmp/project");

  @Test
  void startsEverythingOnTheDocumentedPortsByDefault() {
    CliOptions cli = CliOptions.parse(new String[0], Map.of());
    PlatformOptions options = cli.toPlatformOptions(ROOT);

    assertThat(cli.demo()).isFalse();
    assertThat(options.dataDir()).isEqualTo(ROOT.resolve(".local-stack"));
    assertThat(options.components()).containsExactlyInAnyOrderElementsOf(Platform.ALL);
    assertThat(options.port(Platform.GATEWAY)).isEqualTo(8080);
    assertThat(options.port(Platform.SANSHE_SERVICE)).isEqualTo(8083);
    assertThat(options.port(Platform.KAFKA)).isEqualTo(9092);
    assertThat(options.port(Platform.MONGODB)).isEqualTo(27017);
    assertThat(options.port(Platform.OIDC)).isEqualTo(9000);
    assertThat(options.starts(Platform.OIDC)).isTrue();
    assertThat(options.serviceJavaOptions())
        .isEqualTo(PlatformOptions.DEFAULT_SERVICE_JAVA_OPTIONS);
  }

  @Test
  void readsDemoFreshAndDataDir() {
    CliOptions cli =
        CliOptions.parse(new String[] {"--demo", "--fresh", "--data-dir", "/var/tmp/ls"}, Map.of());
    PlatformOptions options = cli.toPlatformOptions(ROOT);

    assertThat(cli.demo()).isTrue();
    assertThat(options.fresh()).isTrue();
    assertThat(options.dataDir()).isEqualTo(Path.of("/var/tmp/ls"));
  }

  @Test
  void acceptsOptionEqualsValue() {
    CliOptions cli =
        CliOptions.parse(new String[] {"--data-dir=/d", "--port=gateway=9080"}, Map.of());
    assertThat(cli.dataDir()).isEqualTo(Path.of("/d"));
    assertThat(cli.ports()).containsEntry(Platform.GATEWAY, 9080);
  }

  @Test
  void selectsComponentsWithOnlyAndSkip() {
    assertThat(CliOptions.parse(new String[] {"--only", "kafka,mongodb"}, Map.of()).components())
        .containsExactlyInAnyOrder(Platform.KAFKA, Platform.MONGODB);
    assertThat(CliOptions.parse(new String[] {"--skip", "gateway"}, Map.of()).components())
        .doesNotContain(Platform.GATEWAY)
        .contains(Platform.PUBLIC_SERVICE);
  }

  @Test
  void externalKafkaAndMongoFromTheEnvironmentAreNotStarted() {
    PlatformOptions options =
        CliOptions.parse(
                new String[0],
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                    "MONGODB_URI", "mongodb://db:27017"))
            .toPlatformOptions(ROOT);

    assertThat(options.externalKafka()).contains("broker:9092");
    assertThat(options.externalMongo()).contains("mongodb://db:27017");
    assertThat(options.starts(Platform.KAFKA)).isFalse();
    assertThat(options.starts(Platform.MONGODB)).isFalse();
    assertThat(options.starts(Platform.GATEWAY)).isTrue();
  }

  @Test
  void anExternalIssuerFromTheEnvironmentReplacesTheLocalProvider() {
    PlatformOptions options =
        CliOptions.parse(
                new String[0],
                Map.of(
                    "OIDC_ISSUER_URI", "https://sso.example.gov.cn/realms/fourinone/",
                    "OIDC_JWKS_URI",
                        "https://sso.example.gov.cn/realms/fourinone/protocol/openid-connect/certs"))
            .toPlatformOptions(ROOT);

    assertThat(options.starts(Platform.OIDC)).isFalse();
    assertThat(options.externalOidc()).contains("https://sso.example.gov.cn/realms/fourinone");
    assertThat(options.environment())
        .containsEntry(
            "OIDC_JWKS_URI",
            "https://sso.example.gov.cn/realms/fourinone/protocol/openid-connect/certs");
  }

  @Test
  void jvmFlagsAreOverridable() {
    PlatformOptions options =
        CliOptions.parse(
                new String[0],
                Map.of(
                    "LOCAL_STACK_JAVA_OPTS", "-Xmx256m",
                    "LOCAL_STACK_KAFKA_JAVA_OPTS", "-Xmx512m"))
            .toPlatformOptions(ROOT);

    assertThat(options.serviceJavaOptions()).isEqualTo("-Xmx256m");
    assertThat(options.kafkaJavaOptions()).isEqualTo("-Xmx512m");
  }

  @Test
  void theBuildFlagBelongsToRunSh() {
    assertThat(CliOptions.parse(new String[] {"--build", "--demo"}, Map.of()).demo()).isTrue();
  }

  @Test
  void rejectsUnknownOptionsComponentsAndPorts() {
    assertThatThrownBy(() -> CliOptions.parse(new String[] {"--demoo"}, Map.of()))
        .hasMessageContaining("Unknown option --demoo");
    assertThatThrownBy(() -> CliOptions.parse(new String[] {"--only", "kafka,zookeeper"}, Map.of()))
        .hasMessageContaining("zookeeper");
    assertThatThrownBy(() -> CliOptions.parse(new String[] {"--port", "gateway=99999"}, Map.of()))
        .hasMessageContaining("Bad port");
    assertThatThrownBy(() -> CliOptions.parse(new String[] {"--data-dir"}, Map.of()))
        .hasMessageContaining("needs a value");
  }

  @Test
  void findsTheProjectRootFromAModuleDirectory() {
    Path here = Path.of("").toAbsolutePath();
    assertThat(ProjectRoot.find(here))
        .hasValueSatisfying(root -> assertThat(root.resolve("deploy/local/pom.xml")).exists());
  }

  @Test
  void summaryBoxLinesHaveEqualWidth() {
    String box =
        LocalStack.box(
            "四位一体 platform is up",
            java.util.List.<String[]>of(new String[] {"Gateway", "http://localhost:8080"}),
            "Ctrl-C stops everything.");
    assertThat(box.lines().filter(l -> !l.isEmpty()).map(LocalStack::displayWidth).distinct())
        .hasSize(1);
  }
}
