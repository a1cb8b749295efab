package org.fourinone.volunteer.records;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.fourinone.order.web.OrderRequests;

/** The bodies of service records' commands. */
public final class RecordRequests {

  private RecordRequests() {}

  public record Position(
      @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
      @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng) {}

  /**
   * 签到: the shift, the organiser's code, where the volunteer is. An organiser recording a check-in
   * afterwards (补录) names the volunteer and when they came, without a code.
   */
  public record CheckInRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String activityId,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String shiftId,
      @Pattern(regexp = "\\d{6}") String code,
      @Valid Position location,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      Instant at) {}

  /** 签退: where, and (recorded later by the organiser) when the volunteer left. */
  public record CheckOutRequest(@Valid Position location, Instant at) {}

  /** 自主申报: hours of unscheduled help, declared by the volunteer (or for them). */
  public record DeclareRequest(
      @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      @NotNull Instant start,
      @NotNull Instant end,
      @NotBlank @Pattern(regexp = OrderRequests.CODE_PATTERN) String serviceKind,
      @NotBlank @Size(max = 500) String description,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String communityId) {}

  /** 审核通过, optionally with the minutes the approver sets (a record that had none). */
  public record ApproveRequest(@Size(max = 200) String note, @Min(1) @Max(1440) Integer minutes) {}

  public record DenyRequest(@NotBlank @Size(max = 200) String reason) {}

  /** Several records approved at once (批量审核). */
  public record ApproveManyRequest(
      @NotNull @Size(min = 1, max = 500)
          List<@NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String> recordIds,
      @Size(max = 200) String note) {}
}
