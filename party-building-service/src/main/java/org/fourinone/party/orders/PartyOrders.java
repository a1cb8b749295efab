package org.fourinone.party.orders;

import org.fourinone.order.spi.JsonOrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The party-building system's part of the order contract: 微心愿, 红色代办 and the other services
 * party members give, dispatched to a party member (or a volunteer, a partner unit), handled by
 * party staff and the community; and its count of members' service ({@link MemberService}).
 */
@Configuration(proxyBeanMethods = false)
class PartyOrders {

  static final String CATALOGUE = "org/fourinone/party/orders/order-types.json";

  @Bean
  OrderTypeCatalogue partyOrderTypes() {
    return new JsonOrderTypeCatalogue(CATALOGUE);
  }
}
