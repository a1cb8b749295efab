package org.fourinone.kit.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings every service shares, under {@code fourinone.*}. */
@ConfigurationProperties("fourinone")
public class PlatformProperties {

  /**
   * The name of the system this service is; its lower case is the API prefix and the database name.
   */
  private String system;

  private final Outbox outbox = new Outbox();
  private final Consumer consumer = new Consumer();
  private final Mongodb mongodb = new Mongodb();

  /** Largest request body a service accepts. */
  private DataSize maxRequestBody = DataSize.ofKilobytes(64);

  public String getSystem() {
    return system;
  }

  public void setSystem(String system) {
    this.system = system;
  }

  public Outbox getOutbox() {
    return outbox;
  }

  public Consumer getConsumer() {
    return consumer;
  }

  public Mongodb getMongodb() {
    return mongodb;
  }

  public DataSize getMaxRequestBody() {
    return maxRequestBody;
  }

  public void setMaxRequestBody(DataSize maxRequestBody) {
    this.maxRequestBody = maxRequestBody;
  }

  public static class Outbox {
    /** How often the sweeper republishes what the fast path left behind. */
    private Duration sweepInterval = Duration.ofSeconds(2);

    public Duration getSweepInterval() {
      return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
      this.sweepInterval = sweepInterval;
    }
  }

  public static class Consumer {
    private int maxRetries = 6;
    private Duration initialBackOff = Duration.ofMillis(200);
    private Duration maxBackOff = Duration.ofSeconds(5);

    public int getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    public Duration getInitialBackOff() {
      return initialBackOff;
    }

    public void setInitialBackOff(Duration initialBackOff) {
      this.initialBackOff = initialBackOff;
    }

    public Duration getMaxBackOff() {
      return maxBackOff;
    }

    public void setMaxBackOff(Duration maxBackOff) {
      this.maxBackOff = maxBackOff;
    }
  }

  public static class Mongodb {
    /** The service's own database. */
    private String database;

    /** Write concern of every write: "majority" (journaled) in production, or a number. */
    private String writeConcern = "majority";

    public String getDatabase() {
      return database;
    }

    public void setDatabase(String database) {
      this.database = database;
    }

    public String getWriteConcern() {
      return writeConcern;
    }

    public void setWriteConcern(String writeConcern) {
      this.writeConcern = writeConcern;
    }
  }
}
