package org.fourinone.order;

/** Who an order is dispatched to (派单). */
public enum AssigneeType {
  ORGANISATION,
  SOCIAL_WORKER,
  VOLUNTEER,
  PARTY_MEMBER,
  DEPARTMENT
}
