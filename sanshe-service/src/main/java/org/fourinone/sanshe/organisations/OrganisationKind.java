package org.fourinone.sanshe.organisations;

/**
 * The kinds of social organisation (社会组织) and, for those registered with civil affairs, the second
 * character of their credit code (GB 32100: 5 = 民政, then 1 / 2 / 3).
 */
public enum OrganisationKind {
  /** 社会团体. */
  SOCIAL_GROUP('1'),
  /** 社会服务机构 (formerly 民办非企业单位). */
  SOCIAL_SERVICE_AGENCY('2'),
  /** 基金会. */
  FOUNDATION('3'),
  /** 社区社会组织: filed (备案) with the street after the residents' committee's first review. */
  COMMUNITY_ORGANISATION('9');

  private final char creditCodeCategory;

  OrganisationKind(char creditCodeCategory) {
    this.creditCodeCategory = creditCodeCategory;
  }

  /** The second character of a civil-affairs credit code of this kind. */
  public char creditCodeCategory() {
    return creditCodeCategory;
  }
}
