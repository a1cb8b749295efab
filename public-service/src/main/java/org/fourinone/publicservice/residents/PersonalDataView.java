package org.fourinone.publicservice.residents;

/** A resident's ID number and phone in clear: served only to the roles that need them, audited. */
public record PersonalDataView(String residentId, String idNumber, String phone) {}
