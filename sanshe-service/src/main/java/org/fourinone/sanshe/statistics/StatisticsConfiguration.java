package org.fourinone.sanshe.statistics;

import org.fourinone.sanshe.dispatch.Dispatches;
import org.fourinone.sanshe.organisations.Organisations;
import org.fourinone.sanshe.workers.SocialWorkers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatisticsConfiguration {

  @Bean
  SansheStatistics sansheStatistics(
      Organisations organisations, Dispatches dispatches, SocialWorkers workers) {
    return new SansheStatistics(
        organisations.collection(), dispatches.collection(), workers.collection());
  }
}
