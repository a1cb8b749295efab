package org.fourinone.publicservice.residents;

import java.time.Instant;

/** A resident as the API shows it: ID number and phone masked. */
public record ResidentView(
    String residentId,
    String name,
    String idNumberMasked,
    String phoneMasked,
    String communityId,
    String streetId,
    String address,
    Instant registeredAt) {}
