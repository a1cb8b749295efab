package org.fourinone.kit.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fourinone.kit.events.CloudEventCodec;
import org.fourinone.kit.events.EventEnvelope;
import org.fourinone.kit.events.PoisonEventException;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Takes one poll's records through a handler in bulk, so that a consumer keeps up with the
 * producers: each record is decoded into a write (or nothing, for an event it skips on purpose),
 * and the writes go to the store together. A record that cannot be read ends the batch there: the
 * writes of the records before it are made, and the error handler sends it to the dead-letter topic
 * and goes on after it. A failed store write names the first record of the batch, which the error
 * handler retries with back-off (the writes are idempotent, so repeating those that went through
 * changes nothing).
 */
public final class EventBatch {

  private EventBatch() {}

  /**
   * @param decode turns an event into the writes it causes (empty: skip it); throws {@link
   *     PoisonEventException} for data that can never be processed
   * @param flush makes the writes, all at once
   */
  public static <W> void process(
      List<ConsumerRecord<String, byte[]>> records,
      Function<EventEnvelope, List<W>> decode,
      Consumer<List<W>> flush) {
    List<W> writes = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      try {
        writes.addAll(decode.apply(CloudEventCodec.fromRecord(records.get(i))));
      } catch (PoisonEventException e) {
        flushOrFail(writes, flush, e);
        throw new BatchListenerFailedException(e.getMessage(), e, i);
      }
    }
    flushOrFail(writes, flush, null);
  }

  private static <W> void flushOrFail(List<W> writes, Consumer<List<W>> flush, Exception poison) {
    if (writes.isEmpty()) {
      return;
    }
    try {
      flush.accept(writes);
    } catch (RuntimeException e) {
      if (poison != null) {
        e.addSuppressed(poison);
      }
      throw new BatchListenerFailedException("bulk write failed: " + e, e, 0);
    }
  }
}
