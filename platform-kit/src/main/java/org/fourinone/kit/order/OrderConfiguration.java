package org.fourinone.kit.order;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import java.time.Clock;
import org.fourinone.kit.PlatformProperties;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.reference.ResidentDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the order contract into a service: its catalogue, store, relay, commands and projection. */
@Configuration(proxyBeanMethods = false)
public class OrderConfiguration {

  @Bean
  OriginSystem originSystem(PlatformProperties properties) {
    return OriginSystem.valueOf(properties.getSystem());
  }

  @Bean
  Orders orders(MongoDatabase database, OriginSystem self) {
    return new Orders(database, self);
  }

  @Bean
  OrderTypeCatalog orderTypeCatalog() {
    return OrderTypeCatalog.fromClasspath();
  }

  @Bean
  OutboxRelay orderOutboxRelay(
      Orders orders,
      OriginSystem self,
      KafkaTemplate<String, byte[]> kafka,
      PlatformProperties properties,
      MeterRegistry meters) {
    return new OutboxRelay(
        "orders",
        orders.collection(),
        properties.getTopics().getOrders(),
        URI.create("/fourinone/" + self.serviceName()),
        kafka,
        properties.getOutbox().getSweepInterval(),
        meters);
  }

  @Bean
  OrderService orderService(
      OriginSystem self,
      Orders orders,
      OrderTypeCatalog types,
      ResidentDirectory residents,
      IdempotencyKeys idempotency,
      OutboxRelay orderOutboxRelay,
      ObjectProvider<Tracer> tracer,
      AuditTrail audit) {
    return new OrderService(
        self, orders, types, residents, idempotency, orderOutboxRelay, tracer.getIfAvailable(), audit,
        Clock.systemUTC());
  }

  @Bean
  OrderController orderController(OrderService orderService) {
    return new OrderController(orderService);
  }

  @Bean
  OrderProjector orderProjector(Orders orders, MeterRegistry meters) {
    return new OrderProjector(orders, meters);
  }
}
