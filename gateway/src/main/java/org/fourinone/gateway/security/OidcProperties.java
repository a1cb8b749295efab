package org.fourinone.gateway.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where access tokens come from and whom they must be for ({@code gateway.oidc}, set from {@code
 * OIDC_ISSUER_URI}, {@code OIDC_JWKS_URI}, {@code OIDC_AUDIENCE}; see docs/security.md).
 *
 * @param issuerUri the {@code iss} every token must name
 * @param jwksUri the issuer's JSON Web Key Set (fetched lazily, cached, refetched for an unknown
 *     key id)
 * @param audience a value the token's {@code aud} must contain
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between the issuer's clock and ours
 * @param verifiedTokens how many verified tokens are remembered so a client's next request skips
 *     the signature check (0: none; see {@link VerifiedTokenCache})
 * @param verifiedTokenMaxAge the longest a verified token is remembered, however late it expires
 */
@ConfigurationProperties("gateway.oidc")
public record OidcProperties(
    @DefaultValue("http://localhost:9000") String issuerUri,
    URI jwksUri,
    @DefaultValue("fourinone-api") String audience,
    @DefaultValue("60s") Duration clockSkew,
    @DefaultValue("5000") long verifiedTokens,
    @DefaultValue("5m") Duration verifiedTokenMaxAge) {

  public OidcProperties {
    if (jwksUri == null) {
      jwksUri = URI.create(issuerUri + "/oauth2/jwks");
    }
  }
}
