package org.fourinone.order.access;

import static org.fourinone.order.access.Role.CALL_CENTER_OPERATOR;
import static org.fourinone.order.access.Role.COMMUNITY_WORKER;
import static org.fourinone.order.access.Role.DISTRICT_ADMIN;
import static org.fourinone.order.access.Role.ORGANISATION_STAFF;
import static org.fourinone.order.access.Role.PARTNER_SYSTEM;
import static org.fourinone.order.access.Role.PARTY_STAFF;
import static org.fourinone.order.access.Role.PLATFORM_OPERATOR;
import static org.fourinone.order.access.Role.RESIDENT;
import static org.fourinone.order.access.Role.SOCIAL_WORKER;
import static org.fourinone.order.access.Role.STREET_OFFICER;
import static org.fourinone.order.access.Role.VOLUNTEER;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;

/**
 * The permission matrix of docs/security.md (属地化管理). A caller whose roles can never do something
 * gets 403; a caller who could, but not here, gets 404 when they may not even see the object (its
 * existence is not revealed) and 403 when they may see it but not act on it. Each system narrows
 * who acts on each of its order types (OrderTypeRules#actorsOf).
 */
public final class AccessPolicy {

  /** Roles whose scope is one community. */
  static final Set<Role> COMMUNITY_ROLES =
      EnumSet.of(COMMUNITY_WORKER, CALL_CENTER_OPERATOR, SOCIAL_WORKER, PARTY_STAFF);

  /** Who may take each lifecycle action, by role (scope is checked separately). */
  static final Map<OrderAction, Set<Role>> ACTORS =
      Map.of(
          OrderAction.ACCEPTED,
              EnumSet.of(
                  COMMUNITY_WORKER, SOCIAL_WORKER, PARTY_STAFF, STREET_OFFICER, DISTRICT_ADMIN),
          OrderAction.ASSIGNED,
              EnumSet.of(
                  COMMUNITY_WORKER, SOCIAL_WORKER, PARTY_STAFF, STREET_OFFICER, DISTRICT_ADMIN),
          OrderAction.REJECTED,
              EnumSet.of(
                  COMMUNITY_WORKER, SOCIAL_WORKER, PARTY_STAFF, STREET_OFFICER, DISTRICT_ADMIN),
          OrderAction.STARTED,
              EnumSet.of(
                  COMMUNITY_WORKER,
                  SOCIAL_WORKER,
                  PARTY_STAFF,
                  ORGANISATION_STAFF,
                  VOLUNTEER,
                  DISTRICT_ADMIN),
          OrderAction.COMPLETED,
              EnumSet.of(
                  COMMUNITY_WORKER,
                  SOCIAL_WORKER,
                  PARTY_STAFF,
                  ORGANISATION_STAFF,
                  VOLUNTEER,
                  DISTRICT_ADMIN),
          OrderAction.CANCELLED,
              EnumSet.of(
                  RESIDENT, COMMUNITY_WORKER, CALL_CENTER_OPERATOR, SOCIAL_WORKER, DISTRICT_ADMIN),
          OrderAction.RATED, EnumSet.of(RESIDENT));

  /**
   * People who run a territory (community, street, district), as opposed to the people served and
   * those who only do what is assigned to them: they look residents up and read the figures.
   */
  public static final Set<Role> TERRITORY_STAFF =
      Collections.unmodifiableSet(
          EnumSet.of(
              COMMUNITY_WORKER,
              CALL_CENTER_OPERATOR,
              SOCIAL_WORKER,
              PARTY_STAFF,
              STREET_OFFICER,
              DISTRICT_ADMIN));

  /** Whether one of the caller's roles runs a territory ({@link #TERRITORY_STAFF}). */
  public static boolean runsATerritory(Actor caller) {
    return caller.roles().stream().anyMatch(TERRITORY_STAFF::contains);
  }

  /** Roles that place orders on a resident's behalf (call centre, door-to-door). */
  static final Set<Role> ASSISTING =
      EnumSet.of(COMMUNITY_WORKER, CALL_CENTER_OPERATOR, SOCIAL_WORKER);

  private AccessPolicy() {}

  /** Whether the role's scope is one community (its holder's {@code community_id}). */
  public static boolean actsForCommunity(Role role) {
    return COMMUNITY_ROLES.contains(role);
  }

  /** Who may ever take {@code action}, whatever the order type. */
  public static Set<Role> actorsOf(OrderAction action) {
    return ACTORS.getOrDefault(action, Set.of());
  }

  public static Territory territoryOf(Order order) {
    return new Territory(order.residentId(), order.communityId(), order.streetId());
  }

  /** Anyone with a business role: platform operators see no business data. */
  public static void requireBusinessRole(Actor caller) {
    if (caller.roles().isEmpty() || caller.roles().equals(EnumSet.of(PLATFORM_OPERATOR))) {
      throw Problem.forbidden();
    }
  }

  /** Whether the caller's territory covers this one (read scope). */
  public static boolean covers(Actor caller, Territory t) {
    if (caller.hasAny(DISTRICT_ADMIN, PARTNER_SYSTEM)) {
      return true;
    }
    if (caller.has(RESIDENT)
        && t.residentId() != null
        && t.residentId().equals(caller.residentId())) {
      return true;
    }
    if (caller.roles().stream().anyMatch(COMMUNITY_ROLES::contains)
        && same(t.communityId(), caller.communityId())) {
      return true;
    }
    return caller.has(STREET_OFFICER) && same(t.streetId(), caller.streetId());
  }

  /**
   * Whether the order is assigned to the caller's organisation (to it, or to one of its workers),
   * to the volunteer calling, or to the social worker calling (a worker is assigned by their
   * account, as a volunteer is).
   */
  public static boolean assignedTo(Actor caller, Order order) {
    Order.Assignment a = order.assignment();
    if (a == null) {
      return false;
    }
    return (caller.has(ORGANISATION_STAFF)
            && ((a.assigneeType() == AssigneeType.ORGANISATION
                    && same(a.assignee(), caller.organisationId()))
                || same(a.organisationId(), caller.organisationId())))
        || (caller.has(VOLUNTEER)
            && a.assigneeType() == AssigneeType.VOLUNTEER
            && same(a.assignee(), caller.subject()))
        || (caller.has(SOCIAL_WORKER)
            && a.assigneeType() == AssigneeType.SOCIAL_WORKER
            && same(a.assignee(), caller.subject()));
  }

  public static boolean canRead(Actor caller, Order order) {
    return covers(caller, territoryOf(order)) || assignedTo(caller, order);
  }

  /**
   * Checks a lifecycle action: 403 if no role of the caller may take it on this kind of order, 404
   * if the caller may not see the order, 403 if they may see it but their acting role does not
   * cover it.
   *
   * @param allowed the roles that may take the action on this order's type
   */
  public static void requireAct(Actor caller, Order order, OrderAction action, Set<Role> allowed) {
    if (caller.roles().stream().noneMatch(allowed::contains)) {
      throw Problem.forbidden();
    }
    if (!canRead(caller, order)) {
      throw Problem.notFound("order.not-found", order.orderId());
    }
    Territory t = territoryOf(order);
    for (Role role : caller.roles()) {
      if (allowed.contains(role) && actsHere(caller, role, t, order)) {
        return;
      }
    }
    throw Problem.forbidden();
  }

  private static boolean actsHere(Actor caller, Role role, Territory t, Order order) {
    return switch (role) {
      case DISTRICT_ADMIN -> true;
      case RESIDENT -> same(t.residentId(), caller.residentId());
      case STREET_OFFICER -> same(t.streetId(), caller.streetId());
      case ORGANISATION_STAFF, VOLUNTEER -> assignedTo(caller, order);
      case SOCIAL_WORKER ->
          same(t.communityId(), caller.communityId()) || assignedTo(caller, order);
      case COMMUNITY_WORKER, CALL_CENTER_OPERATOR, PARTY_STAFF ->
          same(t.communityId(), caller.communityId());
      default -> false;
    };
  }

  /**
   * Placing an order: residents place their own through WEB and APP; community workers, call-centre
   * operators and social workers place them on behalf of residents of their community through
   * CALL_CENTER and DOOR_TO_DOOR. A resident outside the caller's scope is "unknown".
   */
  public static void requirePlace(Actor caller, boolean assisted, Territory resident) {
    if (!assisted) {
      if (!caller.has(RESIDENT)) {
        throw Problem.forbidden();
      }
      if (!same(resident.residentId(), caller.residentId())) {
        throw Problem.unprocessable("resident.unknown", resident.residentId());
      }
      return;
    }
    if (caller.roles().stream().noneMatch(ASSISTING::contains)) {
      throw Problem.forbidden();
    }
    if (!same(resident.communityId(), caller.communityId())) {
      throw Problem.unprocessable("resident.unknown", resident.residentId());
    }
  }

  private static boolean same(String a, String b) {
    return a != null && Objects.equals(a, b);
  }
}
