package org.fourinone.sanshe.workers;

/** The three posts of 三岗十八级: 正职, 副职, 其他工作人员. */
public enum PostCategory {
  PRINCIPAL,
  DEPUTY,
  STAFF
}
