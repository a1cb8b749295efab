package org.fourinone.volunteer.certificates;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.fourinone.order.web.OrderRequests;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
@RequestMapping("${fourinone.api-prefix}")
@Tag(name = "certificates", description = "志愿服务证明：出具、下载 PDF、公开核验")
class CertificateController {

  private final Certificates certificates;

  CertificateController(Certificates certificates) {
    this.certificates = certificates;
  }

  public record IssuerRequest(
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Size(max = 50) String head,
      @NotBlank @Size(max = 50) String handler,
      @NotBlank @Size(max = 50) String contact) {}

  public record IssueRequest(
      @NotNull LocalDate from, @NotNull LocalDate to, @Valid IssuerRequest issuer) {}

  @PostMapping("/volunteers/{volunteerId}/certificates")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "出具志愿服务证明（仅含审核通过的服务时长）")
  Certificates.CertificateView issue(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId,
      @Valid @RequestBody IssueRequest request) {
    IssuerRequest i = request.issuer();
    return certificates.issue(
        volunteerId,
        request.from(),
        request.to(),
        i == null
            ? null
            : new CertificateContent.Issuer(i.name(), i.head(), i.handler(), i.contact()));
  }

  @GetMapping("/volunteers/{volunteerId}/certificates")
  @Operation(summary = "志愿者的证明")
  List<Certificates.CertificateView> list(
      @PathVariable @Pattern(regexp = OrderRequests.ID_PATTERN) String volunteerId) {
    return certificates.of(volunteerId);
  }

  @GetMapping(value = "/certificates/{number}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(summary = "下载志愿服务证明 PDF")
  ResponseEntity<byte[]> pdf(@PathVariable @Pattern(regexp = "[A-Z0-9]{8,30}") String number) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("志愿服务证明-" + number + ".pdf", java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("Cache-Control", "no-store")
        .body(certificates.pdf(number));
  }

  @GetMapping("/certificates/{number}/verification")
  @Operation(summary = "公开核验证明编号的真伪（无需登录，不含个人信息）")
  Certificates.Verification verify(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9]{1,30}") String number) {
    return certificates.verify(number);
  }
}
