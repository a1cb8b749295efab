package org.fourinone.local.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** An index key is read back as it was written, for every kind of value a document can hold. */
class SecondaryKeyTypeTest {

  private final SecondaryKeyType type =
      new SecondaryKeyType(List.of(new IndexKey("createdAt", false), new IndexKey("_id", true)));

  @Test
  void everyValueRoundTripsAndSortsAsBefore() {
    List<Object> values =
        Arrays.asList(
            "社区-7",
            "",
            "长".repeat(5_000),
            -3L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            -0.5,
            Double.NaN,
            Integer.MIN_VALUE,
            42,
            true,
            false,
            null,
            Missing.getInstance(),
            Instant.ofEpochSecond(1_764_633_600L, 123_000_000),
            Instant.ofEpochSecond(-86_400L),
            new ObjectId("5f2b3c4d5e6f708192a3b4c5"),
            List.of("a", 1, List.of(2L, "b")),
            new Document("outbox", List.of(new Document("id", "E-1"))));
    List<SecondaryKey> keys = new ArrayList<>();
    for (Object value : values) {
      Object first = value instanceof Missing || value == null ? "x" : value;
      keys.add(new SecondaryKey(first, new Object[] {value, value}, "O-" + keys.size()));
    }
    WriteBuffer buffer = new WriteBuffer();
    keys.forEach(key -> type.write(buffer, key));
    ByteBuffer read = buffer.getBuffer();
    read.flip();
    for (SecondaryKey key : keys) {
      SecondaryKey back = type.read(read);
      assertThat(back.value()).isEqualTo(key.value());
      assertThat(back.orderValues()).containsExactly(key.orderValues());
      assertThat(back.position()).isEqualTo(key.position());
      assertThat(type.compare(back, key)).as("%s", key).isZero();
    }
    assertThat(read.hasRemaining()).isFalse();
  }

  @Test
  void probesBracketTheEntriesThatStartWithTheirValues() {
    SecondaryKey newer = new SecondaryKey("C-1", new Object[] {2_000L, "O-1"}, "O-1");
    SecondaryKey older = new SecondaryKey("C-1", new Object[] {1_000L, "O-2"}, "O-2");
    SecondaryKey otherCommunity = new SecondaryKey("C-2", new Object[] {3_000L, "O-3"}, "O-3");
    assertThat(type.compare(newer, older)).as("createdAt descending").isNegative();
    SecondaryKey low = SecondaryKey.bound("C-1", SecondaryKey.Probe.LOW);
    SecondaryKey high = SecondaryKey.bound("C-1", SecondaryKey.Probe.HIGH);
    for (SecondaryKey entry : List.of(newer, older)) {
      assertThat(type.compare(low, entry)).isNegative();
      assertThat(type.compare(high, entry)).isPositive();
    }
    assertThat(type.compare(high, otherCommunity)).isNegative();
    SecondaryKey at1000 = new SecondaryKey("C-1", new Object[] {1_000L}, SecondaryKey.Probe.LOW);
    assertThat(type.compare(at1000, newer)).isPositive();
    assertThat(type.compare(at1000, older)).isNegative();
  }
}
