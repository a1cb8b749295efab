package org.fourinone.volunteer.teams;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TeamsConfiguration {

  @Bean
  Teams teams(MongoDatabase database, Volunteers volunteers, AuditTrail audit) {
    return new Teams(database, volunteers, audit, Clock.systemUTC());
  }
}
