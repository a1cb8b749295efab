package org.fourinone.kit.consumer;

import org.apache.kafka.common.TopicPartition;
import org.fourinone.kit.PlatformProperties;
import org.fourinone.kit.events.PoisonEventException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Failure handling of every listener: bounded retries with exponential back-off, then the record
 * goes to {@code <topic>.dlt} with the original headers plus the exception, and the listener goes
 * on with the next record. A record that can never be read ({@link PoisonEventException}) skips the
 * retries. Boot's listener container factory picks this handler up.
 */
@Configuration(proxyBeanMethods = false)
public class EventConsumerConfiguration {

  public static final String DLT_SUFFIX = ".dlt";

  @Bean
  DefaultErrorHandler eventErrorHandler(
      KafkaTemplate<String, byte[]> kafka, PlatformProperties properties) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            kafka, (record, e) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1));
    var consumer = properties.getConsumer();
    var backOff = new ExponentialBackOffWithMaxRetries(consumer.getMaxRetries());
    backOff.setInitialInterval(consumer.getInitialBackOff().toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(consumer.getMaxBackOff().toMillis());
    var handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(PoisonEventException.class);
    return handler;
  }
}
