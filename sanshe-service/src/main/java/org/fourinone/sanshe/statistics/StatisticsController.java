package org.fourinone.sanshe.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.time.ZoneId;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.order.access.Actor;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.sanshe.statistics.SansheStatistics.Figures;
import org.fourinone.sanshe.statistics.SansheStatistics.Scope;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/statistics")
@Tag(name = "statistics", description = "三社联动统计：社会组织、工单、时效、满意度、社工（社区 / 街道 / 区），可导出 xlsx")
class StatisticsController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final SansheStatistics statistics;
  private final AuditTrail audit;

  StatisticsController(SansheStatistics statistics, AuditTrail audit) {
    this.statistics = statistics;
    this.audit = audit;
  }

  @GetMapping
  @Operation(
      summary = "统计：组织按类型、入驻层级、星级；工单按服务项、类别、组织；接单与办结时长中位数；各组织与服务项满意度；社工按资格",
      description =
          "Aggregated on the server. A community's staff get their community, a street officer"
              + " their street (optionally one of its communities), the district any scope.")
  Figures figures(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN) String streetId) {
    return statistics.figures(statistics.scopeOf(Actor.current(), communityId, streetId));
  }

  @GetMapping(
      value = "/export",
      produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
  @Operation(summary = "导出统计（xlsx）")
  ResponseEntity<byte[]> export(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN) String streetId) {
    Scope scope = statistics.scopeOf(Actor.current(), communityId, streetId);
    byte[] workbook = StatisticsWorkbook.write(statistics.figures(scope));
    String name =
        "sanshe-statistics-"
            + (scope.communityId() != null
                ? scope.communityId()
                : scope.streetId() != null ? scope.streetId() : "district")
            + "-"
            + LocalDate.now(ZoneId.of("Asia/Shanghai"))
            + ".xlsx";
    audit.record("STATISTICS_EXPORTED", "statistics", name, Outcome.SUCCESS, null);
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(workbook);
  }
}
