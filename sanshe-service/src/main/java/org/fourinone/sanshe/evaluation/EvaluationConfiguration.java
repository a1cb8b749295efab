package org.fourinone.sanshe.evaluation;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.sanshe.organisations.Organisations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvaluationRules.class)
class EvaluationConfiguration {

  @Bean
  FulfilmentRecord fulfilmentRecord(@Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone) {
    return new FulfilmentRecord(ZoneId.of(zone));
  }

  @Bean
  EvaluationRounds evaluationRounds(
      MongoDatabase database,
      Organisations organisations,
      EvaluationRules rules,
      AuditTrail audit,
      @Value("${fourinone.sanshe.evaluation-notice:7d}") Duration notice,
      @Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone) {
    return new EvaluationRounds(
        database, organisations, rules, audit, notice, ZoneId.of(zone), Clock.systemUTC());
  }
}
