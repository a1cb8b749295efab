package org.fourinone.kit.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the request being handled. */
public final class Callers {
  private Callers() {}

  /**
   * The authenticated caller; the security filter chain lets no unauthenticated call reach here.
   */
  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken token) {
      return Caller.of(token.getToken());
    }
    throw new IllegalStateException("no authenticated caller");
  }
}
