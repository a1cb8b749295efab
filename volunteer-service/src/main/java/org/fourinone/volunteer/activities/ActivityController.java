package org.fourinone.volunteer.activities;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.volunteer.activities.ActivityRequests.PublishActivityRequest;
import org.fourinone.volunteer.activities.ActivityRequests.SignUpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}")
@Tag(name = "activities", description = "志愿服务活动与班次：发布、报名（候补）、签到码")
class ActivityController {

  private final Activities activities;

  ActivityController(Activities activities) {
    this.activities = activities;
  }

  @PostMapping("/activities")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "发布志愿服务活动及其班次（社区、街道、区的组织者）")
  ActivityView publish(@Valid @RequestBody PublishActivityRequest request) {
    return activities.publish(request);
  }

  @GetMapping("/activities")
  @Operation(summary = "可报名的活动（按社区），最早的在前")
  PageOf<ActivityView> list(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(defaultValue = "true") boolean upcoming,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return activities.list(communityId, upcoming, page, size);
  }

  @GetMapping("/activities/{activityId}")
  @Operation(summary = "活动与班次（报名者姓名对非组织者脱敏）")
  ActivityView read(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String activityId) {
    return activities.read(activityId);
  }

  @PostMapping("/activities/{activityId}/shifts/{shiftId}/signups")
  @Operation(
      summary = "报名班次：满员进入候补；与本人其他班次时间重叠的拒绝（409）",
      description = "Without a volunteerId the caller signs up themself; organisers may name one.")
  ResponseEntity<Activities.SignUpOutcome> signUp(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String activityId,
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String shiftId,
      @Valid @RequestBody(required = false) SignUpRequest request) {
    var outcome =
        activities.signUp(activityId, shiftId, request == null ? null : request.volunteerId());
    return ResponseEntity.status(
            outcome.state() == Activities.SignUpState.CONFIRMED
                ? HttpStatus.CREATED
                : HttpStatus.ACCEPTED)
        .body(outcome);
  }

  @DeleteMapping("/activities/{activityId}/shifts/{shiftId}/signups/{volunteerId}")
  @Operation(summary = "取消报名；候补第一位且时间空闲者递补")
  ActivityView cancel(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String activityId,
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String shiftId,
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {
    return activities.cancel(activityId, shiftId, volunteerId);
  }

  @PostMapping("/activities/{activityId}/shifts/{shiftId}/check-in-code")
  @Operation(summary = "生成签到码（组织者现场出示，短时有效）")
  ResponseEntity<Activities.CheckInCode> code(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String activityId,
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String shiftId) {
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(activities.issueCode(activityId, shiftId));
  }

  @GetMapping("/volunteers/{volunteerId}/shifts")
  @Operation(summary = "志愿者报名的班次（含候补）")
  List<ActivityView> shifts(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {
    return activities.shiftsOf(volunteerId);
  }
}
