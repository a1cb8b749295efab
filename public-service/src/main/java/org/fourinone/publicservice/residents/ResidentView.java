package org.fourinone.publicservice.residents;

import java.time.Instant;
import java.util.Map;

/**
 * A resident as the API shows it: ID number and phone masked, and the file's count of what the
 * other systems did for them ({@code servicesElsewhere}: system → placed / completed).
 */
public record ResidentView(
    String residentId,
    String name,
    String idNumberMasked,
    String phoneMasked,
    String communityId,
    String streetId,
    String address,
    Instant registeredAt,
    Map<String, Map<String, Integer>> servicesElsewhere) {}
