package org.fourinone.publicservice.residents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.fourinone.order.web.OrderRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/public/residents")
@Tag(name = "residents", description = "居民登记（一人一档）")
class ResidentController {

  private final ResidentRegistry registry;

  ResidentController(ResidentRegistry registry) {
    this.registry = registry;
  }

  @PostMapping
  @Operation(summary = "登记居民：姓名、身份证号、手机号、社区、地址")
  ResponseEntity<ResidentView> register(
      @Valid @RequestBody RegisterResidentRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest http) {
    var registered = registry.register(request, idempotencyKey);
    var response =
        ResponseEntity.created(
            URI.create(http.getRequestURI() + "/" + registered.resident().residentId()));
    if (registered.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.body(registered.resident());
  }

  /** The answer of a search: at most 20 residents, masked. */
  record Found(List<ResidentView> items) {}

  @GetMapping
  @Operation(
      summary = "查找居民（呼叫中心、窗口）：按姓名（本社区）或手机号（按密钥散列比对），结果脱敏，最多 20 条",
      description =
          "Exact name within a community (the caller's own unless a street officer or the"
              + " district), or an 11-digit mobile number matched by its keyed hash. Staff roles"
              + " only; every search is audited.")
  Found search(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Size(max = 50) String name,
      @RequestParam(required = false) @Size(max = 20) String phone) {
    return new Found(registry.search(communityId, name, phone));
  }

  @GetMapping("/{residentId}")
  @Operation(summary = "居民档案（身份证号、手机号脱敏）")
  ResidentView resident(@PathVariable String residentId) {
    return registry.read(residentId);
  }

  @GetMapping("/{residentId}/personal-data")
  @Operation(summary = "身份证号、手机号明文（仅本人、本社区工作者、区管理员；每次读取都记入审计日志）")
  ResponseEntity<PersonalDataView> personalData(@PathVariable String residentId) {
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(registry.personalData(residentId));
  }
}
