package org.fourinone.volunteer.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Year;
import java.time.ZoneId;
import org.fourinone.order.web.OrderRequests;
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
@Tag(name = "statistics", description = "志愿服务统计：社区、街道、全区")
class StatisticsController {

  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final VolunteerStatistics statistics;

  StatisticsController(VolunteerStatistics statistics) {
    this.statistics = statistics;
  }

  @GetMapping
  @Operation(summary = "志愿者、服务时长、需求匹配、队伍、活动的年度统计（本辖区）")
  VolunteerStatistics.Figures figures(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN) String streetId,
      @RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
    return statistics.figures(statistics.scope(communityId, streetId, yearOr(year)));
  }

  @GetMapping(value = "/export", produces = XLSX)
  @Operation(summary = "导出统计（xlsx）")
  ResponseEntity<byte[]> export(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN) String streetId,
      @RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
    var figures = statistics.figures(statistics.scope(communityId, streetId, yearOr(year)));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(XLSX))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("volunteer-statistics-" + figures.scope().year() + ".xlsx")
                .build()
                .toString())
        .body(StatisticsWorkbook.write(figures));
  }

  private static int yearOr(Integer year) {
    return year != null ? year : Year.now(ZoneId.of("Asia/Shanghai")).getValue();
  }
}
