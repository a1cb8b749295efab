package org.fourinone.order;

/** Where an order is in its life: 待受理, 已受理, 已派单, 办理中, 已办结, 已撤单, 已退回. */
public enum OrderStatus {
  SUBMITTED,
  ACCEPTED,
  ASSIGNED,
  IN_PROGRESS,
  COMPLETED,
  CANCELLED,
  REJECTED
}
