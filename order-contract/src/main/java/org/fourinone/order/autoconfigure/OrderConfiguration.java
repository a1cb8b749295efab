package org.fourinone.order.autoconfigure;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.autoconfigure.PlatformKitAutoConfiguration;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.kit.scheduling.Periodic;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.application.OrderEventConsumer;
import org.fourinone.order.application.OrderNotes;
import org.fourinone.order.application.OrderQueries;
import org.fourinone.order.application.OrderService;
import org.fourinone.order.application.OrderStatistics;
import org.fourinone.order.application.Orders;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.order.residents.ResidentDirectory;
import org.fourinone.order.spi.AssigneeRegistry;
import org.fourinone.order.spi.JsonOrderTypeCatalogue;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.fourinone.order.web.OrderController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the order contract into a service: its store, relay, commands, projection and notes, with
 * the service's extension points ({@link OrderTypeCatalogue}, {@link AssigneeRegistry}, {@link
 * OrderReactions}) where it declares them and the defaults where it does not. Every bean here is
 * {@link ConditionalOnMissingBean}: a service may replace any of them.
 */
@AutoConfiguration(after = PlatformKitAutoConfiguration.class)
@EnableConfigurationProperties(OrderContractProperties.class)
public class OrderConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OriginSystem originSystem(OrderContractProperties properties) {
    return OriginSystem.valueOf(properties.getSystem());
  }

  @Bean
  @ConditionalOnMissingBean
  Orders orders(MongoDatabase database, OriginSystem self) {
    return new Orders(database, self);
  }

  /**
   * The queue and the dashboard's figures; {@code fourinone.orders.overdue-after} is the age after
   * which an open order counts as overdue-looking (default in fourinone-order-defaults.yml).
   */
  @Bean
  @ConditionalOnMissingBean
  OrderQueries orderQueries(
      Orders orders,
      OrderStatistics statistics,
      @Value("${fourinone.orders.overdue-after:72h}") Duration overdueAfter) {
    return new OrderQueries(orders, statistics, overdueAfter, Clock.systemUTC());
  }

  /**
   * The dashboard's counts per community and day ({@code order_stats}); days end at midnight in
   * {@code fourinone.orders.statistics.zone}. A change time is read back with {@code overlap} (the
   * replicas' clock differences and a write's delay); one replica at a time refreshes, under a
   * lease of {@code lease}.
   */
  @Bean
  @ConditionalOnMissingBean
  OrderStatistics orderStatistics(
      MongoDatabase database,
      @Value("${fourinone.orders.statistics.zone:Asia/Shanghai}") ZoneId zone,
      @Value("${fourinone.orders.statistics.overlap:10s}") Duration overlap,
      @Value("${fourinone.orders.statistics.lease:30s}") Duration lease) {
    return new OrderStatistics(database, zone, overlap, lease, Clock.systemUTC());
  }

  /**
   * Counts the days that ended and recounts those of changed orders every {@code
   * fourinone.orders.statistics.refresh-interval} (15 s: each pass reads the orders changed since
   * the last one plus the overlap, so a longer period reads fewer of them twice; an ended day's
   * figures follow within it, today's are counted when read); the first pass over a district that
   * already has orders counts all of them, logging its progress.
   */
  @Bean
  @ConditionalOnMissingBean(name = "orderStatisticsRefresher")
  Periodic orderStatisticsRefresher(
      OrderStatistics statistics,
      @Value("${fourinone.orders.statistics.refresh-interval:15s}") Duration interval) {
    return new Periodic("order-statistics", interval, statistics::refresh);
  }

  /**
   * Without a catalogue bean of its own, a system offers the types of the JSON file named by {@code
   * fourinone.orders.catalogue} (each service keeps it beside its {@code orders} package).
   */
  @Bean
  @ConditionalOnMissingBean(OrderTypeCatalogue.class)
  OrderTypeCatalogue orderTypeCatalogue(
      @Value("${fourinone.orders.catalogue:" + JsonOrderTypeCatalogue.DEFAULT_RESOURCE + "}")
          String resource) {
    return new JsonOrderTypeCatalogue(resource);
  }

  /** Without a registry of its own, a system accepts any well-formed assignee. */
  @Bean
  @ConditionalOnMissingBean(AssigneeRegistry.class)
  AssigneeRegistry anyAssignee() {
    return (order, assignment) -> {};
  }

  /**
   * Residents and communities from public-service's events, unless the service owns them itself.
   */
  @Bean
  @ConditionalOnMissingBean(ResidentDirectory.class)
  ReferenceReplica referenceReplica(MongoDatabase database, MeterRegistry meters) {
    return new ReferenceReplica(database, meters);
  }

  @Bean
  @ConditionalOnMissingBean(name = "orderOutboxRelay")
  OutboxRelay orderOutboxRelay(
      Orders orders, OutboxRelays relays, OrderContractProperties properties) {
    return relays.create("orders", orders.collection(), properties.getTopics().getOrders());
  }

  @Bean
  @ConditionalOnMissingBean
  OrderService orderService(
      OriginSystem self,
      Orders orders,
      OrderTypeCatalogue catalogue,
      AssigneeRegistry assignees,
      ResidentDirectory residents,
      IdempotencyKeys idempotency,
      OutboxRelay orderOutboxRelay,
      ObjectProvider<Tracer> tracer,
      AuditTrail audit) {
    return new OrderService(
        self,
        orders,
        catalogue,
        assignees,
        residents,
        idempotency,
        orderOutboxRelay,
        tracer.getIfAvailable(),
        audit,
        Clock.systemUTC());
  }

  @Bean
  @ConditionalOnMissingBean
  OrderController orderController(OrderService orderService, OrderQueries orderQueries) {
    return new OrderController(orderService, orderQueries);
  }

  @Bean
  @ConditionalOnMissingBean
  OrderNotes orderNotes(
      OriginSystem self, MongoDatabase database, OrderService service, MeterRegistry meters) {
    return new OrderNotes(
        self, database.getCollection(OrderNotes.COLLECTION), service, Clock.systemUTC(), meters);
  }

  @Bean
  @ConditionalOnMissingBean(name = "orderNotesOutboxRelay")
  OutboxRelay orderNotesOutboxRelay(
      MongoDatabase database,
      OrderNotes notes,
      OutboxRelays relays,
      OrderContractProperties properties) {
    OutboxRelay relay =
        relays.create(
            "order-notes",
            database.getCollection(OrderNotes.COLLECTION),
            properties.getTopics().getOrderContributions());
    notes.publishWith(relay);
    return relay;
  }

  @Bean
  @ConditionalOnMissingBean
  OrderEventConsumer orderEventConsumer(
      OriginSystem self,
      Orders orders,
      MongoDatabase database,
      ObjectProvider<OrderReactions> reactions,
      OrderNotes notes,
      MeterRegistry meters) {
    return new OrderEventConsumer(
        self, orders, database, reactions.orderedStream().toList(), notes, meters);
  }
}
