package org.fourinone.sanshe.orders;

import org.fourinone.order.spi.JsonOrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * 三社联动's part of the order contract: the services of its menu (服务通) as order types, carried
 * by social organisations and social workers (and volunteers where a type allows), handled by the
 * community's workers and social workers, never by party staff. Organisations and social workers
 * are not registered here yet, so any well-formed assignee is accepted (the contract's default).
 */
@Configuration(proxyBeanMethods = false)
class SansheOrders {

  static final String CATALOGUE = "org/fourinone/sanshe/orders/order-types.json";

  @Bean
  OrderTypeCatalogue sansheOrderTypes() {
    return new JsonOrderTypeCatalogue(CATALOGUE);
  }
}
