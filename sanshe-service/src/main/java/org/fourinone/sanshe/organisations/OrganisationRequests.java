package org.fourinone.sanshe.organisations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.fourinone.order.web.OrderRequests;

/** The registry's requests. Enums arrive as text, so that a wrong value gets a clear message. */
public final class OrganisationRequests {

  private OrganisationRequests() {}

  /** An organisation's id: {@code ORG-} and capitals, digits or dashes. */
  public static final String ORGANISATION_ID = "ORG-[A-Z0-9-]{2,40}";

  /** A landline or a mobile as people write them. */
  static final String PHONE = "[0-9+()\\- ]{7,20}";

  public record RegisterOrganisationRequest(
      @Pattern(regexp = ORGANISATION_ID) String organisationId,
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Size(max = 40) String kind,
      @Size(max = 40) String selfKind,
      @Size(max = 24) String creditCode,
      @Size(max = 40) String filingNumber,
      @Size(max = 12)
          List<@NotBlank @Pattern(regexp = OrderRequests.CODE_PATTERN) String> serviceDomains,
      @NotNull @Valid ContactRequest contact,
      @NotNull @Valid LegalRepresentativeRequest legalRepresentative,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String homeStreetId,
      @Pattern(regexp = OrderRequests.ID_PATTERN) String homeCommunityId,
      @Size(max = 20) String status,
      @Valid SettlementRequest settlement) {}

  public record ContactRequest(
      @NotBlank @Size(max = 50) String name, @NotBlank @Pattern(regexp = PHONE) String phone) {}

  /** 法定代表人 (负责人): personal data, protected as the resident registry protects it. */
  public record LegalRepresentativeRequest(
      @NotBlank @Size(max = 50) String name,
      @NotBlank @Size(max = 18) String idNumber,
      @NotBlank @Size(max = 20) String phone) {}

  /** 入驻: which service centre hosts the organisation, since when, in which room. */
  public record SettlementRequest(
      @NotBlank @Size(max = 20) String level,
      @NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String centreId,
      @NotNull LocalDate since,
      @Size(max = 100) String room) {}

  /** An item of the menu the organisation offers: price (0 = free), weekly capacity, where. */
  public record OfferRequest(
      @NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal price,
      @NotNull @Min(1) @Max(10000) Integer capacityPerWeek,
      @NotEmpty @Size(max = 200)
          List<@NotBlank @Pattern(regexp = OrderRequests.ID_PATTERN) String> communities) {}

  /** 年检 of a year. */
  public record InspectionRequest(
      @Min(2000) @Max(2100) int year,
      @NotBlank @Size(max = 20) String result,
      @Size(max = 500) String note) {}

  /** 党建体检 of a year, as the party system reports it. */
  public record PartyCheckRequest(
      @Min(2000) @Max(2100) int year,
      @NotNull Boolean hasBranch,
      @Size(max = 100) String branchName,
      @Min(0) @Max(1000) int activities) {}

  public record ChangeStatusRequest(
      @NotBlank @Size(max = 20) String status, @NotBlank @Size(max = 500) String reason) {}
}
