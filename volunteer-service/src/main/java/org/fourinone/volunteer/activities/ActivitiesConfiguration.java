package org.fourinone.volunteer.activities;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.calendar.Calendars;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ActivitiesConfiguration {

  @Bean
  Activities activities(
      MongoDatabase database,
      Volunteers volunteers,
      Calendars calendars,
      ReferenceReplica places,
      AuditTrail audit,
      @Value("${fourinone.volunteer.records.code-valid-for}") Duration codeValidFor) {
    return new Activities(
        database, volunteers, calendars, places, audit, codeValidFor, Clock.systemUTC());
  }
}
