package org.fourinone.sanshe.workers;

/** Social-work certificates: 助理社会工作师, 社会工作师, 高级社会工作师. */
public enum Qualification {
  ASSISTANT,
  INTERMEDIATE,
  SENIOR
}
