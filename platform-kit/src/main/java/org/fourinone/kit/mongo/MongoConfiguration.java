package org.fourinone.kit.mongo;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.fourinone.kit.config.PlatformProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's own database, with the platform's write concern on every write. */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

  @Bean
  MongoDatabase serviceDatabase(MongoClient client, PlatformProperties properties) {
    return client
        .getDatabase(properties.getMongodb().getDatabase())
        .withWriteConcern(writeConcern(properties.getMongodb().getWriteConcern()));
  }

  /** Named "mongo", in place of Boot's indicator (switched off in the kit's defaults). */
  @Bean
  MongoPingHealthIndicator mongoHealthIndicator(MongoDatabase serviceDatabase) {
    return new MongoPingHealthIndicator(serviceDatabase);
  }

  static WriteConcern writeConcern(String setting) {
    WriteConcern base =
        "majority".equalsIgnoreCase(setting)
            ? WriteConcern.MAJORITY
            : new WriteConcern(Integer.parseInt(setting));
    return base.withJournal(true).withWTimeout(10, TimeUnit.SECONDS);
  }
}
