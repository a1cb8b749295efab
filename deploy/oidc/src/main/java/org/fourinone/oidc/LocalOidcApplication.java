package org.fourinone.oidc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The platform's own OpenID Connect provider for local runs and tests: discovery, JWKS,
 * authorization code + PKCE for front-ends, client credentials for machine clients and a login form
 * for the demo accounts. Access tokens carry the claims of {@code docs/security.md}. Never for
 * production.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalOidcApplication {

  public static void main(String[] args) {
    SpringApplication.run(LocalOidcApplication.class, args);
  }
}
