package org.fourinone.sanshe.orders;

import static com.mongodb.client.model.Filters.eq;

import java.util.List;
import org.bson.Document;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;
import org.springframework.stereotype.Component;

/**
 * What each social organisation fulfilled of 三社联动's orders, and the residents' 好差评 of it ({@code
 * organisation_fulfilment}: orders completed, ratings by level, by order type): the measured
 * "vitality" and "social evaluation" inputs of the yearly star rating. Counted once per event; a
 * rating counts for the organisation the order was dispatched to.
 */
@Component
class FulfilmentRecord implements OrderReactions {

  static final String COLLECTION = "organisation_fulfilment";

  @Override
  public List<Reaction> onOwnOrder(OrderEvent event) {
    Order order = event.order();
    Order.Assignment to = order.assignment();
    if (to == null || to.assigneeType() != AssigneeType.ORGANISATION) {
      return List.of();
    }
    Document counted =
        switch (event.action()) {
          case COMPLETED ->
              new Document("completed", 1).append("byType." + order.orderType().code(), 1);
          case RATED -> new Document("ratings." + order.rating().level().name(), 1);
          default -> null;
        };
    if (counted == null) {
      return List.of();
    }
    Document update =
        new Document("$inc", counted).append("$set", new Document("lastOrderId", order.orderId()));
    return List.of(Reaction.updateOnce(COLLECTION, eq("_id", to.assignee()), update, event, true));
  }
}
