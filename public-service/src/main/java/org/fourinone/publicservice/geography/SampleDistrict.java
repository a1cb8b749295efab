package org.fourinone.publicservice.geography;

import java.util.List;

/** The sample district every fresh installation starts with: three streets, twelve communities. */
final class SampleDistrict {

  static final String DISTRICT = "东城区";

  private SampleDistrict() {}

  static List<Community> communities() {
    return List.of(
        c("C-DZM-01", "东直门社区", "S-DZM", "东直门街道", "东直门内大街100号", "010-64031201", 39.9413, 116.4283),
        c("C-DZM-02", "北新桥社区", "S-DZM", "东直门街道", "北新桥三条12号", "010-64031202", 39.9449, 116.4170),
        c("C-DZM-03", "香河园社区", "S-DZM", "东直门街道", "香河园路1号院", "010-64031203", 39.9480, 116.4330),
        c("C-DZM-04", "清水苑社区", "S-DZM", "东直门街道", "清水苑小区8号楼底商", "010-64031204", 39.9398, 116.4345),
        c("C-HPL-01", "和平里东街社区", "S-HPL", "和平里街道", "和平里东街15号", "010-84211301", 39.9600, 116.4190),
        c("C-HPL-02", "青年湖社区", "S-HPL", "和平里街道", "青年湖北街3号", "010-84211302", 39.9572, 116.4085),
        c("C-HPL-03", "地坛社区", "S-HPL", "和平里街道", "安定门外大街地坛东门北侧", "010-84211303", 39.9540, 116.4170),
        c("C-HPL-04", "黄寺社区", "S-HPL", "和平里街道", "黄寺大街26号", "010-84211304", 39.9620, 116.4010),
        c("C-JGM-01", "建国门外社区", "S-JGM", "建国门街道", "建国门内大街18号", "010-65122401", 39.9085, 116.4270),
        c("C-JGM-02", "赵家楼社区", "S-JGM", "建国门街道", "赵家楼胡同5号", "010-65122402", 39.9140, 116.4220),
        c("C-JGM-03", "西总布社区", "S-JGM", "建国门街道", "西总布胡同46号", "010-65122403", 39.9120, 116.4180),
        c("C-JGM-04", "东总布社区", "S-JGM", "建国门街道", "东总布胡同33号", "010-65122404", 39.9105, 116.4240));
  }

  private static Community c(
      String id,
      String name,
      String streetId,
      String streetName,
      String address,
      String phone,
      double lat,
      double lng) {
    return new Community(
        id,
        name,
        streetId,
        streetName,
        DISTRICT,
        address + " 社区综合服务大厅",
        phone,
        new Community.Location(lat, lng));
  }
}
