package org.fourinone.party.memberships;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.fourinone.order.web.OrderRequests;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/memberships")
@Tag(name = "memberships", description = "党员身份（以事件同步至志愿者系统）与党员志愿服务时长")
class MembershipController {

  private final Memberships memberships;
  private final MemberVolunteering volunteering;

  MembershipController(Memberships memberships, MemberVolunteering volunteering) {
    this.memberships = memberships;
    this.volunteering = volunteering;
  }

  record MembershipRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String residentId,
      @NotNull Boolean member,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String branchId,
      @Size(max = 100) String branchName) {}

  @PostMapping
  @Operation(summary = "登记居民的党员身份及所在支部（党务工作者、区）")
  Memberships.MembershipView record(@Valid @RequestBody MembershipRequest request) {
    return memberships.record(
        request.residentId(), request.member(), request.branchId(), request.branchName());
  }

  @GetMapping("/{residentId}/volunteering")
  @Operation(summary = "党员年度志愿服务时长（来自志愿者系统的时长认定事件）")
  MemberVolunteering.Volunteering volunteering(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String residentId,
      @RequestParam @Min(2000) @Max(2100) int year) {
    return volunteering.of(residentId, year);
  }
}
