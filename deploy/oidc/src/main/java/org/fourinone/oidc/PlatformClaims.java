package org.fourinone.oidc;

import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the claims of {@code docs/security.md} into every token: {@code roles} and, where they
 * apply, {@code resident_id}, {@code community_id}, {@code street_id}, {@code organisation_id},
 * {@code name}. Access tokens name the platform's API as audience. A machine client's roles come
 * from its registration; a person's from their account.
 */
final class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  private final Accounts accounts;
  private final String audience;

  PlatformClaims(Accounts accounts, String audience) {
    this.accounts = accounts;
    this.audience = audience;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    if (!accessToken && !idToken) {
      return;
    }
    if (accessToken) {
      context.getClaims().audience(List.of(audience));
    }
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      List<String> roles =
          context
              .getRegisteredClient()
              .getClientSettings()
              .getSetting(AuthorizationServerConfig.CLIENT_ROLES);
      context.getClaims().claim("roles", roles == null ? List.of() : roles);
      return;
    }
    accounts
        .find(context.getPrincipal().getName())
        .ifPresent(
            account -> {
              context
                  .getClaims()
                  .claims(
                      claims -> {
                        claims.put("roles", account.roles());
                        putIfPresent(claims, "name", account.name());
                        putIfPresent(claims, "resident_id", account.residentId());
                        putIfPresent(claims, "community_id", account.communityId());
                        putIfPresent(claims, "street_id", account.streetId());
                        putIfPresent(claims, "organisation_id", account.organisationId());
                      });
            });
  }

  private static void putIfPresent(
      java.util.Map<String, Object> claims, String name, String value) {
    if (value != null && !value.isBlank()) {
      claims.put(name, value);
    }
  }
}
