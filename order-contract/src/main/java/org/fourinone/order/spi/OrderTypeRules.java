package org.fourinone.order.spi;

import java.util.EnumSet;
import java.util.Set;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderType;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Role;

/**
 * What one order type of a system requires and allows.
 *
 * @param type code, Chinese name and category, as every system shows it
 * @param requires fields of the order that must be filled in ({@code description}, {@code address})
 * @param channels the channels it may be placed through
 * @param handledBy the staff roles that handle it: accept, assign, reject, start and complete (the
 *     contract's matrix still applies: a role that may never take an action does not get it here)
 * @param assignees the kinds of actor it may be dispatched to
 * @param volunteerWanted a volunteer companion every order of this type asks for (null: none unless
 *     the order itself asks)
 */
public record OrderTypeRules(
    OrderType type,
    Set<String> requires,
    Set<Channel> channels,
    Set<Role> handledBy,
    Set<AssigneeType> assignees,
    Order.VolunteerWanted volunteerWanted) {

  public OrderTypeRules(
      OrderType type,
      Set<String> requires,
      Set<Channel> channels,
      Set<Role> handledBy,
      Set<AssigneeType> assignees) {
    this(type, requires, channels, handledBy, assignees, null);
  }

  /** Fields an order type may require beyond the contract's own. */
  public static final Set<String> REQUIRABLE = Set.of("description", "address");

  public OrderTypeRules {
    requires = Set.copyOf(requires);
    if (!REQUIRABLE.containsAll(requires)) {
      throw new IllegalArgumentException(
          type.code() + ": only " + REQUIRABLE + " can be required, not " + requires);
    }
    channels = channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels);
    handledBy = handledBy.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(handledBy);
    assignees =
        assignees.isEmpty() ? EnumSet.noneOf(AssigneeType.class) : EnumSet.copyOf(assignees);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException(type.code() + ": no channel to place it through");
    }
  }

  /**
   * The roles that may take {@code action} on an order of this type: the contract's matrix,
   * narrowed for staff to those that handle the type, and for organisation staff and volunteers to
   * the kinds of assignee it can have.
   */
  public Set<Role> actorsOf(OrderAction action) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Role role : AccessPolicy.actorsOf(action)) {
      boolean allowed =
          switch (role) {
            case ORGANISATION_STAFF -> assignees.contains(AssigneeType.ORGANISATION);
            case VOLUNTEER -> assignees.contains(AssigneeType.VOLUNTEER);
            case COMMUNITY_WORKER, SOCIAL_WORKER, PARTY_STAFF, STREET_OFFICER ->
                action == OrderAction.CANCELLED || handledBy.contains(role);
            default -> true;
          };
      if (allowed) {
        roles.add(role);
      }
    }
    return roles;
  }
}
