package org.fourinone.volunteer.records;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.kit.scheduling.Periodic;
import org.fourinone.volunteer.activities.Activities;
import org.fourinone.volunteer.calendar.Calendars;
import org.fourinone.volunteer.timebank.TimeBank;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecordsConfiguration {

  @Bean
  ServiceRecords serviceRecords(
      MongoDatabase database,
      Volunteers volunteers,
      Activities activities,
      Calendars calendars,
      TimeBank bank,
      AuditTrail audit,
      @Value("${fourinone.volunteer.records.daily-cap}") Duration dailyCap,
      @Value("${fourinone.volunteer.records.max-check-in-distance-metres}") long distance,
      @Value("${fourinone.volunteer.records.early-check-in}") Duration early,
      @Value("${fourinone.volunteer.records.longest-declared}") Duration longestDeclared,
      @Value("${fourinone.volunteer.records.declare-within}") Duration declareWithin,
      @Value("${fourinone.volunteer.zone}") String zone) {
    return new ServiceRecords(
        database,
        volunteers,
        activities,
        calendars,
        bank,
        audit,
        new RecordRules(dailyCap, distance, early, longestDeclared, declareWithin),
        ZoneId.of(zone),
        Clock.systemUTC());
  }

  @Bean
  OutboxRelay recordOutboxRelay(
      ServiceRecords records,
      OutboxRelays relays,
      @Value("${fourinone.topics.volunteers}") String topic) {
    OutboxRelay relay = relays.create("service-records", records.collection(), topic);
    records.publishWith(relay);
    return relay;
  }

  /** Credits approved records a crash left without their credit. */
  @Bean
  Periodic recordCrediting(
      ServiceRecords records,
      @Value("${fourinone.volunteer.timebank.sweep-interval}") Duration interval,
      @Value("${fourinone.volunteer.timebank.lease}") Duration lease) {
    return new Periodic("records-crediting", interval, () -> records.creditDue(lease, 200));
  }
}
