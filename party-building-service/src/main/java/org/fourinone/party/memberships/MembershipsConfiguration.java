package org.fourinone.party.memberships;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.order.residents.ReferenceReplica;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MembershipsConfiguration {

  @Bean
  Memberships memberships(MongoDatabase database, ReferenceReplica residents, AuditTrail audit) {
    return new Memberships(database, residents, audit, Clock.systemUTC());
  }

  @Bean
  MemberVolunteering memberVolunteering(MongoDatabase database) {
    return new MemberVolunteering(database);
  }

  @Bean
  OutboxRelay membershipOutboxRelay(
      Memberships memberships,
      OutboxRelays relays,
      @Value("${fourinone.topics.memberships}") String topic) {
    OutboxRelay relay = relays.create("memberships", memberships.collection(), topic);
    memberships.publishWith(relay);
    return relay;
  }
}
