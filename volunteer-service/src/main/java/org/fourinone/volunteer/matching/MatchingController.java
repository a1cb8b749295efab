package org.fourinone.volunteer.matching;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import org.bson.Document;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.access.Actor;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}")
@Tag(name = "needs", description = "需求对接：服务需求、候选排序、邀请、接受与婉拒")
class MatchingController {

  private final Needs needs;
  private final Matcher matcher;
  private final Volunteers volunteers;

  MatchingController(Needs needs, Matcher matcher, Volunteers volunteers) {
    this.needs = needs;
    this.matcher = matcher;
    this.volunteers = volunteers;
  }

  @GetMapping("/needs")
  @Operation(summary = "本辖区的服务需求（组织者）")
  PageOf<NeedView> list(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Size(max = 20) String state,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return needs.list(communityId, state, page, size).map(d -> NeedView.of(d, List.of()));
  }

  @GetMapping("/needs/{needId}")
  @Operation(summary = "服务需求、邀请记录；组织者还能看到候选志愿者的排序与各项得分")
  NeedView read(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String needId) {
    Document need = needs.visible(needId);
    Actor caller = Actor.current();
    boolean organiser =
        Volunteers.mayOrganise(caller, need.getString("communityId"), need.getString("streetId"));
    List<Ranking.Score> candidates =
        organiser && !Needs.State.MATCHED.name().equals(need.getString("state"))
            ? matcher.rank(need, new HashMap<>()).stream().limit(10).toList()
            : List.of();
    return NeedView.of(need, candidates);
  }

  public record InviteRequest(
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      @Size(max = 200) String reason) {}

  @PostMapping("/needs/{needId}/invitations")
  @Operation(summary = "组织者指定邀请一位志愿者（替代当前邀请）")
  NeedView invite(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String needId,
      @Valid @RequestBody InviteRequest request) {
    Actor caller = Actor.current();
    Document need = needs.visible(needId);
    if (!Volunteers.mayOrganise(
        caller, need.getString("communityId"), need.getString("streetId"))) {
      throw org.fourinone.kit.problem.Problem.forbidden();
    }
    volunteers.requireActive(request.volunteerId(), "volunteerId");
    String state = need.getString("state");
    if (Needs.State.MATCHED.name().equals(state) || Needs.State.CLOSED.name().equals(state)) {
      throw org.fourinone.kit.problem.Problem.conflict("volunteer.need-not-open", needId, state);
    }
    if (!needs.invite(need, request.volunteerId(), caller.subject(), request.reason())) {
      throw org.fourinone.kit.problem.Problem.conflict("volunteer.concurrent-change", needId);
    }
    return NeedView.of(needs.find(needId).orElseThrow(), List.of());
  }

  @GetMapping("/invitations")
  @Operation(summary = "我收到的邀请（待答复）")
  List<NeedView> invitations() {
    return needs.invitationsOfCaller().stream().map(d -> NeedView.of(d, List.of())).toList();
  }

  @PostMapping("/needs/{needId}/accept")
  @Operation(summary = "接受邀请：匹配成功，记入工单时间线（四个系统都能看到）")
  NeedView accept(@PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String needId) {
    Document matched = needs.accept(needId);
    matcher.announce(matched);
    return NeedView.of(needs.find(needId).orElseThrow(), List.of());
  }

  public record DeclineRequest(@Size(max = 200) String reason) {}

  @PostMapping("/needs/{needId}/decline")
  @Operation(summary = "婉拒邀请：邀请下一位候选志愿者")
  NeedView decline(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String needId,
      @Valid @RequestBody(required = false) DeclineRequest request) {
    return NeedView.of(needs.decline(needId, request == null ? null : request.reason()), List.of());
  }
}
