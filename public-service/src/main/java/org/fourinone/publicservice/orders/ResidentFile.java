package org.fourinone.publicservice.orders;

import static com.mongodb.client.model.Filters.eq;

import java.util.List;
import org.bson.Document;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;
import org.fourinone.publicservice.residents.ResidentRegistry;
import org.springframework.stereotype.Component;

/**
 * 一人一档: what a resident asked of the other three systems goes into their file in the registry (how
 * many orders each system received and completed for them), so that the window sees the whole
 * person — e.g. that someone receiving home care may be entitled to a senior card. Counted once per
 * event.
 */
@Component
class ResidentFile implements OrderReactions {

  @Override
  public List<Reaction> onOtherSystemsOrder(OrderEvent event) {
    String counter =
        switch (event.action()) {
          case PLACED -> "placed";
          case COMPLETED -> "completed";
          default -> null;
        };
    if (counter == null) {
      return List.of();
    }
    String system = event.order().originSystem().name();
    Document update =
        new Document(
            "$inc",
            new Document(ResidentRegistry.SERVICES_ELSEWHERE + "." + system + "." + counter, 1));
    return List.of(
        Reaction.updateOnce(
            ResidentRegistry.COLLECTION,
            eq("_id", event.order().residentId()),
            update,
            event,
            false));
  }
}
