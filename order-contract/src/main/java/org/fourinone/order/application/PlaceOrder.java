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
    String consentHow,
    String volunteerSkill,
    String volunteerNote) {

  public PlaceOrder(
      String residentId,
      String type,
      String channel,
      String title,
      String description,
      String address,
      String operatorId,
      Boolean consentGiven,
      String consentHow) {
    this(
        residentId,
        type,
        channel,
        title,
        description,
        address,
        operatorId,
        consentGiven,
        consentHow,
        null,
        null);
  }
}
