package org.fourinone.volunteer.volunteers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.fourinone.order.web.OrderRequests;

/** The bodies of the volunteer registry's commands. */
public final class VolunteerRequests {

  private VolunteerRequests() {}

  /** A clock time of day, {@code HH:mm}. */
  public static final String TIME_OF_DAY = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00";

  /**
   * 实名注册: a resident of the registry ({@code residentId}), or a person with a validated ID number
   * ({@code person}) — exactly one of the two.
   */
  public record RegisterVolunteerRequest(
      @Pattern(regexp = OrderRequests.ID_PATTERN) String residentId,
      @Valid PersonRequest person,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String accountId,
      @NotNull @Size(min = 1, max = 20)
          List<@NotBlank @Pattern(regexp = OrderRequests.CODE_PATTERN) String> skills,
      @Size(max = 10) List<@NotBlank @Size(max = 30) String> languages,
      @Size(max = 28) List<@Valid @NotNull AvailabilityRequest> availability,
      @Size(max = 12)
          List<@NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String> communityIds,
      @Valid HealthRequest health,
      @Valid InsuranceRequest insurance,
      Boolean partyMember) {}

  /** A person who is not (yet) in the resident registry. */
  public record PersonRequest(
      @NotBlank @Size(max = 50) String name,
      @NotBlank @Size(max = 18) String idNumber,
      @NotBlank @Size(max = 20) String phone,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String communityId) {}

  /** A weekly slot when the volunteer can help: {@code MONDAY 08:00–12:00}. */
  public record AvailabilityRequest(
      @NotBlank @Size(max = 10) String day,
      @NotBlank @Pattern(regexp = TIME_OF_DAY) String from,
      @NotBlank @Pattern(regexp = TIME_OF_DAY) String to) {}

  /** 健康状况: fit for service, and a note for organisers (not medical details). */
  public record HealthRequest(@NotNull Boolean fit, @Size(max = 200) String note) {}

  /** 志愿者保险: insured, until when. */
  public record InsuranceRequest(@NotNull Boolean insured, LocalDate until) {}

  /** A status change with who decided (the caller) and why. */
  public record ChangeStatusRequest(
      @NotBlank @Size(max = 20) String status, @NotBlank @Size(max = 200) String reason) {}

  /** What a volunteer may change of their own file. */
  public record UpdateVolunteerRequest(
      @Size(min = 1, max = 20)
          List<@NotBlank @Pattern(regexp = OrderRequests.CODE_PATTERN) String> skills,
      @Size(max = 10) List<@NotBlank @Size(max = 30) String> languages,
      @Size(max = 28) List<@Valid @NotNull AvailabilityRequest> availability,
      @Size(min = 1, max = 12)
          List<@NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String> communityIds,
      @Valid HealthRequest health,
      @Valid InsuranceRequest insurance) {}
}
