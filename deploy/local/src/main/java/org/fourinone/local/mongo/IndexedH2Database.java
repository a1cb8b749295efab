package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An H2 database whose indexes also serve the queries the platform makes, and whose documents are
 * stored as BSON (see {@link IndexedH2Backend}).
 */
final class IndexedH2Database extends H2Database {

  IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
    super(databaseName, mvStore, cursorRegistry);
  }

  // called from the super constructor too (indexes of an existing file): no own fields used here

  /**
   * The library's collection ({@link IndexedH2Collection}: pages read in an index's order) over
   * maps of the same names, the documents' map opened with {@link BsonDocumentType} instead of H2's
   * default (Java serialization). Later {@code openMap(name)} calls of the library (drop, rename)
   * get this already open map back.
   */
  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collectionName, CollectionOptions options) {
    MVStore store = store(this);
    String namespace = getDatabaseName() + "." + collectionName;
    MVMap<Object, Document> data =
        store.openMap(
            "databases." + namespace,
            new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
    MVMap<String, Object> meta = store.openMap("meta." + namespace);
    return new IndexedH2Collection(this, collectionName, options, data, meta, cursorRegistry);
  }

  /** {@code H2Database.mvStore} (private; set before the constructor opens the collections). */
  private static MVStore store(H2Database database) {
    try {
      Field field = H2Database.class.getDeclaredField("mvStore");
      field.setAccessible(true);
      return (MVStore) field.get(database);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot reach the MVStore of " + database.getDatabaseName(), e);
    }
  }

  /**
   * The maps of unique indexes opened with {@link KeyValueType} (so far opened under that order:
   * name → {@code "values"}).
   */
  static final String KEY_ORDER = "fourinone.key-order";

  /**
   * The library's unique index over its map, opened first here with {@link KeyValueType} (the
   * library's {@code openMap(name)} then gets this map back). A map written under H2's default key
   * order (a file of an earlier version) is re-sorted once: its entries read in their stored order,
   * which needs no comparison, then put back under the new one.
   */
  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    MVStore store = store(this);
    String name = mapNameForIndex(this, collectionName, indexName);
    MVMap<String, String> ordered = store.openMap(KEY_ORDER);
    MVMap<KeyValue, Object> map =
        store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
    if (!"values".equals(ordered.get(name))) {
      if (!map.isEmpty()) {
        List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>();
        for (Map.Entry<KeyValue, Object> entry : map.entrySet()) {
          entries.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        map.clear();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
      }
      ordered.put(name, "values");
    }
    Index<Object> index = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    return keys.size() == 1 && !sparse ? new UniqueLookupIndex(index, entries(index)) : index;
  }

  /** {@code H2Database.mapNameForIndex} (private): the name of an index's map. */
  private static String mapNameForIndex(
      H2Database database, String collectionName, String indexName) {
    try {
      Method method =
          H2Database.class.getDeclaredMethod("mapNameForIndex", String.class, String.class);
      method.setAccessible(true);
      return (String) method.invoke(database, collectionName, indexName);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot name the map of index " + indexName, e);
    }
  }

  /**
   * The key → position entries the library's unique index holds ({@code
   * AbstractUniqueIndex.getIterable()}, protected, so read reflectively; the library version is
   * pinned and {@code IndexedH2BackendTest} reopens a file to check the entries are found).
   */
  @SuppressWarnings("unchecked")
  private static Iterable<Map.Entry<KeyValue, Object>> entries(Index<Object> index) {
    try {
      Method getIterable = AbstractUniqueIndex.class.getDeclaredMethod("getIterable");
      getIterable.setAccessible(true);
      return (Iterable<Map.Entry<KeyValue, Object>>) getIterable.invoke(index);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot read the entries of unique index " + index.getName(), e);
    }
  }

  @Override
  protected Index<Object> openOrCreateSecondaryIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    return OrderedSecondaryIndex.open(
        store(this), mapNameForIndex(this, collectionName, indexName), indexName, keys, sparse);
  }
}
