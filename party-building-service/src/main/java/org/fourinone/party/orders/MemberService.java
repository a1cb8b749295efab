package org.fourinone.party.orders;

import static com.mongodb.client.model.Filters.eq;

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
 * 党员服务记录: every order of any system that a party member completed counts for that member ({@code
 * member_service}: orders served, by system, the latest one). The party system's statistics of
 * members' work read it. One count per completion, however often the event is delivered.
 */
@Component
class MemberService implements OrderReactions {

  static final String COLLECTION = "member_service";

  @Override
  public List<Reaction> onOwnOrder(OrderEvent event) {
    return count(event);
  }

  @Override
  public List<Reaction> onOtherSystemsOrder(OrderEvent event) {
    return count(event);
  }

  private static List<Reaction> count(OrderEvent event) {
    Order order = event.order();
    if (event.action() != OrderAction.COMPLETED
        || order.assignment() == null
        || order.assignment().assigneeType() != AssigneeType.PARTY_MEMBER) {
      return List.of();
    }
    String member = order.assignment().assignee();
    Document update =
        new Document(
                "$inc",
                new Document("ordersServed", 1)
                    .append("bySystem." + order.originSystem().name(), 1))
            .append(
                "$set",
                new Document("lastOrderId", order.orderId())
                    .append("lastServedAt", order.updatedAt().toString()));
    return List.of(Reaction.updateOnce(COLLECTION, eq("_id", member), update, event, true));
  }
}
