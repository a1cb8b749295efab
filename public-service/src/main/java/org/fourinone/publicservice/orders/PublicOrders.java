package org.fourinone.publicservice.orders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** public-service's part of the order contract: its items, its departments, the resident's file. */
@Configuration(proxyBeanMethods = false)
class PublicOrders {

  @Bean
  PublicOrderTypes publicOrderTypes() {
    return new PublicOrderTypes();
  }

  @Bean
  Departments departments(PublicOrderTypes types) {
    return new Departments(types);
  }
}
