package org.fourinone.volunteer.timebank;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.outbox.OutboxRelays;
import org.fourinone.kit.scheduling.Periodic;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeBankConfiguration.Settings.class)
class TimeBankConfiguration {

  /**
   * {@code fourinone.volunteer.timebank}: the district's rules
   * (docs/services/volunteer-service.md).
   */
  @ConfigurationProperties("fourinone.volunteer.timebank")
  static class Settings {
    private BigDecimal pointsPerHour = BigDecimal.ONE;
    private Map<String, BigDecimal> kinds = new LinkedHashMap<>();
    private BigDecimal overdraft = BigDecimal.ZERO;
    private BigDecimal storageCap = BigDecimal.ZERO;
    private List<String> transferRelations = List.of("SPOUSE", "PARENT", "CHILD");
    private BigDecimal minimumTransfer = BigDecimal.ONE;
    private Duration lease = Duration.ofSeconds(30);
    private Duration sweepInterval = Duration.ofSeconds(5);

    public BigDecimal getPointsPerHour() {
      return pointsPerHour;
    }

    public void setPointsPerHour(BigDecimal pointsPerHour) {
      this.pointsPerHour = pointsPerHour;
    }

    public Map<String, BigDecimal> getKinds() {
      return kinds;
    }

    public void setKinds(Map<String, BigDecimal> kinds) {
      this.kinds = kinds;
    }

    public BigDecimal getOverdraft() {
      return overdraft;
    }

    public void setOverdraft(BigDecimal overdraft) {
      this.overdraft = overdraft;
    }

    public BigDecimal getStorageCap() {
      return storageCap;
    }

    public void setStorageCap(BigDecimal storageCap) {
      this.storageCap = storageCap;
    }

    public List<String> getTransferRelations() {
      return transferRelations;
    }

    public void setTransferRelations(List<String> transferRelations) {
      this.transferRelations = transferRelations;
    }

    public BigDecimal getMinimumTransfer() {
      return minimumTransfer;
    }

    public void setMinimumTransfer(BigDecimal minimumTransfer) {
      this.minimumTransfer = minimumTransfer;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getSweepInterval() {
      return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
      this.sweepInterval = sweepInterval;
    }
  }

  @Bean
  Ledger ledger(MongoDatabase database, Settings settings, MeterRegistry meters) {
    return new Ledger(
        database,
        Points.parse(settings.getOverdraft()),
        settings.getLease(),
        Clock.systemUTC(),
        meters);
  }

  @Bean
  TimeBank timeBank(
      Ledger ledger,
      Settings settings,
      Volunteers volunteers,
      ReferenceReplica places,
      AuditTrail audit,
      @Value("${fourinone.volunteer.zone}") String zone) {
    TimeBankRules rules =
        new TimeBankRules(
            settings.getPointsPerHour(),
            Map.copyOf(settings.getKinds()),
            Points.parse(settings.getOverdraft()),
            Points.parse(settings.getStorageCap()),
            TimeBank.relationsOf(settings.getTransferRelations()),
            Points.parse(settings.getMinimumTransfer()));
    return new TimeBank(ledger, rules, volunteers, places, audit, ZoneId.of(zone));
  }

  /** Publishes the events of entries on volunteers' accounts (入账 / 出账). */
  @Bean
  OutboxRelay ledgerOutboxRelay(
      Ledger ledger, OutboxRelays relays, @Value("${fourinone.topics.volunteers}") String topic) {
    OutboxRelay relay = relays.create("ledger", ledger.entries(), topic);
    ledger.publishWith(relay);
    return relay;
  }

  /** Finishes the transactions a crash left pending, once their lease has run out. */
  @Bean
  Periodic ledgerRecovery(Ledger ledger, Settings settings) {
    return new Periodic(
        "timebank-recovery", settings.getSweepInterval(), () -> ledger.recover(200));
  }
}
