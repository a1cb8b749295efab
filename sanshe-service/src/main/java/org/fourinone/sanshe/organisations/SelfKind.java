package org.fourinone.sanshe.organisations;

/** "三自" kinds of a community social organisation: 自治, 自乐, 志愿. */
public enum SelfKind {
  SELF_GOVERNING,
  SELF_ENTERTAINING,
  VOLUNTEER
}
