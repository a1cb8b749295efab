package org.fourinone.sanshe.workers;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.ZoneId;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.sanshe.organisations.Organisations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CareerLadder.class)
class WorkersConfiguration {

  @Bean
  SocialWorkers socialWorkers(
      MongoDatabase database,
      Organisations organisations,
      ReferenceReplica places,
      CareerLadder ladder,
      AuditTrail audit,
      @Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone) {
    return new SocialWorkers(
        database, organisations, places, ladder, audit, ZoneId.of(zone), Clock.systemUTC());
  }

  @Bean
  WorkerRecord workerRecord(@Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone) {
    return new WorkerRecord(ZoneId.of(zone));
  }

  @Bean
  Appraisals appraisals(
      MongoDatabase database,
      SocialWorkers workers,
      CareerLadder ladder,
      AuditTrail audit,
      @Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone) {
    return new Appraisals(database, workers, ladder, audit, ZoneId.of(zone), Clock.systemUTC());
  }

  @Bean
  CommunityStaffing communityStaffing(
      MongoDatabase database,
      SocialWorkers workers,
      ReferenceReplica places,
      CareerLadder ladder,
      AuditTrail audit) {
    return new CommunityStaffing(database, workers, places, ladder, audit, Clock.systemUTC());
  }

  @Bean
  OutboxRelay socialWorkerOutboxRelay(
      SocialWorkers workers,
      OutboxRelays relays,
      @Value("${fourinone.topics.social-workers}") String topic) {
    OutboxRelay relay = relays.create("social-workers", workers.collection(), topic);
    workers.publishWith(relay);
    return relay;
  }
}
