package org.fourinone.publicservice.residents;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.fourinone.kit.personaldata.PersonalData;

/** 一人一档: the registration of a resident at the community window or online. */
public record RegisterResidentRequest(
    @NotBlank @Size(max = 50) String name,
    @NotBlank @Size(max = 18) String idNumber,
    @NotBlank @Size(max = 20) String phone,
    @NotBlank @Size(max = 32) String communityId,
    @Size(max = 200) String address) {

  /** The request without its personal data in clear, for the idempotency hash and logs. */
  String fingerprint(PersonalData pii) {
    return String.join(
        "|",
        name,
        pii.hash(idNumber.trim()),
        pii.hash(phone.trim()),
        communityId,
        String.valueOf(address));
  }
}
