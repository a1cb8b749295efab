package org.fourinone.volunteer.orders;

import java.util.List;
import org.bson.Document;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;
import org.springframework.stereotype.Component;

/**
 * Whenever an order of any system is dispatched to a volunteer (派单 to {@code VOLUNTEER}), the
 * volunteer system records the task in the volunteer's list ({@code volunteer_tasks}, one per
 * dispatch) — where the service hours of a later issue will be recorded against it — and, for
 * another system's order, tells the order's origin "志愿者已匹配", which then shows on the order's
 * timeline in all four systems. A redelivered event records and tells nothing twice.
 */
@Component
class VolunteerTasks implements OrderReactions {

  static final String COLLECTION = "volunteer_tasks";
  static final String MATCHED = "volunteer-matched";

  @Override
  public List<Reaction> onOwnOrder(OrderEvent event) {
    return dispatchedToAVolunteer(event) ? List.of(task(event)) : List.of();
  }

  @Override
  public List<Reaction> onOtherSystemsOrder(OrderEvent event) {
    if (!dispatchedToAVolunteer(event)) {
      return List.of();
    }
    String volunteer = event.order().assignment().assignee();
    return List.of(
        task(event), Reaction.note(event, MATCHED, "志愿者已匹配：" + volunteer + "（志愿者服务系统已登记服务任务）"));
  }

  private static boolean dispatchedToAVolunteer(OrderEvent event) {
    Order.Assignment assignment = event.order().assignment();
    return event.action() == OrderAction.ASSIGNED
        && assignment != null
        && assignment.assigneeType() == AssigneeType.VOLUNTEER;
  }

  private static Reaction task(OrderEvent event) {
    Order order = event.order();
    Document task =
        new Document("volunteerId", order.assignment().assignee())
            .append("orderId", order.orderId())
            .append("originSystem", order.originSystem().name())
            .append("orderType", order.orderType().code())
            .append("title", order.title())
            .append("communityId", order.communityId())
            .append("residentId", order.residentId())
            .append("assignedAt", order.updatedAt().toString())
            .append("status", "ASSIGNED");
    return Reaction.insertOnce(COLLECTION, "task", event, task);
  }
}
