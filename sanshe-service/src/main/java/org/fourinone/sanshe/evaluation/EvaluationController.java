package org.fourinone.sanshe.evaluation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.fourinone.sanshe.evaluation.EvaluationRounds.EntryView;
import org.fourinone.sanshe.evaluation.EvaluationRounds.RoundView;
import org.fourinone.sanshe.organisations.OrganisationRequests;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/evaluation-rounds")
@Tag(name = "evaluation", description = "社会组织星级评定与淘汰：社区推荐 → 街道初审 → 区级复核 → 公示 → 评定")
class EvaluationController {

  static final String ROUND_ID = "EVAL-[0-9]{4}";

  private final EvaluationRounds rounds;

  EvaluationController(EvaluationRounds rounds) {
    this.rounds = rounds;
  }

  record OpenRoundRequest(@Min(2000) @Max(2100) int year) {}

  record RecommendRequest(
      @NotBlank @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @Min(0) @Max(100) int influence,
      @Min(0) @Max(1000) int activitiesHeld,
      @Size(max = 500) String note) {}

  record ReviewRequest(@NotNull Boolean approved, @Size(max = 500) String note) {}

  record AdvanceRequest(@NotBlank @Size(max = 30) String stage) {}

  record EliminationRequest(@NotNull Boolean eliminate, @NotBlank @Size(max = 500) String reason) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "开启年度星级评定（区民政）")
  RoundView open(@Valid @RequestBody OpenRoundRequest request) {
    return rounds.open(request.year());
  }

  @GetMapping
  @Operation(summary = "历年评定")
  List<RoundView> list() {
    return rounds.list();
  }

  @GetMapping("/{roundId}")
  @Operation(summary = "一轮评定：本辖区的参评组织、各项得分构成与星级")
  RoundView read(@PathVariable @Pattern(regexp = ROUND_ID) String roundId) {
    return rounds.read(roundId);
  }

  @PostMapping("/{roundId}/recommendations")
  @Operation(summary = "社区推荐参评组织：社区影响力评分（0–100）与年度活动次数")
  EntryView recommend(
      @PathVariable @Pattern(regexp = ROUND_ID) String roundId,
      @Valid @RequestBody RecommendRequest request) {
    return rounds.recommend(
        roundId,
        request.organisationId(),
        request.influence(),
        request.activitiesHeld(),
        request.note());
  }

  @PostMapping("/{roundId}/entries/{organisationId}/street-review")
  @Operation(summary = "街道初审")
  EntryView streetReview(
      @PathVariable @Pattern(regexp = ROUND_ID) String roundId,
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @Valid @RequestBody ReviewRequest request) {
    return rounds.streetReview(roundId, organisationId, request.approved(), request.note());
  }

  @PostMapping("/{roundId}/entries/{organisationId}/district-review")
  @Operation(summary = "区级复核")
  EntryView districtReview(
      @PathVariable @Pattern(regexp = ROUND_ID) String roundId,
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @Valid @RequestBody ReviewRequest request) {
    return rounds.districtReview(roundId, organisationId, request.approved(), request.note());
  }

  @PostMapping("/{roundId}/stage")
  @Operation(summary = "进入下一阶段（进入区级复核时计分；进入公示时定公示期；评定时公布星级并提出淘汰建议）")
  RoundView advance(
      @PathVariable @Pattern(regexp = ROUND_ID) String roundId,
      @Valid @RequestBody AdvanceRequest request) {
    return rounds.advance(roundId, request.stage());
  }

  @PostMapping("/{roundId}/entries/{organisationId}/elimination")
  @Operation(summary = "淘汰决定：记录决定人与理由")
  EntryView decideElimination(
      @PathVariable @Pattern(regexp = ROUND_ID) String roundId,
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @Valid @RequestBody EliminationRequest request) {
    return rounds.decideElimination(roundId, organisationId, request.eliminate(), request.reason());
  }
}
