package org.fourinone.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.fourinone.kit.config.PlatformProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

  @Bean
  OutboxRelays outboxRelays(
      KafkaTemplate<String, byte[]> kafka,
      PlatformProperties properties,
      MeterRegistry meters,
      @Value("${spring.application.name}") String applicationName) {
    return new OutboxRelays(kafka, properties, meters, applicationName);
  }
}
