package org.fourinone.volunteer.teams;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.web.OrderRequests;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/teams")
@Tag(name = "teams", description = "志愿者队伍：区协会、街道、社区三级，队长与队员")
class TeamController {

  private final Teams teams;

  TeamController(Teams teams) {
    this.teams = teams;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "成立志愿者队伍（挂靠社区、社会组织、党支部或共建单位）")
  TeamView create(@Valid @RequestBody TeamRequests.CreateTeamRequest request) {
    return teams.create(request);
  }

  @GetMapping
  @Operation(summary = "本辖区的队伍，或某志愿者所在的队伍")
  PageOf<TeamView> list(
      @RequestParam(required = false) @Size(max = 20) String level,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String volunteerId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return teams.list(level, communityId, volunteerId, page, size);
  }

  @GetMapping("/{teamId}")
  @Operation(summary = "队伍、队长与队员")
  TeamView read(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String teamId) {
    return teams.read(teamId);
  }

  @PostMapping("/{teamId}/members")
  @Operation(summary = "加入队伍（本人），或组织者、队长添加队员；设队长须组织者")
  TeamView join(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String teamId,
      @Valid @RequestBody TeamRequests.JoinRequest request) {
    return teams.join(teamId, request.volunteerId(), Boolean.TRUE.equals(request.leader()));
  }

  @DeleteMapping("/{teamId}/members/{volunteerId}")
  @Operation(summary = "退出队伍")
  TeamView leave(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String teamId,
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {
    return teams.leave(teamId, volunteerId);
  }
}
