package org.fourinone.order;

/** 好差评: 非常满意 … 非常不满意. */
public enum SatisfactionLevel {
  VERY_SATISFIED,
  SATISFIED,
  BASICALLY_SATISFIED,
  DISSATISFIED,
  VERY_DISSATISFIED
}
