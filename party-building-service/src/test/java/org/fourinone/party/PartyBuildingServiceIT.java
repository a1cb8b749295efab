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

  @Test
  void recordsMembershipsAsEventsAndCountsAMembersApprovedVolunteerHoursOnce() throws Exception {
    String residentId = aKnownResident();
    Http party = as(TestTokens.worker("PARTY_STAFF", "party-hpl-01", "C-HPL-01", "S-HPL"));
    var recorded =
        party.post(
            base() + "/memberships",
            Map.of(
                "residentId",
                residentId,
                "member",
                true,
                "branchId",
                "BR-HPL-01",
                "branchName",
                "和平里东街社区党支部"));
    assertThat(recorded.status()).as(recorded.text()).isEqualTo(200);
    // another community's party staff do not know the resident; other roles may not record
    Http elsewhere = as(TestTokens.worker("PARTY_STAFF", "party-jgm-01", "C-JGM-01", "S-JGM"));
    assertThat(
            elsewhere
                .post(base() + "/memberships", Map.of("residentId", residentId, "member", false))
                .status())
        .isEqualTo(422);
    assertThat(
            worker
                .post(base() + "/memberships", Map.of("residentId", residentId, "member", false))
                .status())
        .isEqualTo(403);
    try (var consumer = TestInfrastructure.consumer("party.memberships.v1")) {
      var records =
          TestInfrastructure.poll(
              consumer, r -> residentId.equals(r.key()), 1, Duration.ofSeconds(30));
      assertThat(records).hasSize(1);
      EventEnvelope event = CloudEventCodec.fromRecord(records.get(0));
      assertThat(event.type()).isEqualTo("org.fourinone.party.membership.recorded.v1");
      assertThat(EventSchemas.violations(event.type(), event.data())).isEmpty();
    }

    // the volunteer system's approval of a party member's hours, delivered twice: counted once
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.putAll(
        Http.JSON.readValue(
            EventSchemas.projectRoot()
                .resolve("docs/events/examples/org.fourinone.volunteer.hours.approved.v1.json")
                .toFile(),
            Map.class));
    Instant end = Instant.now().minusSeconds(3600);
    data.put("recordId", "SR-T-" + randomChars(8));
    data.put("residentId", residentId);
    data.put("communityId", "C-HPL-01");
    data.put("streetId", "S-HPL");
    data.put("start", end.minusSeconds(5400).toString());
    data.put("end", end.toString());
    data.put("minutes", 90);
    data.put("hours", 1.5);
    data.put("approvedAt", Instant.now().toString());
    byte[] json = Http.JSON.writeValueAsBytes(data);
    String type = "org.fourinone.volunteer.hours.approved.v1";
    assertThat(EventSchemas.violations(type, json)).isEmpty();
    EventEnvelope approved =
        new EventEnvelope(
            UUID.randomUUID().toString(),
            type,
            java.net.URI.create("/fourinone/volunteer-service"),
            "vol-li",
            Instant.now().atOffset(java.time.ZoneOffset.UTC),
            CloudEventCodec.schemaOf(type),
            1,
            null,
            json);
    send("volunteer.volunteers.v1", approved);
    send("volunteer.volunteers.v1", approved);
    int year = end.atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear();
    String volunteering = base() + "/memberships/" + residentId + "/volunteering?year=" + year;
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(party.get(volunteering).json().get("records").asLong()).isEqualTo(1));
    assertThat(party.get(volunteering).json().get("hours").asDouble()).isEqualTo(1.5);
    assertThat(elsewhere.get(volunteering).status()).isEqualTo(404);
  }

  PartyBuildingServiceIT() {
    super(OriginSystem.PARTY, "WISH");
  }
}
