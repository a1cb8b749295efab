package org.fourinone.sanshe;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;
import org.junit.jupiter.api.Test;

/**
 * 三社联动: the order contract against a real broker and the wire-protocol MongoDB, and organisations'
 * fulfilment record.
 */
class SansheServiceIT extends OrderContractChecks {

  @Test
  void recordsWhatAnOrganisationFulfilledAndHowTheResidentRatedIt() throws Exception {
    String organisation = "ORG-" + UUID.randomUUID();
    String residentId = aKnownResident();
    String order = base() + "/orders/" + placeOwnOrder(residentId);
    assertThat(worker.post(order + "/accept", Map.of()).status()).isEqualTo(200);
    assertThat(
            worker
                .post(
                    order + "/assign",
                    Map.of("assigneeType", "ORGANISATION", "assignee", organisation))
                .status())
        .isEqualTo(200);
    assertThat(worker.post(order + "/start", Map.of()).status()).isEqualTo(200);
    assertThat(worker.post(order + "/complete", Map.of("note", "已上门照护")).status()).isEqualTo(200);
    assertThat(
            resident(residentId).post(order + "/rate", Map.of("level", "VERY_SATISFIED")).status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Document record =
                  database()
                      .getCollection("organisation_fulfilment")
                      .find(eq("_id", organisation))
                      .first();
              assertThat(record).isNotNull();
              assertThat(record.getInteger("completed")).isEqualTo(1);
              assertThat(record.get("byType", Document.class).getInteger("HOME_CARE")).isEqualTo(1);
              assertThat(record.get("ratings", Document.class).getInteger("VERY_SATISFIED"))
                  .isEqualTo(1);
            });
    // a party organiser does not handle 三社联动's services
    String another = base() + "/orders/" + placeOwnOrder(residentId);
    assertThat(
            as(org.fourinone.testing.TestTokens.worker(
                    "PARTY_STAFF", "party-hpl-01", "C-HPL-01", "S-HPL"))
                .post(another + "/accept", Map.of())
                .status())
        .isEqualTo(403);
  }

  @Test
  void offersCommunityCorrectionOnlyDoorToDoor() throws Exception {
    String residentId = aKnownResident();
    Map<String, Object> throughTheApp = anOrder(residentId, "APP");
    throughTheApp.put("type", "COMMUNITY_CORRECTION");
    var refused = resident(residentId).post(base() + "/orders", throughTheApp);
    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("order.channel-not-offered");
    assertThat(refused.json().get("detail").asText()).contains("社区矫正帮教").contains("APP");
    assertThat(refused.json().get("allowed").get(0).asText()).isEqualTo("DOOR_TO_DOOR");
    Map<String, Object> atTheDoor = anOrder(residentId, "DOOR_TO_DOOR");
    atTheDoor.put("type", "COMMUNITY_CORRECTION");
    assertThat(worker.post(base() + "/orders", atTheDoor).status()).isEqualTo(201);
  }

  SansheServiceIT() {
    super(OriginSystem.SANSHE, "HOME_CARE");
  }
}
