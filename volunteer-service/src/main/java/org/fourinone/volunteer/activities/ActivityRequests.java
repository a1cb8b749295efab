package org.fourinone.volunteer.activities;

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

/** The bodies of activities' commands. */
public final class ActivityRequests {

  private ActivityRequests() {}

  /** 发布志愿服务活动: where, what, and its shifts (班次). */
  public record PublishActivityRequest(
      @NotBlank @Size(max = 100) String title,
      @Size(max = 1000) String description,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String communityId,
      @NotBlank @Size(max = 200) String address,
      @Valid LocationRequest location,
      @NotBlank @Pattern(regexp = OrderRequests.CODE_PATTERN) String serviceKind,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String teamId,
      @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull ShiftRequest> shifts) {}

  public record LocationRequest(
      @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
      @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng) {}

  /** A shift: when, how many places, the skills it asks for (none: anyone). */
  public record ShiftRequest(
      @NotNull Instant start,
      @NotNull Instant end,
      @NotNull @Min(1) @Max(500) Integer places,
      @Size(max = 5) List<@NotBlank @Pattern(regexp = OrderRequests.CODE_PATTERN) String> skills) {}

  /** Sign up: the caller themself, or (by an organiser) a named volunteer. */
  public record SignUpRequest(@Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {}
}
