package org.fourinone.publicservice.residents;

import com.mongodb.client.MongoDatabase;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.order.autoconfigure.OrderContractProperties;
import org.fourinone.publicservice.geography.Geography;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry, its re-encryption job and its outbox relay; the personal-data keys are the kit's
 * ({@code PersonalDataConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class ResidentsConfiguration {

  @Bean
  ResidentRegistry residentRegistry(
      MongoDatabase database,
      Geography geography,
      IdempotencyKeys idempotency,
      AuditTrail audit,
      PersonalData personalData) {
    return new ResidentRegistry(database, geography, personalData, idempotency, audit);
  }

  @Bean
  PersonalDataRotation personalDataRotation(
      ResidentRegistry registry,
      PersonalData personalData,
      AuditTrail audit,
      @Value("${fourinone.personal-data.reencrypt-batch-size:${PII_REENCRYPT_BATCH_SIZE:500}}")
          int batchSize) {
    return new PersonalDataRotation(registry.collection(), personalData, audit, batchSize);
  }

  /**
   * {@code PII_REENCRYPT_ON_START=true}: one re-encryption run in the background after start-up.
   */
  @Bean
  ApplicationRunner personalDataReEncryptionOnStart(
      PersonalDataRotation rotation,
      @Value("${fourinone.personal-data.reencrypt-on-start:${PII_REENCRYPT_ON_START:false}}")
          boolean onStart) {
    return args -> {
      if (!onStart) {
        return;
      }
      Thread run =
          new Thread(
              () -> {
                try {
                  rotation.reEncryptAll("start-up");
                } catch (RuntimeException e) {
                  LoggerFactory.getLogger(PersonalDataRotation.class)
                      .error("re-encryption on start-up failed", e);
                }
              },
              "pii-re-encryption");
      run.setDaemon(true);
      run.start();
    };
  }

  @Bean
  OutboxRelay residentOutboxRelay(
      ResidentRegistry registry, OutboxRelays relays, OrderContractProperties properties) {
    OutboxRelay relay =
        relays.create("residents", registry.collection(), properties.getTopics().getResidents());
    registry.publishWith(relay);
    return relay;
  }
}
