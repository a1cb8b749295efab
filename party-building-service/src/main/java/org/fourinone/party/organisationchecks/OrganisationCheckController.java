package org.fourinone.party.organisationchecks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/organisation-checks")
@Tag(name = "organisation-checks", description = "社会组织党建体检（三三三工作法）：是否建立党组织及活动情况")
class OrganisationCheckController {

  static final String ORGANISATION_ID = "ORG-[A-Z0-9-]{2,40}";

  private final OrganisationChecks checks;

  OrganisationCheckController(OrganisationChecks checks) {
    this.checks = checks;
  }

  record ReportRequest(
      @NotBlank @Pattern(regexp = ORGANISATION_ID) String organisationId,
      @Min(2000) @Max(2100) int year,
      @NotNull Boolean hasBranch,
      @Size(max = 100) String branchName,
      @Min(0) @Max(1000) int activities,
      @Size(max = 500) String note) {}

  @PostMapping
  @Operation(summary = "报送社会组织年度党建体检结果（党务工作者、区）；以事件同步至三社联动")
  OrganisationChecks.CheckView report(@Valid @RequestBody ReportRequest request) {
    return checks.report(
        request.organisationId(),
        request.year(),
        request.hasBranch(),
        request.branchName(),
        request.activities(),
        request.note());
  }

  @GetMapping
  @Operation(summary = "一个社会组织历年的党建体检")
  List<OrganisationChecks.CheckView> of(
      @RequestParam @Pattern(regexp = ORGANISATION_ID) String organisationId) {
    return checks.of(organisationId);
  }
}
