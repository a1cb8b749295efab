package org.fourinone.volunteer.volunteers;

import java.util.Set;

/** 志愿者状态: 待审核 → 在册 ↔ 暂停, and 退出 from any. */
public enum VolunteerStatus {
  PENDING_REVIEW,
  ACTIVE,
  SUSPENDED,
  LEFT;

  public Set<VolunteerStatus> next() {
    return switch (this) {
      case PENDING_REVIEW -> Set.of(ACTIVE, LEFT);
      case ACTIVE -> Set.of(SUSPENDED, LEFT);
      case SUSPENDED -> Set.of(ACTIVE, LEFT);
      case LEFT -> Set.of();
    };
  }
}
