package org.fourinone.publicservice.geography;

import com.mongodb.client.MongoDatabase;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.order.autoconfigure.OrderContractProperties;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GeographyConfiguration {

  @Bean
  Geography geography(MongoDatabase database) {
    return new Geography(database);
  }

  @Bean
  OutboxRelay geographyOutboxRelay(
      Geography geography, OutboxRelays relays, OrderContractProperties properties) {
    return relays.create(
        "communities", geography.collection(), properties.getTopics().getGeography());
  }

  /** A fresh installation starts with the sample district; existing communities are left alone. */
  @Bean
  ApplicationRunner seedSampleDistrict(Geography geography, OutboxRelay geographyOutboxRelay) {
    return args -> {
      var added = geography.seed(geographyOutboxRelay);
      if (!added.isEmpty()) {
        LoggerFactory.getLogger(GeographyConfiguration.class)
            .info("seeded {} communities of the sample district", added.size());
      }
    };
  }
}
