package org.fourinone.kit.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, from a validated access token: the subject, the names in its {@code roles} claim
 * and its other string claims. What the roles and claims mean is the business of the modules that
 * use them; the kit only carries them.
 */
public record Caller(String subject, Set<String> roles, Map<String, String> claims) {

  public Caller {
    roles = Set.copyOf(roles);
    claims = Map.copyOf(claims);
  }

  public static Caller of(Jwt jwt) {
    Set<String> roles = new TreeSet<>();
    if (jwt.getClaims().get("roles") instanceof Collection<?> values) {
      for (Object value : values) {
        roles.add(String.valueOf(value));
      }
    }
    Map<String, String> claims = new LinkedHashMap<>();
    jwt.getClaims()
        .forEach(
            (name, value) -> {
              if (value instanceof String text) {
                claims.put(name, text);
              }
            });
    return new Caller(jwt.getSubject(), roles, claims);
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  /** A string claim of the token, or null. */
  public String claim(String name) {
    return claims.get(name);
  }

  public List<String> roleNames() {
    return roles.stream().sorted().toList();
  }
}
