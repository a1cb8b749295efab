package org.fourinone.kit.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.security.Callers;
import org.fourinone.kit.web.PageOf;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, for the one role that audits (the district administrator by default). */
@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}")
@Tag(name = "audit", description = "审计日志：谁在何时何地读取或修改了什么（仅区管理员）")
public class AuditController {

  private final AuditTrail audit;
  private final String auditorRole;

  /**
   * @param auditorRole the one role that may read the log ({@code fourinone.audit.reader-role})
   */
  public AuditController(AuditTrail audit, String auditorRole) {
    this.audit = audit;
    this.auditorRole = auditorRole;
  }

  @GetMapping("/audit-log")
  @Operation(summary = "查询审计日志，最新在前")
  public PageOf<AuditEntry> auditLog(
      @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._:@\\-]{1,64}") String actor,
      @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._:\\-]{1,64}") String targetId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    if (auditorRole.isBlank() || !Callers.current().has(auditorRole)) {
      throw Problem.forbidden();
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw Problem.badRequest("audit.bad-range");
    }
    return audit.query(actor, targetId, from, to, page, size);
  }
}
