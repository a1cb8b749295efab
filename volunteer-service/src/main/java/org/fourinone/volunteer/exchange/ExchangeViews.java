package org.fourinone.volunteer.exchange;

import java.math.BigDecimal;
import java.util.List;
import org.bson.Document;
import org.fourinone.volunteer.timebank.Points;

/** What the exchange shows. */
public final class ExchangeViews {

  private ExchangeViews() {}

  public record ItemView(
      String itemId,
      String name,
      String description,
      String kind,
      BigDecimal points,
      int stock,
      String supplierKind,
      String supplierName,
      List<String> communityIds,
      String serviceSystem,
      String serviceOrderType,
      boolean active) {

    static ItemView of(Document d) {
      Document supplier = d.get("supplier", Document.class);
      Document service = d.get("service", Document.class);
      return new ItemView(
          d.getString("_id"),
          d.getString("name"),
          d.getString("description"),
          d.getString("kind"),
          Points.format(d.get("points", Number.class).longValue()),
          d.getInteger("stock"),
          supplier.getString("kind"),
          supplier.getString("name"),
          d.getList("communityIds", String.class, List.of()),
          service == null ? null : service.getString("system"),
          service == null ? null : service.getString("orderType"),
          d.getBoolean("active", true));
    }
  }

  public record RedemptionView(
      String redemptionId,
      String itemId,
      String itemName,
      String kind,
      String accountId,
      int quantity,
      BigDecimal points,
      String state,
      String orderId,
      String reason,
      String createdAt,
      String settledAt) {

    static RedemptionView of(Document d) {
      return new RedemptionView(
          d.getString("_id"),
          d.getString("itemId"),
          d.getString("itemName"),
          d.getString("kind"),
          d.getString("account"),
          d.getInteger("quantity"),
          Points.format(d.get("points", Number.class).longValue()),
          d.getString("state"),
          d.getString("orderId"),
          d.getString("reason"),
          d.getString("createdAt"),
          d.getString("settledAt"));
    }
  }
}
