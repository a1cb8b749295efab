package org.fourinone.sanshe.workers;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;

/**
 * What each social worker did of 三社联动's orders, per year of completion ({@code worker_fulfilment}):
 * orders completed and the residents' 好差评 of them — the residents' assessment in the yearly target
 * appraisal (目标考评). Counted once per event.
 */
class WorkerRecord implements OrderReactions {

  static final String COLLECTION = "worker_fulfilment";

  private final ZoneId zone;

  WorkerRecord(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public List<Reaction> onOwnOrder(OrderEvent event) {
    Order order = event.order();
    Order.Assignment to = order.assignment();
    if (to == null || to.assigneeType() != AssigneeType.SOCIAL_WORKER) {
      return List.of();
    }
    Instant completedAt = order.completedAt() != null ? order.completedAt() : order.updatedAt();
    String year = "years." + completedAt.atZone(zone).getYear();
    Document inc;
    switch (event.action()) {
      case COMPLETED -> inc = new Document(year + ".completed", 1);
      case RATED -> inc = new Document(year + ".ratings." + order.rating().level().name(), 1);
      default -> {
        return List.of();
      }
    }
    return List.of(
        Reaction.updateOnce(
            COLLECTION, eq("_id", to.assignee()), new Document("$inc", inc), event, true));
  }
}
