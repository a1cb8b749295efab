package org.fourinone.volunteer.orders;

import org.fourinone.order.spi.JsonOrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The volunteer system's part of the order contract: the help residents ask of volunteers (陪同就医,
 * 代买代办 …), dispatched to a volunteer or a volunteer team, and its reaction to orders of the
 * other systems that are dispatched to a volunteer ({@link VolunteerTasks}).
 */
@Configuration(proxyBeanMethods = false)
class VolunteerOrders {

  static final String CATALOGUE = "org/fourinone/volunteer/orders/order-types.json";

  @Bean
  OrderTypeCatalogue volunteerOrderTypes() {
    return new JsonOrderTypeCatalogue(CATALOGUE);
  }
}
