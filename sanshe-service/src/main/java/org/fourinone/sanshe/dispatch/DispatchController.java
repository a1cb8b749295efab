package org.fourinone.sanshe.dispatch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.fourinone.kit.web.PageOf;
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
@RequestMapping("${fourinone.api-prefix}/dispatches")
@Tag(name = "dispatch", description = "派单：服务机构接单、婉拒、派工")
class DispatchController {

  private final Dispatches dispatches;

  DispatchController(Dispatches dispatches) {
    this.dispatches = dispatches;
  }

  record DeclineRequest(@NotBlank @Size(max = 200) String reason) {}

  record AssignWorkerRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @Size(max = 500) String note) {}

  @GetMapping
  @Operation(summary = "派单看板：服务机构看派给本机构的，社区、街道、区看本辖区的")
  PageOf<DispatchView> board(
      @RequestParam(required = false) @Size(max = 20) String state,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return dispatches.board(state, page, size);
  }

  @GetMapping("/{orderId}")
  @Operation(summary = "一张工单的派单经过")
  DispatchView read(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String orderId) {
    return dispatches.read(orderId);
  }

  @PostMapping("/{orderId}/accept")
  @Operation(summary = "服务机构接单（须在接单时限内，否则改派下一家）")
  DispatchView accept(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String orderId) {
    return dispatches.accept(orderId);
  }

  @PostMapping("/{orderId}/decline")
  @Operation(summary = "服务机构婉拒，立即改派下一家")
  DispatchView decline(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String orderId,
      @Valid @RequestBody DeclineRequest request) {
    return dispatches.decline(orderId, request.reason());
  }

  @PostMapping("/{orderId}/worker")
  @Operation(summary = "服务机构派工：指定本机构的一名社工（未接单的视为同时接单）")
  DispatchView assignWorker(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String orderId,
      @Valid @RequestBody AssignWorkerRequest request) {
    return dispatches.assignWorker(orderId, request.workerId(), request.note());
  }
}
