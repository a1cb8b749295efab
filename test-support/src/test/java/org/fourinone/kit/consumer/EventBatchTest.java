package org.fourinone.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

class EventBatchTest {

  static ConsumerRecord<String, byte[]> event(int offset, String type) {
    ProducerRecord<String, byte[]> written =
        CloudEventCodec.toRecord(
            "t",
            new EventEnvelope(
                "id-" + offset,
                type,
                URI.create("/test"),
                "s-" + offset,
                OffsetDateTime.now(),
                null,
                1,
                null,
                "{}".getBytes(StandardCharsets.UTF_8)));
    ConsumerRecord<String, byte[]> read =
        new ConsumerRecord<>("t", 0, offset, written.key(), written.value());
    written.headers().forEach(h -> read.headers().add(h));
    return read;
  }

  static ConsumerRecord<String, byte[]> garbage(int offset) {
    return new ConsumerRecord<>("t", 0, offset, "k", "garbage".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesAPollInOneFlushAndSkipsWhatTheHandlerSkips() {
    List<List<String>> flushes = new ArrayList<>();
    EventBatch.<String>process(
        List.of(event(0, "a"), event(1, "skip"), event(2, "a")),
        e -> e.type().equals("skip") ? List.of() : List.of(e.id()),
        flushes::add);
    assertThat(flushes).containsExactly(List.of("id-0", "id-2"));
  }

  @Test
  void anUnreadableRecordEndsTheBatchAfterTheWritesBeforeItAndIsNamedToTheErrorHandler() {
    List<List<String>> flushes = new ArrayList<>();
    assertThatThrownBy(
            () ->
                EventBatch.<String>process(
                    List.of(event(0, "a"), event(1, "a"), garbage(2), event(3, "a")),
                    e -> List.of(e.id()),
                    flushes::add))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class,
            e -> {
              assertThat(e.getIndex()).isEqualTo(2);
              assertThat(e.getCause()).isInstanceOf(PoisonEventException.class);
            });
    assertThat(flushes).containsExactly(List.of("id-0", "id-1"));
  }

  @Test
  void dataTheHandlerCannotReadIsPoisonToo() {
    assertThatThrownBy(
            () ->
                EventBatch.<String>process(
                    List.of(event(0, "a"), event(1, "bad")),
                    e -> {
                      if (e.type().equals("bad")) {
                        throw new PoisonEventException("bad data");
                      }
                      return List.of(e.id());
                    },
                    writes -> {}))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(1));
  }

  @Test
  void aFailedFlushNamesTheFirstRecordSoThatTheWholeBatchIsRetried() {
    assertThatThrownBy(
            () ->
                EventBatch.<String>process(
                    List.of(event(0, "a"), event(1, "a")),
                    e -> List.of(e.id()),
                    writes -> {
                      throw new IllegalStateException("store down");
                    }))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class,
            e -> {
              assertThat(e.getIndex()).isZero();
              assertThat(e.getCause()).hasMessage("store down");
            });
  }
}
