package org.fourinone.volunteer.exchange;

import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.scheduling.Periodic;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.spi.OrderEvent;
import org.fourinone.order.spi.OrderReactions;
import org.fourinone.order.spi.Reaction;
import org.fourinone.volunteer.exchange.web.ServiceOrders;
import org.fourinone.volunteer.timebank.TimeBank;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ExchangeConfiguration {

  @Bean
  ServiceOrders serviceOrders(
      @Value("${fourinone.volunteer.exchange.party-url}") URI party,
      @Value("${fourinone.volunteer.exchange.public-url}") URI publicService,
      @Value("${fourinone.volunteer.exchange.sanshe-url}") URI sanshe,
      @Value("${fourinone.volunteer.exchange.volunteer-url}") URI volunteer,
      @Value("${fourinone.volunteer.exchange.timeout}") Duration timeout) {
    Map<OriginSystem, URI> systems = new EnumMap<>(OriginSystem.class);
    systems.put(OriginSystem.PARTY, party);
    systems.put(OriginSystem.PUBLIC, publicService);
    systems.put(OriginSystem.SANSHE, sanshe);
    systems.put(OriginSystem.VOLUNTEER, volunteer);
    return new ServiceOrders(systems, timeout);
  }

  @Bean
  Exchange exchange(
      MongoDatabase database,
      Volunteers volunteers,
      TimeBank bank,
      ServiceOrders orders,
      AuditTrail audit) {
    return new Exchange(database, volunteers, bank, orders, audit, Clock.systemUTC());
  }

  /** Finishes or undoes redemptions a crash left half done. */
  @Bean
  Periodic exchangeRecovery(
      Exchange exchange,
      @Value("${fourinone.volunteer.timebank.sweep-interval}") Duration interval,
      @Value("${fourinone.volunteer.timebank.lease}") Duration lease) {
    return new Periodic("exchange-recovery", interval, () -> exchange.recover(lease, 100));
  }

  /** The order of a service redemption cancelled or rejected in its system: refunded. */
  @Bean
  OrderReactions redemptionRefunds(Exchange exchange) {
    return new OrderReactions() {
      @Override
      public List<Reaction> onOwnOrder(OrderEvent event) {
        return refund(event);
      }

      @Override
      public List<Reaction> onOtherSystemsOrder(OrderEvent event) {
        return refund(event);
      }

      private List<Reaction> refund(OrderEvent event) {
        if (event.action() == OrderAction.CANCELLED || event.action() == OrderAction.REJECTED) {
          exchange.orderEnded(
              event.order().orderId(), event.action() == OrderAction.CANCELLED ? "已撤单" : "已退回");
        }
        return List.of();
      }
    };
  }
}
