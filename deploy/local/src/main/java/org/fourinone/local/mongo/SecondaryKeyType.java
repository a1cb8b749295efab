package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The key type of an {@link OrderedSecondaryIndex}'s MVMap: entries ordered by the first field's
 * value, then by each further key as the server's sort orders it (ascending or descending {@link
 * ValueComparator}), then by position, so that entries are distinct and the entries of one value
 * that start with the same order values are one run of the map. Plain values are stored tagged, in
 * their own bytes; anything else (an array, a sub-document) as BSON — the server's own codec, so
 * every value a client can send round-trips.
 */
final class SecondaryKeyType extends BasicDataType<SecondaryKey> {

  private static final ValueComparator ASCENDING = ValueComparator.asc();

  private final List<ValueComparator> comparators;

  SecondaryKeyType(List<IndexKey> orderKeys) {
    this.comparators =
        orderKeys.stream()
            .map(key -> key.isAscending() ? ValueComparator.asc() : ValueComparator.desc())
            .toList();
  }

  @Override
  public int compare(SecondaryKey a, SecondaryKey b) {
    int c = ASCENDING.compare(a.value(), b.value());
    if (c != 0) {
      return c;
    }
    Object[] av = a.orderValues();
    Object[] bv = b.orderValues();
    int common = Math.min(av.length, bv.length);
    for (int i = 0; i < common; i++) {
      c = comparators.get(i).compare(av[i], bv[i]);
      if (c != 0) {
        return c;
      }
    }
    // a probe (fewer values: a prefix) sorts before or after every entry that starts with it, a
    // longer probe included
    if (a.position() instanceof SecondaryKey.Probe pa
        && b.position() instanceof SecondaryKey.Probe pb) {
      return av.length == bv.length
          ? Integer.compare(pa.side, pb.side)
          : av.length < bv.length ? pa.side : -pb.side;
    }
    if (a.position() instanceof SecondaryKey.Probe probe) {
      return probe.side;
    }
    if (b.position() instanceof SecondaryKey.Probe probe) {
      return -probe.side;
    }
    return ASCENDING.compare(a.position(), b.position());
  }

  /** A rough size for MVStore's cache accounting. */
  @Override
  public int getMemory(SecondaryKey key) {
    return 64 + 40 * (2 + key.orderValues().length);
  }

  /**
   * The value, the number of order values and each of them, the position: each as a tag and the
   * value's bytes — strings, numbers, booleans, dates and ObjectIds directly (the keys of a page
   * are written at every commit that changes it: through a BSON document each, this was a third of
   * the store's CPU while a district loaded), anything else as a one-field BSON document.
   */
  @Override
  public void write(WriteBuffer buffer, SecondaryKey key) {
    put(buffer, key.value());
    buffer.putVarInt(key.orderValues().length);
    for (Object value : key.orderValues()) {
      put(buffer, value);
    }
    put(buffer, key.position());
  }

  @Override
  public SecondaryKey read(ByteBuffer buffer) {
    Object value = take(buffer);
    Object[] orderValues = new Object[DataUtils.readVarInt(buffer)];
    for (int i = 0; i < orderValues.length; i++) {
      orderValues[i] = take(buffer);
    }
    return new SecondaryKey(value, orderValues, take(buffer));
  }

  private static final byte NULL = 0;
  private static final byte MISSING = 1;
  private static final byte STRING = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte INTEGER = 5;
  private static final byte FALSE = 6;
  private static final byte TRUE = 7;
  private static final byte INSTANT = 8;
  private static final byte OBJECT_ID = 9;
  private static final byte OTHER = 10;

  private static void put(WriteBuffer buffer, Object value) {
    if (value == null) {
      buffer.put(NULL);
    } else if (value instanceof Missing) {
      buffer.put(MISSING);
    } else if (value instanceof String string) {
      buffer.put(STRING).putVarInt(string.length()).putStringData(string, string.length());
    } else if (value instanceof Long number) {
      buffer.put(LONG).putVarLong(number);
    } else if (value instanceof Double number) {
      buffer.put(DOUBLE).putDouble(number);
    } else if (value instanceof Integer number) {
      buffer.put(INTEGER).putVarInt(number);
    } else if (value instanceof Boolean bool) {
      buffer.put(bool ? TRUE : FALSE);
    } else if (value instanceof Instant instant) {
      buffer.put(INSTANT).putVarLong(instant.getEpochSecond()).putVarInt(instant.getNano());
    } else if (value instanceof ObjectId id) {
      buffer.put(OBJECT_ID).put(id.toByteArray());
    } else {
      buffer.put(OTHER);
      BsonDocumentType.put(buffer, new Document("x", value));
    }
  }

  private static Object take(ByteBuffer buffer) {
    byte tag = buffer.get();
    return switch (tag) {
      case NULL -> null;
      case MISSING -> Missing.getInstance();
      case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
      case LONG -> DataUtils.readVarLong(buffer);
      case DOUBLE -> buffer.getDouble();
      case INTEGER -> DataUtils.readVarInt(buffer);
      case FALSE -> Boolean.FALSE;
      case TRUE -> Boolean.TRUE;
      case INSTANT ->
          Instant.ofEpochSecond(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
      case OBJECT_ID -> {
        byte[] bytes = new byte[12];
        buffer.get(bytes);
        yield new ObjectId(bytes);
      }
      case OTHER -> BsonDocumentType.take(buffer).get("x");
      default -> throw new IllegalStateException("unknown value tag " + tag + " in an index key");
    };
  }

  @Override
  public SecondaryKey[] createStorage(int size) {
    return new SecondaryKey[size];
  }
}
