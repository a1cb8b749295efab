package org.fourinone.volunteer.exchange;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.fourinone.order.web.OrderRequests;

/** The bodies of the exchange's commands. */
public final class ExchangeRequests {

  private ExchangeRequests() {}

  /** 兑换品: a gift with stock, or a service that places an order in the system providing it. */
  public record ItemRequest(
      @NotBlank @Size(max = 100) String name,
      @Size(max = 500) String description,
      @NotBlank @Size(max = 20) String kind,
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") BigDecimal points,
      @NotNull @Min(0) @Max(1_000_000) Integer stock,
      @NotNull @Valid SupplierRequest supplier,
      @NotNull @Size(min = 1, max = 50)
          List<@NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String> communityIds,
      @Valid ServiceRequest service) {}

  /** 供给方: the community, a partner unit (共建单位) or a merchant (爱心商户). */
  public record SupplierRequest(
      @NotBlank @Size(max = 20) String kind, @NotBlank @Size(max = 100) String name) {}

  /** The order a service item places: which system, which of its order types. */
  public record ServiceRequest(
      @NotBlank @Size(max = 20) String system,
      @NotBlank @Pattern(regexp = OrderRequests.CODE_PATTERN) String orderType,
      @Size(max = 200) String address) {}

  public record StockRequest(@NotNull @Min(1) @Max(100_000) Integer add) {}

  /** 兑换: an item, how many, for the service the address it is needed at. */
  public record RedeemRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String itemId,
      @NotNull @Min(1) @Max(20) Integer quantity,
      @Size(max = 200) String address,
      @Size(max = 500) String note) {}
}
