package org.fourinone.sanshe.dispatch;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.order.application.OrderService;
import org.fourinone.order.application.Orders;
import org.fourinone.order.autoconfigure.OrderContractProperties;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.fourinone.sanshe.organisations.Organisations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

  @Bean
  Dispatches dispatches(
      MongoDatabase database,
      Organisations organisations,
      OrderTypeCatalogue catalogue,
      Orders orders,
      OrderService service,
      @Value("${fourinone.sanshe.dispatch.accept-within:30m}") Duration acceptWithin,
      @Value("${fourinone.sanshe.dispatch.lease:30s}") Duration lease,
      @Value("${fourinone.sanshe.dispatch.recheck-unserved:10m}") Duration recheck,
      @Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone) {
    return new Dispatches(
        database,
        organisations,
        catalogue,
        orders,
        service,
        new Dispatches.Settings(acceptWithin, lease, recheck),
        ZoneId.of(zone),
        Clock.systemUTC());
  }

  /** The timeline notes of dispatch (接单, 婉拒), sent to this system's own contributions consumer. */
  @Bean
  OutboxRelay dispatchNotesOutboxRelay(
      Dispatches dispatches, OutboxRelays relays, OrderContractProperties properties) {
    OutboxRelay relay =
        relays.create(
            "dispatch-notes",
            dispatches.collection(),
            properties.getTopics().getOrderContributions());
    dispatches.publishNotesWith(relay);
    return relay;
  }

  @Bean
  @ConditionalOnProperty(
      name = "fourinone.sanshe.dispatch.enabled",
      havingValue = "true",
      matchIfMissing = true)
  Dispatcher dispatcher(
      Dispatches dispatches,
      Orders orders,
      OrderService service,
      @Value("${fourinone.sanshe.dispatch.interval:5s}") Duration interval) {
    return new Dispatcher(dispatches, orders, service, interval);
  }
}
