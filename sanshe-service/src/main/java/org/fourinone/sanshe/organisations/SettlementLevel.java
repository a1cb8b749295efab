package org.fourinone.sanshe.organisations;

/** The three levels of social-organisation service centre (社会组织服务中心) an organisation settles in. */
public enum SettlementLevel {
  DISTRICT,
  STREET,
  COMMUNITY
}
