package org.fourinone.order.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.Channel;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.application.OrderQueries;
import org.fourinone.order.application.OrderService;
import org.fourinone.order.web.OrderRequests.OrderCommandRequest;
import org.fourinone.order.web.OrderRequests.PlaceOrderRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The order contract, the same in all four systems, under {@code /api/<system>}. */
@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}")
@Tag(name = "orders", description = "工单：在任一系统下单，四个系统同步可见、可跟踪")
public class OrderController {

  private final OrderService orders;
  private final OrderQueries queries;

  public OrderController(OrderService orders, OrderQueries queries) {
    this.orders = orders;
    this.queries = queries;
  }

  @GetMapping("/order-types")
  @Operation(summary = "本系统可受理的工单类型")
  public List<OrderTypeView> orderTypes() {
    return orders.types().stream().map(OrderTypeView::of).toList();
  }

  @PostMapping("/orders")
  @Operation(summary = "下单（四端：WEB、APP、CALL_CENTER、DOOR_TO_DOOR）")
  public ResponseEntity<OrderView> place(
      @Valid @RequestBody PlaceOrderRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest http) {
    var placed = orders.place(request.toCommand(), idempotencyKey);
    var builder =
        ResponseEntity.created(URI.create(http.getRequestURI() + "/" + placed.order().orderId()));
    if (placed.replayed()) {
      builder.header("Idempotent-Replayed", "true");
    }
    return builder.body(OrderView.of(placed.order(), RequestContextUtils.getLocale(http)));
  }

  @GetMapping("/orders")
  @Operation(
      summary = "工单队列：本辖区（社区、街道、区）四个系统的工单，可按系统、状态、渠道、类型、社区、时长筛选",
      description =
          "The caller's territory bounds the list: a community's staff see their community, a street"
              + " officer their street, the district everything, a resident their own, an"
              + " organisation or a volunteer what is assigned to them.")
  public PageOf<OrderView> queue(
      @RequestParam(required = false) OriginSystem originSystem,
      @RequestParam(required = false) OrderStatus status,
      @RequestParam(required = false) Channel channel,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.CODE_PATTERN) String type,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Min(0) @Max(100_000) Integer olderThanHours,
      @RequestParam(defaultValue = "newest") @Pattern(regexp = "newest|oldest") String sort,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size,
      HttpServletRequest http) {
    var locale = RequestContextUtils.getLocale(http);
    var query =
        new OrderQueries.Query(
            originSystem == null ? null : originSystem.name(),
            status == null ? null : status.name(),
            channel == null ? null : channel.name(),
            type,
            communityId,
            olderThanHours,
            "oldest".equals(sort));
    return queries.queue(query, page, size).map(o -> OrderView.of(o, locale));
  }

  @GetMapping("/orders/statistics")
  @Operation(
      summary = "工单统计：按系统、渠道、状态、类型、社区计数，超时未办结数，好差评分布（本辖区）",
      description =
          "Counted by the store, within the caller's territory. overdue: open orders (SUBMITTED,"
              + " ACCEPTED, ASSIGNED, IN_PROGRESS) older than overdueAfterHours (default"
              + " fourinone.orders.overdue-after). Residents, organisations and volunteers get"
              + " 403.")
  public OrderQueries.Statistics statistics(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Min(1) @Max(100_000) Integer overdueAfterHours) {
    return queries.statistics(communityId, overdueAfterHours);
  }

  @GetMapping("/orders/{orderId}")
  @Operation(summary = "查看工单及其时间线（任一系统的工单）")
  public OrderView order(@PathVariable String orderId, HttpServletRequest http) {
    return OrderView.of(orders.read(orderId), RequestContextUtils.getLocale(http));
  }

  @GetMapping("/residents/{residentId}/orders")
  @Operation(summary = "居民在四个系统中的全部工单，最新在前")
  public PageOf<OrderView> ofResident(
      @PathVariable String residentId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size,
      HttpServletRequest http) {
    var locale = RequestContextUtils.getLocale(http);
    return orders.ofResident(residentId, page, size).map(o -> OrderView.of(o, locale));
  }

  @PostMapping("/orders/{orderId}/{command}")
  @Operation(summary = "工单流转：accept、assign、start、complete、cancel、reject、rate（仅在来源系统）")
  public OrderView act(
      @PathVariable String orderId,
      @PathVariable String command,
      @Valid @RequestBody(required = false) OrderCommandRequest request,
      HttpServletRequest http) {
    return OrderView.of(
        orders.act(orderId, command, request == null ? null : request.toCommand()),
        RequestContextUtils.getLocale(http));
  }
}
