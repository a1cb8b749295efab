package org.fourinone.systemtests.bench.district;

import java.util.List;
import org.fourinone.systemtests.bench.district.District.Community;

/**
 * The communities of public-service's sample district (publicservice.geography.SampleDistrict), for
 * the generator's test without a platform; the benchmark reads them from {@code GET
 * /api/public/communities}.
 */
final class SampleDistrict {

  static final List<Community> COMMUNITIES =
      List.of(
          new Community(
              "C-DZM-01", "东直门社区", "S-DZM", "东直门街道", "东直门内大街100号 社区综合服务大厅", 39.9413, 116.4283),
          new Community(
              "C-DZM-02", "北新桥社区", "S-DZM", "东直门街道", "北新桥三条12号 社区综合服务大厅", 39.9449, 116.4170),
          new Community(
              "C-DZM-03", "香河园社区", "S-DZM", "东直门街道", "香河园路1号院 社区综合服务大厅", 39.9480, 116.4330),
          new Community(
              "C-DZM-04", "清水苑社区", "S-DZM", "东直门街道", "清水苑小区8号楼底商 社区综合服务大厅", 39.9398, 116.4345),
          new Community(
              "C-HPL-01", "和平里东街社区", "S-HPL", "和平里街道", "和平里东街15号 社区综合服务大厅", 39.9600, 116.4190),
          new Community(
              "C-HPL-02", "青年湖社区", "S-HPL", "和平里街道", "青年湖北街3号 社区综合服务大厅", 39.9572, 116.4085),
          new Community(
              "C-HPL-03", "地坛社区", "S-HPL", "和平里街道", "安定门外大街地坛东门北侧 社区综合服务大厅", 39.9540, 116.4170),
          new Community(
              "C-HPL-04", "黄寺社区", "S-HPL", "和平里街道", "黄寺大街26号 社区综合服务大厅", 39.9620, 116.4010),
          new Community(
              "C-JGM-01", "建国门外社区", "S-JGM", "建国门街道", "建国门内大街18号 社区综合服务大厅", 39.9085, 116.4270),
          new Community(
              "C-JGM-02", "赵家楼社区", "S-JGM", "建国门街道", "赵家楼胡同5号 社区综合服务大厅", 39.9140, 116.4220),
          new Community(
              "C-JGM-03", "西总布社区", "S-JGM", "建国门街道", "西总布胡同46号 社区综合服务大厅", 39.9120, 116.4180),
          new Community(
              "C-JGM-04", "东总布社区", "S-JGM", "建国门街道", "东总布胡同33号 社区综合服务大厅", 39.9105, 116.4240));

  private SampleDistrict() {}
}
