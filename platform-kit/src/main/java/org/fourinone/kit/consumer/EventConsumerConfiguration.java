package org.fourinone.kit.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.fourinone.kit.config.PlatformProperties;
import org.fourinone.kit.events.PoisonEventException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Failure handling of every listener, single-record or batch: bounded retries with exponential
 * back-off, then the record goes to {@code <topic>.dlt} with the original headers plus the
 * exception, it is counted as {@code fourinone.dead.letters} (tags {@code topic}, {@code group}),
 * and the listener goes on with the next record. A record that can never be read ({@link
 * PoisonEventException}) skips the retries. A batch listener names the failed record by throwing
 * {@link org.springframework.kafka.listener.BatchListenerFailedException} (see {@link EventBatch}):
 * the records before it stay done. Boot's listener container factory picks this handler up.
 */
@Configuration(proxyBeanMethods = false)
public class EventConsumerConfiguration {

  public static final String DLT_SUFFIX = ".dlt";
  public static final String DEAD_LETTERS_METRIC = "fourinone.dead.letters";

  @Bean
  DefaultErrorHandler eventErrorHandler(
      KafkaTemplate<String, byte[]> kafka, PlatformProperties properties, MeterRegistry meters) {
    var recoverer = new CountingDeadLetterRecoverer(kafka, meters);
    var consumer = properties.getConsumer();
    var backOff = new ExponentialBackOffWithMaxRetries(consumer.getMaxRetries());
    backOff.setInitialInterval(consumer.getInitialBackOff().toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(consumer.getMaxBackOff().toMillis());
    var handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(PoisonEventException.class);
    return handler;
  }

  /**
   * Creates the dead-letter counter of every topic and group the service consumes at 0 once it is
   * ready, so that the first dead letter is an increase an alert sees (an absent series is not).
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> deadLetterSeries(
      KafkaListenerEndpointRegistry listeners, MeterRegistry meters) {
    return ready -> {
      for (MessageListenerContainer container : listeners.getListenerContainers()) {
        String[] topics = container.getContainerProperties().getTopics();
        if (topics == null || container.getGroupId() == null) {
          continue;
        }
        for (String topic : topics) {
          meters.counter(DEAD_LETTERS_METRIC, "topic", topic, "group", container.getGroupId());
        }
      }
    };
  }

  /** Publishes to {@code <topic>.dlt} and counts each dead letter by topic and consumer group. */
  static final class CountingDeadLetterRecoverer extends DeadLetterPublishingRecoverer {
    private final MeterRegistry meters;

    CountingDeadLetterRecoverer(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
      super(kafka, (record, e) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1));
      this.meters = meters;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
      super.accept(record, consumer, exception);
      String group = consumer == null ? "unknown" : consumer.groupMetadata().groupId();
      meters.counter(DEAD_LETTERS_METRIC, "topic", record.topic(), "group", group).increment();
    }
  }
}
