package org.fourinone.sanshe.workers;

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
import java.time.LocalDate;
import org.fourinone.order.web.OrderRequests;

/** Requests of the social-worker files. */
public final class WorkerRequests {

  private WorkerRequests() {}

  /**
   * A worker is registered under their platform account (the token's {@code sub}), as volunteers
   * are: that is the id an order is assigned to.
   */
  public record RegisterWorkerRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String workerId,
      @NotBlank @Size(max = 50) String name,
      @Pattern(regexp = "R-[0-9A-Z]{10}") String residentId,
      @NotBlank @Size(max = 20) String kind,
      @NotNull @Valid EmployerRequest employer,
      @Valid PostRequest post,
      @NotNull LocalDate joinedOn) {}

  /** The employer: a social organisation, or a community (its residents' committee). */
  public record EmployerRequest(
      @NotBlank @Size(max = 20) String type,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String id,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String communityId) {}

  public record PostRequest(
      @NotBlank @Size(max = 20) String category, @Min(1) @Max(18) int grade) {}

  public record QualifyRequest(
      @NotBlank @Size(max = 20) String level,
      @NotBlank @Pattern(regexp = "[A-Za-z0-9\\-]{4,40}") String certificateNumber,
      @Min(2006) @Max(2100) int year) {}

  public record TrainingRequest(
      @NotBlank @Size(max = 100) String title,
      @NotNull @DecimalMin("0.5") @DecimalMax("200") BigDecimal hours,
      @NotNull LocalDate date,
      @Size(max = 100) String provider) {}

  public record TransferRequest(
      @NotNull @Valid EmployerRequest employer,
      @Valid PostRequest post,
      @NotBlank @Size(max = 500) String reason) {}

  public record LeaveRequest(@NotBlank @Size(max = 500) String reason) {}
}
