package org.fourinone.order.access;

/** The roles of docs/security.md, as the {@code roles} claim names them. */
public enum Role {
  RESIDENT,
  COMMUNITY_WORKER,
  CALL_CENTER_OPERATOR,
  SOCIAL_WORKER,
  ORGANISATION_STAFF,
  VOLUNTEER,
  PARTY_STAFF,
  STREET_OFFICER,
  DISTRICT_ADMIN,
  PARTNER_SYSTEM,
  PLATFORM_OPERATOR
}
