package org.fourinone.kit.outbox;

import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.bson.Document;
import org.fourinone.kit.config.PlatformProperties;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Makes the outbox relay of one aggregate collection, with the service's producer, sweep interval
 * and metrics; the CloudEvents {@code source} is {@code /fourinone/<spring.application.name>}.
 * Declare the result as a bean so that it starts and stops with the service.
 */
public class OutboxRelays {

  private final KafkaTemplate<String, byte[]> kafka;
  private final PlatformProperties properties;
  private final MeterRegistry meters;
  private final URI source;

  public OutboxRelays(
      KafkaTemplate<String, byte[]> kafka,
      PlatformProperties properties,
      MeterRegistry meters,
      String applicationName) {
    this.kafka = kafka;
    this.properties = properties;
    this.meters = meters;
    this.source = URI.create("/fourinone/" + applicationName);
  }

  public OutboxRelay create(String name, MongoCollection<Document> collection, String topic) {
    return new OutboxRelay(
        name, collection, topic, source, kafka, properties.getOutbox().getSweepInterval(), meters);
  }
}
