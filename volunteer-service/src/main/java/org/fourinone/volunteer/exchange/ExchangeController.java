package org.fourinone.volunteer.exchange;

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
import org.fourinone.volunteer.exchange.ExchangeRequests.ItemRequest;
import org.fourinone.volunteer.exchange.ExchangeRequests.RedeemRequest;
import org.fourinone.volunteer.exchange.ExchangeRequests.StockRequest;
import org.fourinone.volunteer.exchange.ExchangeViews.ItemView;
import org.fourinone.volunteer.exchange.ExchangeViews.RedemptionView;
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
@RequestMapping("${fourinone.api-prefix}/exchange")
@Tag(name = "exchange", description = "积分兑换：兑换品目录、库存、兑换与取消")
class ExchangeController {

  private final Exchange exchange;

  ExchangeController(Exchange exchange) {
    this.exchange = exchange;
  }

  @GetMapping("/items")
  @Operation(summary = "兑换品目录（本社区可兑换的礼品与服务）")
  List<ItemView> items(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId) {
    return exchange.catalogue(communityId);
  }

  @PostMapping("/items")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "上架兑换品：社区、共建单位或爱心商户提供的礼品或服务")
  ItemView add(@Valid @RequestBody ItemRequest request) {
    return exchange.addItem(request);
  }

  @PostMapping("/items/{itemId}/stock")
  @Operation(summary = "补充库存")
  ItemView stock(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String itemId,
      @Valid @RequestBody StockRequest request) {
    return exchange.addStock(itemId, request.add());
  }

  @PostMapping("/redemptions")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "兑换：扣减积分与库存（同时成功或都不发生）；兑换服务在提供它的系统下一张工单",
      description = "Send an Idempotency-Key: a retried request then redeems once.")
  RedemptionView redeem(
      @Valid @RequestBody RedeemRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
          @Size(max = 100)
          @Pattern(regexp = OrderRequests.ID_PATTERN)
          String idempotencyKey,
      @RequestHeader(name = "Authorization") String authorization) {
    return exchange.redeem(request, idempotencyKey, authorization);
  }

  @GetMapping("/redemptions")
  @Operation(summary = "我的兑换记录")
  PageOf<RedemptionView> mine(
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return exchange.mine(page, size);
  }

  public record CancelRequest(@Size(max = 200) String reason) {}

  @PostMapping("/redemptions/{redemptionId}/cancel")
  @Operation(summary = "取消兑换（礼品）：以冲正记账退回积分，归还库存")
  RedemptionView cancel(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String redemptionId,
      @Valid @RequestBody(required = false) CancelRequest request) {
    return exchange.cancel(redemptionId, request == null ? null : request.reason());
  }
}
