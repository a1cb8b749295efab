package org.fourinone.party.organisationchecks;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.ZoneId;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrganisationChecksConfiguration {

  @Bean
  OrganisationChecks organisationChecks(MongoDatabase database, AuditTrail audit) {
    return new OrganisationChecks(database, audit, ZoneId.of("Asia/Shanghai"), Clock.systemUTC());
  }

  @Bean
  OutboxRelay organisationCheckOutboxRelay(
      OrganisationChecks checks,
      OutboxRelays relays,
      @Value("${fourinone.topics.organisation-checks}") String topic) {
    OutboxRelay relay = relays.create("organisation-checks", checks.collection(), topic);
    checks.publishWith(relay);
    return relay;
  }
}
