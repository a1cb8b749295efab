package org.fourinone.sanshe.workers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.sanshe.workers.WorkerRequests.LeaveRequest;
import org.fourinone.sanshe.workers.WorkerRequests.QualifyRequest;
import org.fourinone.sanshe.workers.WorkerRequests.RegisterWorkerRequest;
import org.fourinone.sanshe.workers.WorkerRequests.TrainingRequest;
import org.fourinone.sanshe.workers.WorkerRequests.TransferRequest;
import org.springframework.http.ResponseEntity;
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
@RequestMapping("${fourinone.api-prefix}")
@Tag(name = "social-workers", description = "社工与社区工作者档案（一人一表）、资格、培训、三岗十八级")
class WorkerController {

  private final SocialWorkers workers;
  private final Appraisals appraisals;
  private final CommunityStaffing staffing;

  WorkerController(SocialWorkers workers, Appraisals appraisals, CommunityStaffing staffing) {
    this.workers = workers;
    this.appraisals = appraisals;
    this.staffing = staffing;
  }

  record SelfReportRequest(
      @jakarta.validation.constraints.NotBlank @Size(max = 2000) String summary,
      @Min(0) @Max(100) int score) {}

  record AssessmentRequest(@Min(0) @Max(100) int score, @Size(max = 1000) String comment) {}

  record ConcludeRequest(boolean confirmGradeChange) {}

  record PostsRequest(
      @jakarta.validation.constraints.NotNull @Min(0) @Max(200) Integer principal,
      @jakarta.validation.constraints.NotNull @Min(0) @Max(200) Integer deputy,
      @jakarta.validation.constraints.NotNull @Min(0) @Max(200) Integer staff) {}

  @GetMapping("/social-workers/{workerId}/appraisals")
  @Operation(summary = "历年目标考评")
  java.util.List<Appraisals.AppraisalView> appraisals(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId) {
    return appraisals.of(workerId);
  }

  @PostMapping("/social-workers/{workerId}/appraisals/{year}/self-report")
  @Operation(summary = "目标考评：本人自评")
  Appraisals.AppraisalView selfReport(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @PathVariable @Min(2000) @Max(2100) int year,
      @Valid @RequestBody SelfReportRequest request) {
    return appraisals.selfReport(workerId, year, request.summary(), request.score());
  }

  @PostMapping("/social-workers/{workerId}/appraisals/{year}/assessment")
  @Operation(summary = "目标考评：用人单位评价")
  Appraisals.AppraisalView assess(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @PathVariable @Min(2000) @Max(2100) int year,
      @Valid @RequestBody AssessmentRequest request) {
    return appraisals.assess(workerId, year, request.score(), request.comment());
  }

  @PostMapping("/social-workers/{workerId}/appraisals/{year}/notice")
  @Operation(summary = "目标考评：计算结果（含居民评价）并公示，提出等级调整建议")
  Appraisals.AppraisalView notice(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @PathVariable @Min(2000) @Max(2100) int year) {
    return appraisals.notice(workerId, year);
  }

  @PostMapping("/social-workers/{workerId}/appraisals/{year}/conclusion")
  @Operation(summary = "目标考评：确定结果，确认后调整岗位等级")
  Appraisals.AppraisalView conclude(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @PathVariable @Min(2000) @Max(2100) int year,
      @Valid @RequestBody ConcludeRequest request) {
    return appraisals.conclude(workerId, year, request.confirmGradeChange());
  }

  @GetMapping("/communities/{communityId}/staffing")
  @Operation(summary = "一居一档：社区的岗位、在岗人员、空缺与人员变动")
  CommunityStaffing.StaffingView staffing(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String communityId) {
    return staffing.read(communityId);
  }

  @org.springframework.web.bind.annotation.PutMapping("/communities/{communityId}/posts")
  @Operation(summary = "设定社区岗位数（街道）")
  CommunityStaffing.StaffingView setPosts(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String communityId,
      @Valid @RequestBody PostsRequest request) {
    return staffing.setPosts(
        communityId,
        CommunityStaffing.counts(request.principal(), request.deputy(), request.staff()));
  }

  @PostMapping("/social-workers")
  @Operation(summary = "登记社工或社区工作者（以平台账号为编号）")
  ResponseEntity<WorkerView> register(
      @Valid @RequestBody RegisterWorkerRequest request, HttpServletRequest http) {
    WorkerView view = workers.register(request);
    return ResponseEntity.created(URI.create(http.getRequestURI() + "/" + view.workerId()))
        .body(view);
  }

  @GetMapping("/social-workers")
  @Operation(summary = "本辖区（或本组织）的社工")
  PageOf<WorkerView> list(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String organisationId,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Size(max = 20) String qualification,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return workers.list(organisationId, communityId, qualification, page, size);
  }

  @GetMapping("/social-workers/{workerId}")
  @Operation(summary = "社工档案：岗位等级、薪酬系数、职业资格津贴、培训学时、履历")
  WorkerView read(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId) {
    return workers.read(workerId);
  }

  @PostMapping("/social-workers/{workerId}/qualification")
  @Operation(summary = "登记职业资格（助理社会工作师 / 社会工作师 / 高级社会工作师）")
  WorkerView qualify(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @Valid @RequestBody QualifyRequest request) {
    return workers.qualify(workerId, request);
  }

  @PostMapping("/social-workers/{workerId}/trainings")
  @Operation(summary = "记录培训（继续教育学时）")
  WorkerView train(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @Valid @RequestBody TrainingRequest request) {
    return workers.train(workerId, request);
  }

  @PostMapping("/social-workers/{workerId}/transfer")
  @Operation(summary = "调动（换用人单位或岗位）")
  WorkerView transfer(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @Valid @RequestBody TransferRequest request) {
    return workers.transfer(workerId, request);
  }

  @PostMapping("/social-workers/{workerId}/leave")
  @Operation(summary = "离职")
  WorkerView leave(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @Valid @RequestBody LeaveRequest request) {
    return workers.leave(workerId, request.reason());
  }

  @GetMapping("/career-ladder")
  @Operation(summary = "三岗十八级：岗位等级范围、各级薪酬系数、参考工资、职业资格津贴（本区配置）")
  CareerLadder ladder() {
    return workers.ladder();
  }
}
