package org.fourinone.volunteer.timebank;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.fourinone.order.web.OrderRequests;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
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
@Tag(name = "time bank", description = "时间银行：积分余额、月度对账单、储蓄转赠、冲正")
class TimeBankController {

  private final TimeBank bank;

  TimeBankController(TimeBank bank) {
    this.bank = bank;
  }

  @GetMapping("/accounts/{volunteerId}")
  @Operation(summary = "志愿者的时间银行账户余额（本人与组织者）")
  TimeBank.AccountView account(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {
    return bank.account(volunteerId);
  }

  @GetMapping("/resident-accounts/{residentId}")
  @Operation(summary = "居民（受赠亲属）的时间银行账户余额（本人）")
  TimeBank.AccountView residentAccount(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String residentId) {
    return bank.residentAccount(residentId);
  }

  @GetMapping("/accounts/{volunteerId}/statement")
  @Operation(summary = "月度对账单：期初、每笔记账及其原因、期末")
  TimeBank.Statement statement(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      @RequestParam @Pattern(regexp = "\\d{4}-\\d{2}") String month) {
    return bank.statement(volunteerId, month);
  }

  public record TransferRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String toResidentId,
      @NotBlank @Size(max = 20) String relation,
      @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal points,
      @Size(max = 200) String note) {}

  @PostMapping("/accounts/{volunteerId}/transfers")
  @Operation(
      summary = "储蓄转赠：把积分赠与亲属（按本区规则）",
      description = "Send an Idempotency-Key: a retried request then transfers once.")
  TimeBank.TransactionView transfer(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      @Valid @RequestBody TransferRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false)
          @Size(max = 100)
          @Pattern(regexp = OrderRequests.ID_PATTERN)
          String idempotencyKey) {
    return bank.transferToFamily(
        volunteerId,
        request.toResidentId(),
        request.relation(),
        request.points(),
        request.note(),
        idempotencyKey);
  }

  public record ReversalRequest(
      @NotBlank @Size(max = 120) String transactionId, @NotBlank @Size(max = 200) String reason) {}

  @PostMapping("/ledger/reversals")
  @Operation(summary = "冲正：以反向记账更正一笔已记账的交易（区管理员），从不修改原记录")
  TimeBank.TransactionView reverse(@Valid @RequestBody ReversalRequest request) {
    return bank.reverse(request.transactionId(), request.reason());
  }
}
