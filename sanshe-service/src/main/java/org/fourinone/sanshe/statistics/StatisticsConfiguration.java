package org.fourinone.sanshe.statistics;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.fourinone.kit.scheduling.Periodic;
import org.fourinone.sanshe.dispatch.Dispatches;
import org.fourinone.sanshe.organisations.Organisations;
import org.fourinone.sanshe.workers.SocialWorkers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatisticsConfiguration {

  /**
   * The dispatches' counts per community and day ({@code dispatch_stats}); days end at midnight in
   * {@code fourinone.sanshe.zone}. The dispatches' indexes come with them ({@link Dispatches}).
   */
  @Bean
  DispatchStatistics dispatchStatistics(
      MongoDatabase database,
      Dispatches dispatches,
      @Value("${fourinone.sanshe.zone:Asia/Shanghai}") String zone,
      @Value("${fourinone.sanshe.statistics.overlap:10s}") Duration overlap,
      @Value("${fourinone.sanshe.statistics.lease:30s}") Duration lease) {
    return new DispatchStatistics(database, ZoneId.of(zone), overlap, lease, Clock.systemUTC());
  }

  /**
   * Counts the days that ended and recounts those of changed dispatches every {@code
   * fourinone.sanshe.statistics.refresh-interval} (an ended day's figures follow within it); the
   * first pass over a district that already has dispatches counts all of them, logging its
   * progress.
   */
  @Bean
  Periodic dispatchStatisticsRefresher(
      DispatchStatistics statistics,
      @Value("${fourinone.sanshe.statistics.refresh-interval:15s}") Duration interval) {
    return new Periodic("dispatch-statistics", interval, statistics::refresh);
  }

  @Bean
  SansheStatistics sansheStatistics(
      Organisations organisations, DispatchStatistics dispatches, SocialWorkers workers) {
    return new SansheStatistics(organisations.collection(), dispatches, workers.collection());
  }
}
