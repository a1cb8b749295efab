package org.fourinone.volunteer.calendar;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  @Bean
  Calendars calendars(
      MongoDatabase database, @Value("${fourinone.volunteer.calendar-keeps}") Duration keep) {
    return new Calendars(database, keep, Clock.systemUTC());
  }
}
