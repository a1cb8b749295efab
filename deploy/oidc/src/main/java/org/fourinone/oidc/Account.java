package org.fourinone.oidc;

import java.util.List;

/**
 * A person who can log in, with what goes into their access token (claims of {@code
 * docs/security.md}). Ids that do not apply are {@code null} and are left out of the token.
 */
public record Account(
    String username,
    String name,
    List<String> roles,
    String residentId,
    String communityId,
    String streetId,
    String organisationId) {

  public Account {
    roles = List.copyOf(roles);
  }

  static Account staff(
      String username, String name, String role, String communityId, String streetId) {
    return new Account(username, name, List.of(role), null, communityId, streetId, null);
  }

  static Account resident(
      String username, String name, String residentId, String communityId, String streetId) {
    return new Account(
        username, name, List.of("RESIDENT"), residentId, communityId, streetId, null);
  }

  /**
   * What the start-up summary and the docs show: the community, street or organisation the account
   * is scoped to.
   */
  public String scope() {
    if (residentId != null) {
      return residentId + " in " + communityId;
    }
    if (communityId != null) {
      return communityId;
    }
    if (streetId != null) {
      return streetId;
    }
    if (organisationId != null) {
      return organisationId;
    }
    return roles.contains("VOLUNTEER") ? "assigned orders" : "district";
  }
}
