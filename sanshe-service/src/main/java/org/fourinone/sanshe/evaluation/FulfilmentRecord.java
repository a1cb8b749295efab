package org.fourinone.sanshe.evaluation;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;

/**
 * What each social organisation fulfilled of 三社联动's orders, and the residents' 好差评 of it ({@code
 * organisation_fulfilment}, one document per organisation): orders completed, ratings by level, by
 * order type, in all and per year (the year of the completion, in the district's time zone), and
 * the residents served per year. The measured "vitality" and "social evaluation" inputs of the
 * yearly star rating. Counted once per event. An order counts for the organisation it was
 * dispatched to, also when one of the organisation's social workers did it.
 */
class FulfilmentRecord implements OrderReactions {

  static final String COLLECTION = "organisation_fulfilment";

  private final ZoneId zone;

  FulfilmentRecord(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public List<Reaction> onOwnOrder(OrderEvent event) {
    Order order = event.order();
    String organisation = organisationOf(order.assignment());
    if (organisation == null) {
      return List.of();
    }
    Instant completedAt = order.completedAt() != null ? order.completedAt() : order.updatedAt();
    String year = "years." + completedAt.atZone(zone).getYear();
    Document update;
    switch (event.action()) {
      case COMPLETED ->
          update =
              new Document(
                      "$inc",
                      new Document("completed", 1)
                          .append("byType." + order.orderType().code(), 1)
                          .append(year + ".completed", 1))
                  .append("$addToSet", new Document(year + ".residents", order.residentId()));
      case RATED -> {
        String level = order.rating().level().name();
        update =
            new Document(
                "$inc", new Document("ratings." + level, 1).append(year + ".ratings." + level, 1));
      }
      default -> {
        return List.of();
      }
    }
    update.append("$set", new Document("lastOrderId", order.orderId()));
    return List.of(Reaction.updateOnce(COLLECTION, eq("_id", organisation), update, event, true));
  }

  /** The organisation an assignment counts for: itself, or the one its worker works for. */
  static String organisationOf(Order.Assignment to) {
    if (to == null) {
      return null;
    }
    return to.assigneeType() == AssigneeType.ORGANISATION ? to.assignee() : to.organisationId();
  }

  /** One organisation's figures of one year: completed, ratings by level, residents served. */
  record Year(int completed, java.util.Map<String, Integer> ratings, int residentsServed) {

    static Year of(Optional<Document> record, int year) {
      Document y =
          record
              .map(r -> r.get("years", Document.class))
              .map(ys -> ys.get(String.valueOf(year), Document.class))
              .orElse(new Document());
      java.util.Map<String, Integer> ratings = new java.util.LinkedHashMap<>();
      Document r = y.get("ratings", Document.class);
      if (r != null) {
        r.forEach((k, v) -> ratings.put(k, ((Number) v).intValue()));
      }
      return new Year(
          y.getInteger("completed", 0),
          ratings,
          y.getList("residents", String.class, List.of()).size());
    }
  }

  static Optional<Document> find(com.mongodb.client.MongoDatabase database, String organisation) {
    return Optional.ofNullable(
        database.getCollection(COLLECTION).find(eq("_id", organisation)).first());
  }
}
