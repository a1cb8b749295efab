package org.fourinone.oidc;

import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring Authorization Server's in-memory authorizations, one call at a time. Its {@code
 * findByToken} iterates a synchronized map without holding the map's lock, so two sign-ins at the
 * same moment could fail one token exchange with a {@code ConcurrentModificationException} (500),
 * as the browser tests' two workers did (spring-authorization-server#766). This provider holds a
 * handful of sessions; one lock costs nothing.
 */
final class SynchronizedAuthorizationService implements OAuth2AuthorizationService {

  private final OAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

  @Override
  public synchronized void save(OAuth2Authorization authorization) {
    delegate.save(authorization);
  }

  @Override
  public synchronized void remove(OAuth2Authorization authorization) {
    delegate.remove(authorization);
  }

  @Override
  public synchronized OAuth2Authorization findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    return delegate.findByToken(token, tokenType);
  }
}
