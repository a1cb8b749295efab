package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index's MVMap: {@code KeyValue}s ordered by their values, as MongoDB
 * orders them ({@link ValueComparator}), and stored as before (H2's {@code ObjectDataType}).
 *
 * <p>A {@code KeyValue} is not {@code Comparable}, so with H2's default key type every step of the
 * map's binary search — each insert into the {@code _id} index, each change of a unique key —
 * serialized both sides with Java serialization to compare their bytes: 14 % of the store's CPU
 * under the order load (JFR, docs/benchmarks.md, session 15). The order of the keys in the B-tree
 * changes with it, so a map written before is re-sorted once when opened ({@link
 * IndexedH2Database}).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

  static final KeyValueType INSTANCE = new KeyValueType();

  private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

  private final ObjectDataType format = new ObjectDataType();

  private KeyValueType() {}

  @Override
  public int compare(KeyValue a, KeyValue b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = VALUES.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /**
   * A rough size for MVStore's cache accounting (serializing a key to weigh it costs a compare).
   */
  @Override
  public int getMemory(KeyValue key) {
    return 64 + 32 * key.size();
  }

  @Override
  public void write(WriteBuffer buffer, KeyValue key) {
    format.write(buffer, key);
  }

  @Override
  public KeyValue read(ByteBuffer buffer) {
    return (KeyValue) format.read(buffer);
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}
