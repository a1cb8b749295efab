package org.fourinone.kit.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes and reads {@link EventEnvelope}s as CloudEvents in Kafka binary mode: attributes in {@code
 * ce_*} headers, the JSON data as the record value, the aggregate id as the key.
 */
public final class CloudEventCodec {

  public static final String SEQUENCE = "sequence";
  public static final String TRACEPARENT = "traceparent";
  public static final String SCHEMA_BASE = "https://fourinone.org/events/schemas/";

  private CloudEventCodec() {}

  public static URI schemaOf(String type) {
    return URI.create(SCHEMA_BASE + type + ".json");
  }

  public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope event) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(event.id())
            .withType(event.type())
            .withSource(event.source())
            .withSubject(event.subject())
            .withTime(event.time())
            .withExtension(SEQUENCE, Long.toString(event.sequence()))
            .withData("application/json", event.data());
    if (event.dataschema() != null) {
      builder.withDataSchema(event.dataschema());
    }
    if (event.traceparent() != null) {
      builder.withExtension(TRACEPARENT, event.traceparent());
    }
    ProducerRecord<String, byte[]> record =
        KafkaMessageFactory.createWriter(topic, event.subject()).writeBinary(builder.build());
    if (event.traceparent() != null) {
      record.headers().add(TRACEPARENT, event.traceparent().getBytes(StandardCharsets.US_ASCII));
    }
    return record;
  }

  /**
   * Reads a record back into an envelope.
   *
   * @throws PoisonEventException when the record is not a CloudEvent the platform can read
   */
  public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
    CloudEvent event;
    try {
      event = KafkaMessageFactory.createReader(record).toEvent();
    } catch (RuntimeException e) {
      throw new PoisonEventException("not a CloudEvent: " + e.getMessage(), e);
    }
    if (event.getData() == null || event.getSubject() == null || event.getTime() == null) {
      throw new PoisonEventException(
          "CloudEvent " + event.getId() + " lacks data, subject or time");
    }
    Object sequence = event.getExtension(SEQUENCE);
    long seq;
    try {
      seq = sequence == null ? 0 : Long.parseLong(sequence.toString());
    } catch (NumberFormatException e) {
      throw new PoisonEventException("CloudEvent " + event.getId() + " has a bad sequence", e);
    }
    Object traceparent = event.getExtension(TRACEPARENT);
    return new EventEnvelope(
        event.getId(),
        event.getType(),
        event.getSource(),
        event.getSubject(),
        event.getTime(),
        event.getDataSchema(),
        seq,
        traceparent == null ? null : traceparent.toString(),
        event.getData().toBytes());
  }
}
