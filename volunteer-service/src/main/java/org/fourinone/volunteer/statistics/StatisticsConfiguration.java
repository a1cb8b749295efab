package org.fourinone.volunteer.statistics;

import com.mongodb.client.MongoDatabase;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatisticsConfiguration {

  @Bean
  VolunteerStatistics volunteerStatistics(
      MongoDatabase database,
      org.fourinone.order.residents.ReferenceReplica places,
      @Value("${fourinone.volunteer.zone}") String zone) {
    return new VolunteerStatistics(database, places, ZoneId.of(zone));
  }
}
