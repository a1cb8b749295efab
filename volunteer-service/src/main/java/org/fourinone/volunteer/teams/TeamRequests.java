package org.fourinone.volunteer.teams;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.fourinone.order.web.OrderRequests;

/** The bodies of teams' commands. */
public final class TeamRequests {

  private TeamRequests() {}

  public record CreateTeamRequest(
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Size(max = 20) String level,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String streetId,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String communityId,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String parentTeamId,
      @NotNull @Valid AttachedToRequest attachedTo) {}

  /** What the team belongs to: a community, an organisation, a party branch, a partner unit. */
  public record AttachedToRequest(
      @NotBlank @Size(max = 20) String kind,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String id,
      @NotBlank @Size(max = 100) String name) {}

  public record JoinRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId, Boolean leader) {}
}
