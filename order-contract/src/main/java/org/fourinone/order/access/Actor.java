package org.fourinone.order.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fourinone.kit.security.Caller;
import org.fourinone.kit.security.Callers;

/**
 * The caller as the four systems see them: their platform roles and where they work (属地化管理), read
 * from the token's {@code roles}, {@code resident_id}, {@code community_id}, {@code street_id} and
 * {@code organisation_id} claims. Role names the platform does not know are ignored.
 */
public record Actor(
    String subject,
    Set<Role> roles,
    String residentId,
    String communityId,
    String streetId,
    String organisationId) {

  public Actor {
    roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  public static Actor of(Caller caller) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Role role : Role.values()) {
      if (caller.has(role.name())) {
        roles.add(role);
      }
    }
    return new Actor(
        caller.subject(),
        roles,
        caller.claim("resident_id"),
        caller.claim("community_id"),
        caller.claim("street_id"),
        caller.claim("organisation_id"));
  }

  /** The caller of the request being handled. */
  public static Actor current() {
    return of(Callers.current());
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
