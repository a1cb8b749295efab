package org.fourinone.volunteer.volunteers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.volunteer.volunteers.VolunteerRequests.ChangeStatusRequest;
import org.fourinone.volunteer.volunteers.VolunteerRequests.RegisterVolunteerRequest;
import org.fourinone.volunteer.volunteers.VolunteerRequests.UpdateVolunteerRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}")
@Tag(name = "volunteers", description = "志愿者实名注册、审核与档案")
class VolunteerController {

  private final Volunteers volunteers;

  VolunteerController(Volunteers volunteers) {
    this.volunteers = volunteers;
  }

  @GetMapping("/skills")
  @Operation(summary = "志愿服务技能目录")
  List<Skills.Skill> skills() {
    return volunteers.skills().all();
  }

  @PostMapping("/volunteers")
  @Operation(
      summary = "志愿者实名注册（居民本人，或社区为居民登记）",
      description =
          "A resident of the registry (residentId) or a person with a validated ID number (person):"
              + " exactly one. Self-registration registers under the caller's login; the status"
              + " starts PENDING_REVIEW. ID number and phone are kept encrypted, shown masked.")
  ResponseEntity<VolunteerView> register(
      @Valid @RequestBody RegisterVolunteerRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 100)
          String idempotencyKey,
      HttpServletRequest http) {
    var registered = volunteers.register(request, idempotencyKey);
    var response =
        ResponseEntity.created(
            URI.create(http.getRequestURI() + "/" + registered.volunteer().volunteerId()));
    if (registered.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.body(registered.volunteer());
  }

  @GetMapping("/volunteers")
  @Operation(summary = "本辖区的志愿者（区：全部；街道：本街道；社区：在本社区服务的）")
  PageOf<VolunteerView> list(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Size(max = 20) String status,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.CODE_PATTERN) String skill,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return volunteers.list(communityId, status, skill, page, size);
  }

  @GetMapping("/volunteers/me")
  @Operation(summary = "我的志愿者档案")
  VolunteerView mine() {
    return volunteers.mine();
  }

  @GetMapping("/volunteers/{volunteerId}")
  @Operation(summary = "志愿者档案（身份证号、手机号脱敏）")
  VolunteerView read(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {
    return volunteers.read(volunteerId);
  }

  @PatchMapping("/volunteers/{volunteerId}")
  @Operation(summary = "修改技能、语言、服务时间、服务社区、健康与保险情况（本人或组织者）")
  VolunteerView update(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      @Valid @RequestBody UpdateVolunteerRequest request) {
    return volunteers.update(volunteerId, request);
  }

  @PostMapping("/volunteers/{volunteerId}/status")
  @Operation(summary = "审核通过、暂停、恢复、退出，记录决定人和理由（本人可申请退出）")
  VolunteerView changeStatus(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      @Valid @RequestBody ChangeStatusRequest request) {
    return volunteers.changeStatus(volunteerId, request);
  }

  @GetMapping("/volunteers/{volunteerId}/personal-data")
  @Operation(summary = "身份证号、手机号明文（本人与组织者；每次读取记入审计）")
  ResponseEntity<Volunteers.VolunteerPersonalData> personalData(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(volunteers.personalData(volunteerId));
  }
}
