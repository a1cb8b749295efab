package org.fourinone.sanshe.orders;

import org.bson.Document;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.spi.AssigneeRegistry;
import org.fourinone.sanshe.organisations.OrganisationStatus;
import org.fourinone.sanshe.organisations.Organisations;
import org.fourinone.sanshe.workers.SocialWorkers;
import org.springframework.stereotype.Component;

/**
 * Who a 三社联动 order may go to: an organisation of the registry that is active, or a social worker
 * with an active file — and while the order is with an organisation, only one of that
 * organisation's workers. A worker's assignment carries the organisation that employs them.
 * Volunteers, party members and departments are the other systems' registries: any well-formed id.
 */
@Component
class SansheAssignees implements AssigneeRegistry {

  private final Organisations organisations;
  private final SocialWorkers workers;

  SansheAssignees(Organisations organisations, SocialWorkers workers) {
    this.organisations = organisations;
    this.workers = workers;
  }

  @Override
  public void requireAssignable(Order order, Order.Assignment assignment) {
    resolve(order, assignment);
  }

  @Override
  public Order.Assignment resolve(Order order, Order.Assignment assignment) {
    if (assignment.assigneeType() == AssigneeType.ORGANISATION) {
      Document organisation =
          organisations
              .find(assignment.assignee())
              .orElseThrow(
                  () ->
                      Problem.unprocessable("sanshe.organisation-unknown", assignment.assignee())
                          .with("field", "assignee"));
      if (!OrganisationStatus.ACTIVE.name().equals(organisation.getString("status"))) {
        throw Problem.unprocessable(
                "sanshe.organisation-not-active",
                organisation.getString("name"),
                organisation.getString("status"))
            .with("field", "assignee");
      }
      return assignment;
    }
    if (assignment.assigneeType() != AssigneeType.SOCIAL_WORKER) {
      return assignment;
    }
    Document worker =
        workers
            .activeWorker(assignment.assignee())
            .orElseThrow(
                () ->
                    Problem.unprocessable("sanshe.worker-unknown", assignment.assignee())
                        .with("field", "assignee"));
    String employer = SocialWorkers.organisationOf(worker);
    String holder = organisationHolding(order);
    if (holder != null && !holder.equals(employer)) {
      throw Problem.unprocessable(
              "sanshe.worker-of-another-organisation", assignment.assignee(), holder)
          .with("field", "assignee");
    }
    return new Order.Assignment(AssigneeType.SOCIAL_WORKER, assignment.assignee(), employer);
  }

  /** The organisation the order is with now, if any. */
  private static String organisationHolding(Order order) {
    Order.Assignment current = order.assignment();
    if (current == null) {
      return null;
    }
    if (current.assigneeType() == AssigneeType.ORGANISATION) {
      return current.assignee();
    }
    return current.organisationId();
  }
}
