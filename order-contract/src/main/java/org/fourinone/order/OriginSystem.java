package org.fourinone.order;

/** The four systems of the platform; each can be the origin of an order. */
public enum OriginSystem {
  PARTY("party", "party-building-service", "党建信息系统", "party-building system"),
  PUBLIC("public", "public-service", "公共服务系统", "public-service system"),
  SANSHE("sanshe", "sanshe-service", "三社联动系统", "三社联动 system"),
  VOLUNTEER("volunteer", "volunteer-service", "志愿者服务系统", "volunteer system");

  private final String segment;
  private final String serviceName;
  private final String nameZh;
  private final String nameEn;

  OriginSystem(String segment, String serviceName, String nameZh, String nameEn) {
    this.segment = segment;
    this.serviceName = serviceName;
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  /** The path segment under /api. */
  public String segment() {
    return segment;
  }

  public String serviceName() {
    return serviceName;
  }

  public String displayName(java.util.Locale locale) {
    return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
  }
}
