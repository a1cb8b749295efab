package org.fourinone.sanshe.organisations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.fourinone.kit.web.PageOf;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.sanshe.organisations.OrganisationRequests.ChangeStatusRequest;
import org.fourinone.sanshe.organisations.OrganisationRequests.OfferRequest;
import org.fourinone.sanshe.organisations.OrganisationRequests.RegisterOrganisationRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/organisations")
@Tag(name = "organisations", description = "社会组织登记、入驻、服务菜单发布与状态")
class OrganisationController {

  private final Organisations organisations;

  OrganisationController(Organisations organisations) {
    this.organisations = organisations;
  }

  @PostMapping
  @Operation(
      summary = "登记社会组织（区民政）或备案社区社会组织（街道）",
      description =
          "统一社会信用代码 checked by its GB 32100 check character (a civil-affairs code's second"
              + " character must fit the kind); a community organisation may have a filing number"
              + " (备案号) instead. The legal representative's ID number and phone are kept"
              + " encrypted and shown masked.")
  ResponseEntity<OrganisationView> register(
      @Valid @RequestBody RegisterOrganisationRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 100)
          String idempotencyKey,
      HttpServletRequest http) {
    var registered = organisations.register(request, idempotencyKey);
    var response =
        ResponseEntity.created(
            URI.create(http.getRequestURI() + "/" + registered.organisation().organisationId()));
    if (registered.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.body(registered.organisation());
  }

  @GetMapping
  @Operation(summary = "本辖区的社会组织（区：全部；街道：本街道；社区：在本社区登记或服务的；组织：本组织）")
  PageOf<OrganisationView> list(
      @RequestParam(required = false) @Size(max = 40) String kind,
      @RequestParam(required = false) @Size(max = 20) String status,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId,
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.CODE_PATTERN) String item,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
    return organisations.list(kind, status, communityId, item, page, size);
  }

  @GetMapping("/{organisationId}")
  @Operation(summary = "社会组织档案（法定代表人信息脱敏）")
  OrganisationView read(
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId) {
    return organisations.read(organisationId);
  }

  @GetMapping("/{organisationId}/legal-representative")
  @Operation(summary = "法定代表人身份证号、手机号明文（区管理员与本组织；每次读取记入审计）")
  ResponseEntity<Organisations.LegalRepresentativeView> legalRepresentative(
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId) {
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(organisations.legalRepresentative(organisationId));
  }

  @PutMapping("/{organisationId}/offers/{item}")
  @Operation(summary = "发布（或修改）本组织提供的服务菜单项：价格（0 为免费）、每周服务能力、覆盖社区")
  OrganisationView publishOffer(
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @PathVariable @Pattern(regexp = OrderRequests.CODE_PATTERN) String item,
      @Valid @RequestBody OfferRequest offer) {
    return organisations.publishOffer(organisationId, item, offer);
  }

  @DeleteMapping("/{organisationId}/offers/{item}")
  @Operation(summary = "撤下服务菜单项")
  OrganisationView withdrawOffer(
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @PathVariable @Pattern(regexp = OrderRequests.CODE_PATTERN) String item) {
    return organisations.withdrawOffer(organisationId, item);
  }

  @PostMapping("/{organisationId}/inspections")
  @Operation(summary = "记录年检结果（区民政；社区社会组织由街道）")
  OrganisationView inspect(
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @Valid @RequestBody OrganisationRequests.InspectionRequest request) {
    return organisations.recordInspection(
        organisationId, request.year(), request.result(), request.note());
  }

  @PostMapping("/{organisationId}/party-checks")
  @Operation(summary = "党建体检（三三三工作法）：是否建立党组织及年度活动次数，由党务工作者报送")
  OrganisationView partyCheck(
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @Valid @RequestBody OrganisationRequests.PartyCheckRequest request) {
    return organisations.reportPartyCheck(
        organisationId,
        request.year(),
        request.hasBranch(),
        request.branchName(),
        request.activities());
  }

  @PostMapping("/{organisationId}/status")
  @Operation(summary = "变更组织状态（孵化中→运营中、暂停、淘汰），记录决定人和理由")
  OrganisationView changeStatus(
      @PathVariable @Pattern(regexp = OrganisationRequests.ORGANISATION_ID) String organisationId,
      @Valid @RequestBody ChangeStatusRequest request) {
    return organisations.changeStatus(organisationId, request);
  }
}
