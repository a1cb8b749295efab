package org.fourinone.kit.reference;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives a service a replica of residents and communities unless it owns them itself. */
@Configuration(proxyBeanMethods = false)
public class ReferenceConfiguration {

  @Bean
  @ConditionalOnMissingBean(ResidentDirectory.class)
  ReferenceReplica referenceReplica(MongoDatabase database, MeterRegistry meters) {
    return new ReferenceReplica(database, meters);
  }
}
