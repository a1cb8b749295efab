package org.fourinone.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fixed demo staff: at least one per role of {@code docs/security.md}, with ids from the sample
 * district (streets S-DZM, S-HPL, S-JGM, four communities each). Every community has a community
 * worker {@code cw-<community>} and a call-centre operator {@code cc-<community>} (e.g. {@code
 * cw-dzm-01} for C-DZM-01), so the demo loader can act for any community. Residents are not here:
 * they come from {@code residents.json} (see {@link ResidentAccounts}).
 */
public final class DemoAccounts {

  /** The one password of every demo account. */
  public static final String PASSWORD = "demo1234";

  /** community id → street id of the sample district. */
  static final Map<String, String> COMMUNITIES;

  private static final Map<String, String> STREET_NAMES =
      Map.of("S-DZM", "东直门", "S-HPL", "和平里", "S-JGM", "建国门");

  static {
    Map<String, String> communities = new LinkedHashMap<>();
    for (String street : List.of("DZM", "HPL", "JGM")) {
      for (int i = 1; i <= 4; i++) {
        communities.put("C-" + street + "-0" + i, "S-" + street);
      }
    }
    COMMUNITIES = java.util.Collections.unmodifiableMap(communities);
  }

  /** The demo social organisations (id → short name), as sanshe's demo data registers them. */
  static final Map<String, String> ORGANISATIONS = new LinkedHashMap<>();

  static {
    ORGANISATIONS.put("ORG-JIALE", "嘉乐社会工作服务中心");
    ORGANISATIONS.put("ORG-XINYUAN", "心苑心理咨询服务中心");
    ORGANISATIONS.put("ORG-ANKANG", "安康养老服务中心");
    ORGANISATIONS.put("ORG-LVSHI", "法律援助志愿者协会");
    ORGANISATIONS.put("ORG-AIXIN", "爱心助残基金会");
    ORGANISATIONS.put("ORG-JIAZHENG", "好帮手家政服务中心");
    ORGANISATIONS.put("ORG-HPL-YUEDUI", "和平里东街社区老年合唱队");
    ORGANISATIONS.put("ORG-DZM-ZHIYUAN", "东直门社区邻里互助队");
  }

  /**
   * The demo volunteers' logins (username → name), as the volunteer system's demo registers them.
   */
  static final Map<String, String> VOLUNTEERS = new LinkedHashMap<>();

  static {
    VOLUNTEERS.put("vol-li", "李志愿");
    VOLUNTEERS.put("vol-wang", "王热心");
    VOLUNTEERS.put("vol-zhao", "赵互助");
    VOLUNTEERS.put("vol-chen", "陈暖阳");
    VOLUNTEERS.put("vol-sun", "孙先锋");
    VOLUNTEERS.put("vol-zhou", "周乐助");
  }

  /** {@code ORG-HPL-YUEDUI} → {@code hpl-yuedui}: the part of a demo username naming it. */
  public static String organisationSuffix(String organisationId) {
    return organisationId.substring(4).toLowerCase(Locale.ROOT);
  }

  private final Map<String, Account> accounts = new LinkedHashMap<>();

  public DemoAccounts() {
    add(Account.staff("cw-dzm-01", "张敏（东直门社区工作者）", "COMMUNITY_WORKER", "C-DZM-01", "S-DZM"));
    add(Account.staff("cc-dzm-01", "刘洋（呼叫中心坐席）", "CALL_CENTER_OPERATOR", "C-DZM-01", "S-DZM"));
    add(Account.staff("sw-dzm-01", "陈静（社工）", "SOCIAL_WORKER", "C-DZM-01", "S-DZM"));
    add(
        new Account(
            "org-jiale",
            "孙丽（嘉乐社会工作服务中心）",
            List.of("ORGANISATION_STAFF"),
            null,
            null,
            null,
            "ORG-JIALE"));
    // 三社联动: a staff account per demo organisation, and a social worker of each registered one
    // (sanshe-service/src/main/resources/org/fourinone/sanshe/demo/organisations.json)
    ORGANISATIONS.forEach(
        (id, name) -> {
          String suffix = organisationSuffix(id);
          accounts.putIfAbsent(
              "org-" + suffix,
              new Account(
                  "org-" + suffix,
                  "机构工作人员（" + name + "）",
                  List.of("ORGANISATION_STAFF"),
                  null,
                  null,
                  null,
                  id));
          if (!id.startsWith("ORG-HPL-") && !id.startsWith("ORG-DZM-")) {
            add(
                new Account(
                    "sw-" + suffix + "-01",
                    "社工（" + name + "）",
                    List.of("SOCIAL_WORKER"),
                    null,
                    null,
                    null,
                    null));
          }
        });
    // 志愿者: the demo volunteers of
    // volunteer-service/src/main/resources/org/fourinone/volunteer/demo/volunteers.json
    VOLUNTEERS.forEach(
        (username, name) ->
            add(
                new Account(
                    username, name + "（志愿者）", List.of("VOLUNTEER"), null, null, null, null)));
    add(Account.staff("party-dzm-01", "王红（党务工作者）", "PARTY_STAFF", "C-DZM-01", "S-DZM"));
    add(Account.staff("street-dzm", "赵刚（东直门街道）", "STREET_OFFICER", null, "S-DZM"));
    add(Account.staff("cw-hpl-01", "周颖（和平里东街社区工作者）", "COMMUNITY_WORKER", "C-HPL-01", "S-HPL"));
    add(new Account("admin", "区管理员", List.of("DISTRICT_ADMIN"), null, null, null, null));
    add(new Account("ops", "平台运维", List.of("PLATFORM_OPERATOR"), null, null, null, null));
    add(Account.staff("street-hpl", "钱军（和平里街道）", "STREET_OFFICER", null, "S-HPL"));
    add(Account.staff("street-jgm", "吴涛（建国门街道）", "STREET_OFFICER", null, "S-JGM"));
    COMMUNITIES.forEach(
        (community, street) -> {
          String suffix = suffix(community);
          String place = STREET_NAMES.get(street) + "街道 " + community;
          accounts.putIfAbsent(
              "cw-" + suffix,
              Account.staff(
                  "cw-" + suffix, "社区工作者（" + place + "）", "COMMUNITY_WORKER", community, street));
          accounts.putIfAbsent(
              "cc-" + suffix,
              Account.staff(
                  "cc-" + suffix,
                  "呼叫中心坐席（" + place + "）",
                  "CALL_CENTER_OPERATOR",
                  community,
                  street));
        });
  }

  /** {@code C-DZM-01} → {@code dzm-01}: the part of a demo username that names the community. */
  public static String suffix(String communityId) {
    String lower = communityId.toLowerCase(Locale.ROOT);
    return lower.startsWith("c-") ? lower.substring(2) : lower;
  }

  private void add(Account account) {
    accounts.put(account.username(), account);
  }

  public Optional<Account> find(String username) {
    return Optional.ofNullable(accounts.get(username));
  }

  public List<Account> all() {
    return new ArrayList<>(accounts.values());
  }
}
