package org.fourinone.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTest {

  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

  static Order aPlacedOrder() {
    return Order.place(
        "SANSHE-261122-AAAAAAAA",
        OriginSystem.SANSHE,
        new OrderType("HOME_CARE", "居家养老照护", "养老照护"),
        "R-0000000001",
        "C-DH-01",
        "S-DH",
        Channel.CALL_CENTER,
        "op-1",
        new Order.Consent(true, Order.ConsentMethod.PHONE_RECORDING),
        "需要上门照护",
        "老人行动不便",
        "幸福路1号",
        null,
        T0);
  }

  @Test
  void placedOrderIsSubmittedByTheOperatorOnTheAssistedChannel() {
    Order order = aPlacedOrder();
    assertThat(order.status()).isEqualTo(OrderStatus.SUBMITTED);
    assertThat(order.sequence()).isEqualTo(1);
    assertThat(order.timeline())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(OrderAction.PLACED);
              assertThat(e.by()).isEqualTo("op-1");
            });
  }

  @Test
  void walksTheWholeLifecycleWithOneTimelineEntryPerStep() {
    Order done =
        aPlacedOrder()
            .accept("w1", null, T0.plusSeconds(1))
            .assign(
                new Order.Assignment(AssigneeType.SOCIAL_WORKER, "sw-9"),
                "w1",
                null,
                T0.plusSeconds(2))
            .start("sw-9", null, T0.plusSeconds(3))
            .complete("sw-9", "已上门", T0.plusSeconds(4))
            .rate(SatisfactionLevel.VERY_SATISFIED, "很好", "R-0000000001", T0.plusSeconds(5));
    assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(done.sequence()).isEqualTo(6);
    assertThat(done.rating().level()).isEqualTo(SatisfactionLevel.VERY_SATISFIED);
    assertThat(done.timeline())
        .extracting(Order.TimelineEntry::action)
        .containsExactly(
            OrderAction.PLACED,
            OrderAction.ACCEPTED,
            OrderAction.ASSIGNED,
            OrderAction.STARTED,
            OrderAction.COMPLETED,
            OrderAction.RATED);
    assertThat(done.timeline())
        .extracting(Order.TimelineEntry::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void refusesToCompleteAnOrderThatWasNotStarted() {
    assertThatThrownBy(() -> aPlacedOrder().complete("x", null, T0))
        .isInstanceOf(Order.IllegalTransition.class);
  }

  @Test
  void ratesOnlyOnceAndOnlyAfterCompletion() {
    assertThatThrownBy(() -> aPlacedOrder().rate(SatisfactionLevel.SATISFIED, null, "r", T0))
        .isInstanceOf(Order.IllegalTransition.class);
    Order rated =
        aPlacedOrder()
            .accept("w", null, T0)
            .assign(new Order.Assignment(AssigneeType.VOLUNTEER, "v"), "w", null, T0)
            .start("v", null, T0)
            .complete("v", null, T0)
            .rate(SatisfactionLevel.SATISFIED, null, "r", T0);
    assertThatThrownBy(() -> rated.rate(SatisfactionLevel.DISSATISFIED, null, "r", T0))
        .isInstanceOf(Order.IllegalTransition.class);
  }

  @Test
  void cannotCancelAnOrderInProgressNorRejectAnAssignedOne() {
    Order assigned =
        aPlacedOrder()
            .accept("w", null, T0)
            .assign(new Order.Assignment(AssigneeType.ORGANISATION, "org"), "w", null, T0);
    assertThatThrownBy(() -> assigned.reject("w", "no", T0))
        .isInstanceOf(Order.IllegalTransition.class);
    assertThat(assigned.cancel("r", "不需要了", T0).status()).isEqualTo(OrderStatus.CANCELLED);
    Order started = assigned.start("org", null, T0);
    assertThatThrownBy(() -> started.cancel("r", "x", T0))
        .isInstanceOf(Order.IllegalTransition.class);
  }

  @Test
  void survivesTheRoundTripThroughItsJsonForm() {
    Order order = aPlacedOrder().accept("w", "受理", T0.plusMillis(1));
    assertThat(OrderJson.read(OrderJson.write(order).getBytes())).isEqualTo(order);
    assertThat(OrderJson.fromDocument(OrderJson.toDocument(order))).isEqualTo(order);
  }

  @Test
  void newIdsNameTheSystemAndTheDay() {
    assertThat(Order.newId(OriginSystem.VOLUNTEER, T0)).matches("VOLUNTEER-261122-[0-9A-Z]{8}");
  }
}
