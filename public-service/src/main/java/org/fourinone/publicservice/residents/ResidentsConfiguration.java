package org.fourinone.publicservice.residents;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.fourinone.kit.PlatformProperties;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.publicservice.geography.Geography;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class ResidentsConfiguration {

  @Bean
  ResidentRegistry residentRegistry(
      MongoDatabase database,
      Geography geography,
      IdempotencyKeys idempotency,
      AuditTrail audit,
      @Value("${fourinone.personal-data.encryption-key:}") String encryptionKey,
      @Value("${fourinone.personal-data.hash-key:}") String hashKey) {
    return new ResidentRegistry(database, geography, new PersonalData(encryptionKey, hashKey), idempotency, audit);
  }

  @Bean
  OutboxRelay residentOutboxRelay(
      ResidentRegistry registry, KafkaTemplate<String, byte[]> kafka, PlatformProperties properties, MeterRegistry meters) {
    OutboxRelay relay =
        new OutboxRelay(
            "residents", registry.collection(), properties.getTopics().getResidents(),
            URI.create("/fourinone/public-service"), kafka, properties.getOutbox().getSweepInterval(), meters);
    registry.publishWith(relay);
    return relay;
  }
}
