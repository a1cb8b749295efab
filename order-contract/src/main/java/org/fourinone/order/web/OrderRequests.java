package org.fourinone.order.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.fourinone.order.application.ChangeOrder;
import org.fourinone.order.application.PlaceOrder;

/**
 * The order contract's requests. Enums arrive as strings so that a wrong value gets a clear
 * message.
 */
public final class OrderRequests {
  private OrderRequests() {}

  public static final String ID_PATTERN = "[A-Za-z0-9._:\\-]{1,64}";

  /** An order type's code: capitals, digits and underscores. */
  public static final String CODE_PATTERN = "[A-Z0-9_]{1,64}";

  public record PlaceOrderRequest(
      @NotBlank @Pattern(regexp = "R-[0-9A-Z]{10}") String residentId,
      @NotBlank @Size(max = 64) String type,
      @NotBlank @Size(max = 32) String channel,
      @NotBlank @Size(max = 100) String title,
      @Size(max = 2000) String description,
      @Size(max = 200) String address,
      @Pattern(regexp = ID_PATTERN) String operatorId,
      @Valid ConsentRequest consent,
      @Valid VolunteerWantedRequest volunteer) {

    public PlaceOrder toCommand() {
      return new PlaceOrder(
          residentId,
          type,
          channel,
          title,
          description,
          address,
          operatorId,
          consent == null ? null : consent.given(),
          consent == null ? null : consent.how(),
          volunteer == null ? null : volunteer.skill(),
          volunteer == null ? null : volunteer.note());
    }
  }

  /**
   * The order asks for a volunteer companion (志愿者陪同) with a skill of the volunteer system's
   * catalogue; without it, the order type's own wish applies, if it has one.
   */
  public record VolunteerWantedRequest(
      @NotBlank @Pattern(regexp = CODE_PATTERN) String skill, @Size(max = 200) String note) {}

  /** The resident's consent to an order placed on their behalf. */
  public record ConsentRequest(Boolean given, @Size(max = 32) String how) {}

  /** The body of a lifecycle command; which members are required depends on the command. */
  public record OrderCommandRequest(
      @Size(max = 500) String note,
      @Size(max = 500) String reason,
      @Size(max = 32) String assigneeType,
      @Size(max = 64) String assignee,
      @Size(max = 32) String level,
      @Size(max = 500) String comment) {

    public ChangeOrder toCommand() {
      return new ChangeOrder(note, reason, assigneeType, assignee, level, comment);
    }
  }
}
