package org.fourinone.kit.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, from the access token: subject, roles and the territory they work in. */
public record Caller(
    String subject,
    Set<Role> roles,
    String residentId,
    String communityId,
    String streetId,
    String organisationId,
    String name) {

  public static Caller of(Jwt jwt) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Object claim = jwt.getClaims().get("roles");
    if (claim instanceof Collection<?> values) {
      for (Object value : values) {
        for (Role role : Role.values()) {
          if (role.name().equals(String.valueOf(value))) {
            roles.add(role);
          }
        }
      }
    }
    return new Caller(
        jwt.getSubject(), roles, jwt.getClaimAsString("resident_id"), jwt.getClaimAsString("community_id"),
        jwt.getClaimAsString("street_id"), jwt.getClaimAsString("organisation_id"), jwt.getClaimAsString("name"));
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean hasAny(Role... any) {
    for (Role role : any) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  public List<String> roleNames() {
    return roles.stream().map(Enum::name).sorted().toList();
  }
}
