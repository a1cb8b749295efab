package org.fourinone.volunteer.volunteers;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.order.residents.ReferenceReplica;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VolunteersConfiguration {

  @Bean
  Skills skills(@Value("${fourinone.volunteer.skills}") String resource) {
    return new Skills(resource);
  }

  @Bean
  Volunteers volunteers(
      MongoDatabase database,
      Skills skills,
      ReferenceReplica places,
      PersonalData personalData,
      IdempotencyKeys idempotency,
      AuditTrail audit,
      @Value("${fourinone.volunteer.number-prefix}") String numberPrefix,
      @Value("${fourinone.volunteer.minimum-age}") int minimumAge,
      @Value("${fourinone.volunteer.star-hours}") List<Integer> starHours,
      @Value("${fourinone.volunteer.zone}") String zone) {
    return new Volunteers(
        database,
        skills,
        places,
        personalData,
        idempotency,
        audit,
        numberPrefix,
        minimumAge,
        starHours,
        ZoneId.of(zone),
        Clock.systemUTC());
  }

  /** A bean, so that it starts and stops with the service; its sweeper republishes what is left. */
  @Bean
  OutboxRelay volunteerOutboxRelay(
      Volunteers volunteers,
      OutboxRelays relays,
      @Value("${fourinone.topics.volunteers}") String topic) {
    OutboxRelay relay = relays.create("volunteers", volunteers.collection(), topic);
    volunteers.publishWith(relay);
    return relay;
  }
}
