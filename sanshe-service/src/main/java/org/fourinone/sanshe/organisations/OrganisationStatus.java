package org.fourinone.sanshe.organisations;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an organisation is in its life: 孵化中, 运营中, 暂停, 已淘汰. Only active organisations are dispatched
 * to; elimination (淘汰) is final.
 */
public enum OrganisationStatus {
  INCUBATING,
  ACTIVE,
  SUSPENDED,
  ELIMINATED;

  /** The statuses this one may change to. */
  public Set<OrganisationStatus> next() {
    return switch (this) {
      case INCUBATING -> EnumSet.of(ACTIVE, ELIMINATED);
      case ACTIVE -> EnumSet.of(SUSPENDED, ELIMINATED);
      case SUSPENDED -> EnumSet.of(ACTIVE, ELIMINATED);
      case ELIMINATED -> EnumSet.noneOf(OrganisationStatus.class);
    };
  }
}
