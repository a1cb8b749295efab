package org.fourinone.sanshe.menu;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The menu is the system's order catalogue: one bean serves both. */
@Configuration(proxyBeanMethods = false)
class MenuConfiguration {

  @Bean
  Menu menu(@Value("${fourinone.sanshe.menu}") String resource) {
    return new Menu(resource);
  }
}
