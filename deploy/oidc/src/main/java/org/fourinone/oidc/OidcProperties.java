package org.fourinone.oidc;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oidc.*}: where the provider says it is and where it keeps its key and the residents'
 * logins.
 *
 * @param issuer the {@code iss} of every token and the base of the discovery document
 * @param dataDir holds {@code signing-key.json} (generated at first start) and {@code
 *     residents.json}
 * @param signingKey a private RSA JWK (JSON) to sign with instead of the file, e.g. from a secret
 * @param audience the {@code aud} of access tokens
 * @param partnerSecret secret of the {@code partner-civil-affairs} client
 * @param adminSecret secret of the {@code local-stack-admin} client
 * @param webOrigins where the web app is served (the gateway, the dev server): the public client's
 *     redirect URIs are derived from them, and they may call the provider from a script (CORS) and
 *     frame it for the silent token renewal
 */
@ConfigurationProperties("oidc")
public record OidcProperties(
    String issuer,
    Path dataDir,
    String signingKey,
    String audience,
    String partnerSecret,
    String adminSecret,
    List<String> webOrigins) {

  public OidcProperties {
    webOrigins = webOrigins == null ? List.of() : List.copyOf(webOrigins);
  }

  public Path residentsFile() {
    return dataDir.resolve("residents.json");
  }

  public Path signingKeyFile() {
    return dataDir.resolve("signing-key.json");
  }
}
