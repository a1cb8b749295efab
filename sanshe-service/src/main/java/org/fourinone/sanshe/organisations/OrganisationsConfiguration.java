package org.fourinone.sanshe.organisations;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.ZoneId;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.sanshe.menu.Menu;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrganisationsConfiguration {

  @Bean
  Organisations organisations(
      MongoDatabase database,
      Menu menu,
      ReferenceReplica places,
      PersonalData personalData,
      IdempotencyKeys idempotency,
      AuditTrail audit,
      @Value("${fourinone.sanshe.filing-number-pattern}") String filingNumberPattern,
      @Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone) {
    return new Organisations(
        database,
        menu,
        places,
        personalData,
        idempotency,
        audit,
        filingNumberPattern,
        ZoneId.of(zone),
        Clock.systemUTC());
  }

  /** A bean, so that it starts and stops with the service; its sweeper republishes what is left. */
  @Bean
  OutboxRelay organisationOutboxRelay(
      Organisations organisations,
      OutboxRelays relays,
      @Value("${fourinone.topics.organisations}") String topic) {
    OutboxRelay relay = relays.create("organisations", organisations.collection(), topic);
    organisations.publishWith(relay);
    return relay;
  }
}
