package org.fourinone.volunteer;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Order;
import org.fourinone.order.OrderEvents;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;
import org.fourinone.testing.EventSchemas;
import org.fourinone.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 志愿者: the order contract against a real broker and the wire-protocol MongoDB, and volunteers'
 * tasks from every system.
 */
class VolunteerServiceIT extends OrderContractChecks {

  @Test
  void recordsAVolunteersTaskAndTellsTheOriginOnceWhenAnotherSystemDispatchesToAVolunteer()
      throws Exception {
    String residentId = aKnownResident();
    String volunteer = "vol-" + UUID.randomUUID();
    Order assigned =
        anotherSystemsOrder(residentId)
            .accept("cw-hpl-01", null, java.time.Instant.now())
            .assign(
                new Order.Assignment(AssigneeType.VOLUNTEER, volunteer),
                "cw-hpl-01",
                null,
                java.time.Instant.now());
    EventEnvelope event = event(assigned);
    try (var notes = TestInfrastructure.consumer("community.order-contributions.v1")) {
      send("community.orders.v1", event);
      send("community.orders.v1", event); // redelivered: the same event id
      var offered =
          TestInfrastructure.poll(
              notes,
              r ->
                  r.value() != null
                      && new String(r.value(), StandardCharsets.UTF_8).contains(assigned.orderId()),
              2,
              Duration.ofSeconds(8));
      assertThat(offered).hasSize(1);
      EventEnvelope note = CloudEventCodec.fromRecord(offered.get(0));
      assertThat(note.type()).isEqualTo(OrderEvents.NOTE_CONTRIBUTED);
      assertThat(note.source().toString()).isEqualTo("/fourinone/volunteer-service");
      assertThat(EventSchemas.violations(note.type(), note.data())).isEmpty();
      JsonNode data =
          tools.jackson.databind.json.JsonMapper.builder().build().readTree(note.data());
      assertThat(data.get("originSystem").asText()).isEqualTo(assigned.originSystem().name());
      assertThat(data.get("contributor").asText()).isEqualTo("VOLUNTEER");
      assertThat(data.get("text").asText()).startsWith("志愿者已匹配").contains(volunteer);
    }
    awaitOneTaskOf(volunteer);
    var task =
        database().getCollection("volunteer_tasks").find(eq("volunteerId", volunteer)).first();
    assertThat(task.getString("orderId")).isEqualTo(assigned.orderId());
    assertThat(task.getString("originSystem")).isEqualTo(assigned.originSystem().name());
  }

  @Test
  void recordsTasksOfItsOwnOrdersWithoutANoteToItself() throws Exception {
    String residentId = aKnownResident();
    String orderId = placeOwnOrder(residentId);
    String order = base() + "/orders/" + orderId;
    assertThat(worker.post(order + "/accept", java.util.Map.of()).status()).isEqualTo(200);
    String volunteer = "vol-" + UUID.randomUUID();
    assertThat(
            worker
                .post(
                    order + "/assign",
                    java.util.Map.of("assigneeType", "VOLUNTEER", "assignee", volunteer))
                .status())
        .isEqualTo(200);
    awaitOneTaskOf(volunteer);
    assertThat(worker.get(order).json().get("timeline").findValuesAsString("action"))
        .doesNotContain("NOTED");
  }

  private static void awaitOneTaskOf(String volunteer) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        database()
                            .getCollection("volunteer_tasks")
                            .countDocuments(eq("volunteerId", volunteer)))
                    .isEqualTo(1));
  }

  VolunteerServiceIT() {
    super(OriginSystem.VOLUNTEER, "ESCORT_TO_HOSPITAL");
  }
}
