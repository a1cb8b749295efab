package org.fourinone.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients on the platform's broker: read topics from the start, re-send records, check
 * consumer lag.
 */
public final class Wire {

  public static final String ORDERS = "community.orders.v1";
  public static final String RESIDENTS = "community.residents.v1";
  public static final String GEOGRAPHY = "community.geography.v1";
  public static final String ORDER_CONTRIBUTIONS = "community.order-contributions.v1";

  private final String bootstrap;

  public Wire(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * Every record on the topics, from the beginning up to the end offsets as of now, read by a fresh
   * consumer group.
   */
  public List<ConsumerRecord<String, byte[]>> readAll(Collection<String> topics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(10))
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topics + " up to " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /**
   * Sends copies of the records (same topic, key, value and headers), in the given order; returns
   * where they landed.
   */
  public List<RecordMetadata> resend(List<ConsumerRecord<String, byte[]>> records) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<RecordMetadata> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (ConsumerRecord<String, byte[]> record : records) {
        ProducerRecord<String, byte[]> copy =
            new ProducerRecord<>(
                record.topic(), null, record.key(), record.value(), record.headers());
        sent.add(producer.send(copy).get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return sent;
  }

  /**
   * Consumer groups that have committed offsets on {@code partition}, with the offset each
   * committed. The platform's services each read the order topic in their own group.
   */
  public Map<String, Long> committedOffsets(TopicPartition partition) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      Map<String, Long> committed = new java.util.TreeMap<>();
      for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
        if (group.groupId().startsWith("system-tests-")) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets =
            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata offset = offsets.get(partition);
        if (offset != null) {
          committed.put(group.groupId(), offset.offset());
        }
      }
      return committed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Key, value and every header value of a record as text, to search for personal data. */
  public static String asText(ConsumerRecord<String, byte[]> record) {
    StringBuilder text = new StringBuilder(String.valueOf(record.key())).append('\n');
    if (record.value() != null) {
      text.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
    }
    for (Header header : record.headers()) {
      text.append(header.key()).append('=');
      if (header.value() != null) {
        text.append(new String(header.value(), StandardCharsets.UTF_8));
      }
      text.append('\n');
    }
    return text.toString();
  }
}
