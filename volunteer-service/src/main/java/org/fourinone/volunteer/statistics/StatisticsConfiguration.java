package org.fourinone.volunteer.statistics;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.fourinone.kit.scheduling.Periodic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatisticsConfiguration {

  @Bean
  VolunteerStatistics volunteerStatistics(
      MongoDatabase database,
      org.fourinone.order.residents.ReferenceReplica places,
      RecordStatistics records,
      NeedStatistics needs,
      @Value("${fourinone.volunteer.zone}") String zone) {
    return new VolunteerStatistics(database, places, records, needs, ZoneId.of(zone));
  }

  /**
   * The service records' counts per community and day ({@code service_record_stats}); days end at
   * midnight in {@code fourinone.volunteer.zone}. A change time is read back with {@code overlap}
   * (the replicas' clock differences and a write's delay); one replica at a time refreshes, under a
   * lease of {@code lease}.
   */
  @Bean
  RecordStatistics recordStatistics(
      MongoDatabase database,
      @Value("${fourinone.volunteer.zone}") String zone,
      @Value("${fourinone.volunteer.statistics.overlap:10s}") Duration overlap,
      @Value("${fourinone.volunteer.statistics.lease:30s}") Duration lease) {
    return new RecordStatistics(database, ZoneId.of(zone), overlap, lease, Clock.systemUTC());
  }

  /** The needs' counts per community and day ({@code need_stats}), kept as the records' are. */
  @Bean
  NeedStatistics needStatistics(
      MongoDatabase database,
      @Value("${fourinone.volunteer.zone}") String zone,
      @Value("${fourinone.volunteer.statistics.overlap:10s}") Duration overlap,
      @Value("${fourinone.volunteer.statistics.lease:30s}") Duration lease) {
    return new NeedStatistics(database, ZoneId.of(zone), overlap, lease, Clock.systemUTC());
  }

  /**
   * Counts the days that ended and recounts those of changed records every {@code
   * fourinone.volunteer.statistics.refresh-interval} (an ended day's figures follow within it); the
   * first pass over a district that already has records counts all of them, logging its progress.
   */
  @Bean
  Periodic recordStatisticsRefresher(
      RecordStatistics records,
      @Value("${fourinone.volunteer.statistics.refresh-interval:15s}") Duration interval) {
    return new Periodic("record-statistics", interval, records::refresh);
  }

  /** The same for the needs' counts. */
  @Bean
  Periodic needStatisticsRefresher(
      NeedStatistics needs,
      @Value("${fourinone.volunteer.statistics.refresh-interval:15s}") Duration interval) {
    return new Periodic("need-statistics", interval, needs::refresh);
  }
}
