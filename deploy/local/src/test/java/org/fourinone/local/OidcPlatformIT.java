package org.fourinone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code local-oidc.jar} as the platform's {@code oidc} component, used through {@link
 * OidcLogin}.
 */
class OidcPlatformIT {

  @TempDir static Path dataDir;

  static Platform platform;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void startProvider() {
    platform =
        Platform.start(
            PlatformOptions.builder()
                .randomPorts()
                .dataDir(dataDir)
                .components(Platform.OIDC)
                .stopTimeout(Duration.ofSeconds(10))
                .build());
  }

  @AfterAll
  static void stopProvider() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void logsPeopleAndMachinesInAndKeepsItsKeyAcrossARestart() throws Exception {
    String issuer = platform.oidcUrl();
    assertThat(issuer).isEqualTo("http://localhost:" + platform.port(Platform.OIDC));

    JsonNode worker = claims(OidcLogin.accessToken(issuer, "cw-hpl-01", OidcLogin.DEMO_PASSWORD));
    assertThat(worker.get("iss").asText()).isEqualTo(issuer);
    assertThat(worker.get("roles").toString()).isEqualTo("[\"COMMUNITY_WORKER\"]");
    assertThat(worker.get("community_id").asText()).isEqualTo("C-HPL-01");

    JsonNode admin =
        claims(OidcLogin.clientCredentials(issuer, OidcLogin.ADMIN_CLIENT, OidcLogin.ADMIN_SECRET));
    assertThat(admin.get("sub").asText()).isEqualTo(OidcLogin.ADMIN_CLIENT);
    assertThat(admin.get("roles").toString()).isEqualTo("[\"DISTRICT_ADMIN\"]");

    assertThatThrownBy(() -> OidcLogin.accessToken(issuer, "cw-hpl-01", "wrong"))
        .isInstanceOf(OidcLogin.OidcLoginException.class)
        .hasMessageContaining("Login refused");

    Files.writeString(
        platform.oidcDataDir().resolve("residents.json"),
        """
                [{"username": "resident-03", "name": "张伟", "residentId": "R-EWMG9JA8KM", "communityId": "C-DZM-03", "streetId": "S-DZM"}]""");
    assertThat(
            claims(OidcLogin.accessToken(issuer, "resident-03", "demo1234"))
                .get("resident_id")
                .asText())
        .isEqualTo("R-EWMG9JA8KM");

    String keysBefore = jwks(issuer);
    platform.restart(Platform.OIDC);
    assertThat(jwks(issuer)).isEqualTo(keysBefore);
  }

  static JsonNode claims(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  static String jwks(String issuer) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
