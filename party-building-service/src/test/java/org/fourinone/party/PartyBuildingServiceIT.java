package org.fourinone.party;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;
import org.junit.jupiter.api.Test;

/**
 * 党建: the order contract against a real broker and the wire-protocol MongoDB, and the count of
 * party members' service.
 */
class PartyBuildingServiceIT extends OrderContractChecks {

  @Test
  void countsEachServiceOfAPartyMemberOnceWhateverSystemTheOrderCameFrom() throws Exception {
    String residentId = aKnownResident();
    String member = "pm-" + UUID.randomUUID();
    Instant now = Instant.now();
    Order completed =
        anotherSystemsOrder(residentId)
            .accept("w", null, now)
            .assign(new Order.Assignment(AssigneeType.PARTY_MEMBER, member), "w", null, now)
            .start("w", null, now)
            .complete("w", null, now);
    EventEnvelope event = event(completed);
    send("community.orders.v1", event);
    send("community.orders.v1", event); // redelivered
    // and one of its own: a 微心愿 fulfilled by the same member
    String orderId = placeOwnOrder(residentId);
    String order = base() + "/orders/" + orderId;
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(200);
    assertThat(
            worker
                .post(order + "/assign", Map.of("assigneeType", "PARTY_MEMBER", "assignee", member))
                .status())
        .isEqualTo(200);
    assertThat(worker.post(order + "/start", Map.of()).status()).isEqualTo(200);
    assertThat(worker.post(order + "/complete", Map.of("note", "心愿已实现")).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Document served =
                  database().getCollection("member_service").find(eq("_id", member)).first();
              assertThat(served).isNotNull();
              assertThat(served.getInteger("ordersServed")).isEqualTo(2);
              assertThat(served.get("bySystem", Document.class))
                  .containsEntry("SANSHE", 1)
                  .containsEntry("PARTY", 1);
            });
  }

  PartyBuildingServiceIT() {
    super(OriginSystem.PARTY, "WISH");
  }
}
