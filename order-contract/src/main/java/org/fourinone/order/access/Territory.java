package org.fourinone.order.access;

/** Where something belongs (属地): a resident, their community and street. */
public record Territory(String residentId, String communityId, String streetId) {}
