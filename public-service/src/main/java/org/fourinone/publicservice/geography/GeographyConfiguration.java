package org.fourinone.publicservice.geography;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.fourinone.kit.PlatformProperties;
import org.fourinone.kit.outbox.OutboxRelay;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class GeographyConfiguration {

  @Bean
  Geography geography(MongoDatabase database) {
    return new Geography(database);
  }

  @Bean
  OutboxRelay geographyOutboxRelay(
      Geography geography, KafkaTemplate<String, byte[]> kafka, PlatformProperties properties, MeterRegistry meters) {
    return new OutboxRelay(
        "communities", geography.collection(), properties.getTopics().getGeography(),
        URI.create("/fourinone/public-service"), kafka, properties.getOutbox().getSweepInterval(), meters);
  }

  /** A fresh installation starts with the sample district; existing communities are left alone. */
  @Bean
  ApplicationRunner seedSampleDistrict(Geography geography, OutboxRelay geographyOutboxRelay) {
    return args -> {
      var added = geography.seed(geographyOutboxRelay);
      if (!added.isEmpty()) {
        LoggerFactory.getLogger(GeographyConfiguration.class).info("seeded {} communities of the sample district", added.size());
      }
    };
  }
}
