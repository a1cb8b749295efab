package org.fourinone.volunteer.matching;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.kit.scheduling.Periodic;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.application.OrderNotes;
import org.fourinone.order.application.OrderService;
import org.fourinone.order.application.Orders;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.records.ServiceRecords;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

  @Bean
  Needs needs(
      MongoDatabase database,
      Volunteers volunteers,
      AuditTrail audit,
      @Value("${fourinone.volunteer.matching.invite-within}") Duration inviteWithin,
      @Value("${fourinone.volunteer.matching.lease}") Duration lease) {
    return new Needs(database, volunteers, audit, inviteWithin, lease, Clock.systemUTC());
  }

  @Bean
  Ranking ranking(
      @Value("#{${fourinone.volunteer.matching.weights}}") Map<String, Double> weights,
      @Value("${fourinone.volunteer.matching.max-distance-metres}") double maxDistance,
      @Value("${fourinone.volunteer.zone}") String zone) {
    return new Ranking(
        new Ranking.Weights(
            weights.get("skill"),
            weights.get("distance"),
            weights.get("availability"),
            weights.get("load"),
            weights.get("rating")),
        maxDistance,
        ZoneId.of(zone));
  }

  @Bean
  Matcher matcher(
      Needs needs,
      Volunteers volunteers,
      Ranking ranking,
      ReferenceReplica places,
      Orders orders,
      OrderService service,
      OrderNotes notes,
      OriginSystem self,
      @Value("${fourinone.volunteer.matching.candidates}") int candidates,
      @Value("${fourinone.volunteer.matching.recheck-unmatched}") Duration recheck) {
    return new Matcher(
        needs, volunteers, ranking, places, orders, service, notes, self, candidates, recheck);
  }

  @Bean
  Periodic matching(
      Matcher matcher, @Value("${fourinone.volunteer.matching.interval}") Duration interval) {
    return new Periodic("volunteer-matching", interval, matcher::runOnce);
  }

  @Bean
  OutboxRelay needOutboxRelay(
      Needs needs, OutboxRelays relays, @Value("${fourinone.topics.volunteers}") String topic) {
    OutboxRelay relay = relays.create("needs", needs.collection(), topic);
    needs.publishWith(relay);
    return relay;
  }

  @Bean
  NeedReactions needReactions(Needs needs, ServiceRecords records) {
    return new NeedReactions(needs, records);
  }
}
