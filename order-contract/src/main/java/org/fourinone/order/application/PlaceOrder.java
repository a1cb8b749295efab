package org.fourinone.order.application;

/**
 * The command to place an order, as the caller sent it (enums as text, so that a wrong value gets a
 * clear message naming the allowed ones).
 */
public record PlaceOrder(
    String residentId,
    String type,
    String channel,
    String title,
    String description,
    String address,
    String operatorId,
    Boolean consentGiven,
    String consentHow) {}
