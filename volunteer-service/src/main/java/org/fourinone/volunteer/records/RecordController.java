package org.fourinone.volunteer.records;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.volunteer.records.RecordRequests.ApproveManyRequest;
import org.fourinone.volunteer.records.RecordRequests.ApproveRequest;
import org.fourinone.volunteer.records.RecordRequests.CheckInRequest;
import org.fourinone.volunteer.records.RecordRequests.CheckOutRequest;
import org.fourinone.volunteer.records.RecordRequests.DeclareRequest;
import org.fourinone.volunteer.records.RecordRequests.DenyRequest;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/service-records")
@Tag(name = "service records", description = "服务记录：签到签退、自主申报、审核、时长认定")
class RecordController {

  private final ServiceRecords records;

  RecordController(ServiceRecords records) {
    this.records = records;
  }

  @PostMapping("/check-in")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "签到：输入组织者出示的签到码；位置与活动地点比对，过远的标记待审")
  RecordView checkIn(@Valid @RequestBody CheckInRequest request) {
    return records.checkIn(request);
  }

  @PostMapping("/{recordId}/check-out")
  @Operation(summary = "签退：按班次内的实际时间计算时长；与其他记录重叠或超过每日上限的拒绝")
  RecordView checkOut(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String recordId,
      @Valid @RequestBody(required = false) CheckOutRequest request) {
    return records.checkOut(recordId, request);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "自主申报计划外的志愿服务时长，待组织者审核")
  RecordView declare(
      @Valid @RequestBody DeclareRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
          @Size(max = 100)
          @Pattern(regexp = OrderRequests.ID_PATTERN)
          String idempotencyKey) {
    return records.declare(request, idempotencyKey);
  }

  @GetMapping
  @Operation(summary = "服务记录：本人的，或组织者辖区的（status=PENDING 为待审队列）")
  PageOf<RecordView> list(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String volunteerId,
      @RequestParam(required = false) @Size(max = 20) String status,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return records.list(volunteerId, status, communityId, page, size);
  }

  @GetMapping("/{recordId}")
  @Operation(summary = "一条服务记录")
  RecordView read(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String recordId) {
    return records.read(recordId);
  }

  @PostMapping("/{recordId}/approve")
  @Operation(summary = "审核通过（非本人），按本区规则计入时间银行，只计一次")
  RecordView approve(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String recordId,
      @Valid @RequestBody(required = false) ApproveRequest request) {
    return records.approve(recordId, request);
  }

  @PostMapping("/{recordId}/deny")
  @Operation(summary = "不予认定，写明理由")
  RecordView deny(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String recordId,
      @Valid @RequestBody DenyRequest request) {
    return records.deny(recordId, request.reason());
  }

  @PostMapping("/approvals")
  @Operation(summary = "批量审核：逐条通过，某条被拒不影响其他")
  List<ServiceRecords.Approval> approveMany(@Valid @RequestBody ApproveManyRequest request) {
    return records.approveMany(request.recordIds(), request.note());
  }
}
