package org.fourinone.kit.audit;

import com.mongodb.client.MongoDatabase;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fourinone.kit.config.PlatformProperties;
import org.fourinone.kit.problem.RefusalObserver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  @Bean
  AuditTrail auditTrail(
      MongoDatabase database,
      PlatformProperties properties,
      ObjectProvider<Tracer> tracer,
      @Value("${fourinone.audit.retention:400d}") Duration retention) {
    return new AuditTrail(
        database, properties.getSystem(), retention, tracer.getIfAvailable(), Clock.systemUTC());
  }

  /** Every request refused as forbidden is an audit entry. */
  @Bean
  RefusalObserver auditRefusals(AuditTrail auditTrail) {
    return (request, code) ->
        auditTrail.record("ACCESS_DENIED", "request", request, AuditEntry.Outcome.DENIED, code);
  }

  @Bean
  AuditController auditController(
      AuditTrail auditTrail, @Value("${fourinone.audit.reader-role:}") String readerRole) {
    return new AuditController(auditTrail, readerRole);
  }

  /**
   * Purges expired entries once a day (a TTL index would do it on MongoDB, not on the embedded
   * server).
   */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService auditRetention(AuditTrail auditTrail) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audit-retention");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(auditTrail::purgeExpired, 1, 24 * 60, TimeUnit.MINUTES);
    return executor;
  }
}
