package org.fourinone.party;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;
import org.fourinone.testing.EventSchemas;
import org.fourinone.testing.Http;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
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

  @Test
  void reportsAnOrganisationsPartyCheckUpAsAnEventThatCarriesItsWholeState() {
    String organisation = "ORG-P" + randomChars(8);
    Http party = as(TestTokens.worker("PARTY_STAFF", "party-hpl-01", "C-HPL-01", "S-HPL"));
    String checks = base() + "/organisation-checks";
    var first =
        party.post(
            checks,
            Map.of(
                "organisationId", organisation, "year", 2025, "hasBranch", false, "activities", 2));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    var second =
        party.post(
            checks,
            Map.of(
                "organisationId",
                organisation,
                "year",
                2025,
                "hasBranch",
                true,
                "branchName",
                "联合党支部",
                "activities",
                6));
    assertThat(second.json().get("sequence").asLong()).isEqualTo(2);
    // bad input, and roles that do not report
    assertThat(
            party
                .post(
                    checks,
                    Map.of(
                        "organisationId",
                        organisation,
                        "year",
                        2999,
                        "hasBranch",
                        true,
                        "activities",
                        1))
                .status())
        .isEqualTo(400);
    assertThat(
            party
                .post(
                    checks,
                    Map.of(
                        "organisationId",
                        organisation,
                        "year",
                        2025,
                        "hasBranch",
                        false,
                        "branchName",
                        "x",
                        "activities",
                        1))
                .status())
        .isEqualTo(400);
    assertThat(
            party
                .post(
                    checks,
                    Map.of(
                        "organisationId",
                        "not-an-org",
                        "year",
                        2025,
                        "hasBranch",
                        true,
                        "activities",
                        1))
                .status())
        .isEqualTo(400);
    assertThat(
            worker
                .post(
                    checks,
                    Map.of(
                        "organisationId",
                        organisation,
                        "year",
                        2025,
                        "hasBranch",
                        true,
                        "activities",
                        1))
                .status())
        .isEqualTo(403);
    assertThat(
            party
                .get(checks + "?organisationId=" + organisation)
                .json()
                .get(0)
                .get("activities")
                .asInt())
        .isEqualTo(6);
    try (var consumer = TestInfrastructure.consumer("party.organisation-checks.v1")) {
      var records =
          TestInfrastructure.poll(
              consumer, r -> (organisation + ":2025").equals(r.key()), 2, Duration.ofSeconds(30));
      assertThat(records).hasSize(2);
      for (var record : records) {
        EventEnvelope event = CloudEventCodec.fromRecord(record);
        assertThat(event.type()).isEqualTo("org.fourinone.party.organisation-check.reported.v1");
        assertThat(EventSchemas.violations(event.type(), event.data())).isEmpty();
      }
      assertThat(CloudEventCodec.fromRecord(records.get(1)).sequence()).isEqualTo(2);
    }
  }

  PartyBuildingServiceIT() {
    super(OriginSystem.PARTY, "WISH");
  }
}
