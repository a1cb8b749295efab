package org.fourinone.volunteer.certificates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a volunteer service certificate (志愿服务证明) states, as the national rules for volunteer records
 * fix it (民政部令第67号, 2021): the volunteer (name, ID type and number — masked — and volunteer
 * number), the period, the hours, what was done and for whom, the issuing organisation (name, head,
 * handler, contact), the certificate's number and date, and where to verify it.
 */
public record CertificateContent(
    String number,
    String volunteerName,
    String idType,
    String idNumberMasked,
    String volunteerNumber,
    LocalDate from,
    LocalDate to,
    BigDecimal hours,
    int records,
    List<Service> services,
    List<String> organisations,
    Issuer issuer,
    LocalDate issuedOn,
    String verificationUrl) {

  /** One line of the service summary: a kind of service, its hours, how often. */
  public record Service(String kind, BigDecimal hours, int times) {}

  /** 出具单位: name, head (负责人), handler (经办人), contact. */
  public record Issuer(String name, String head, String handler, String contact) {}
}
