package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A non-unique secondary index, kept in memory and rebuilt from the collection when the server
 * opens the file ({@code mongo-java-server} accepts {@code createIndex} for non-unique keys but
 * ignores it, so every query on such a field scanned the collection).
 *
 * <p>It indexes the first field of the index key — for a compound index that is the prefix MongoDB
 * would use too — with every element of an array value (multikey), and answers equality, {@code
 * $in} and range conditions on that field with the candidate documents; the server's matcher then
 * applies the whole query, including the other fields. Sorting stays the server's (in memory, on
 * the candidates only). Positions are the documents' {@code _id}s, which is what the H2 backend
 * uses.
 */
final class OrderedSecondaryIndex extends Index<Object> {

  private static final String ID = "_id";

  private final String field;
  private final NavigableMap<Object, Set<Object>> positionsByValue =
      new TreeMap<>(ValueComparator.asc());
  private final Map<Object, List<Object>> valuesByPosition = new HashMap<>();

  OrderedSecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.field = keys.get(0).getKey();
  }

  /**
   * Documents without a value for the field are simply not in the index, so removing them finds no
   * position.
   */
  @Override
  protected boolean isSparse() {
    return true;
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return Lookup.on(query, field) != null;
  }

  @Override
  public synchronized Iterable<Object> getPositions(Document query) {
    Lookup lookup = Lookup.on(query, field);
    Set<Object> positions = new LinkedHashSet<>();
    if (lookup.isEquality()) {
      for (Object value : lookup.equalTo()) {
        positions.addAll(positionsByValue.getOrDefault(value, Set.of()));
      }
    } else {
      NavigableMap<Object, Set<Object>> range = positionsByValue;
      if (lookup.lower() != null) {
        range = range.tailMap(lookup.lower(), lookup.lowerInclusive());
      }
      if (lookup.upper() != null) {
        range = range.headMap(lookup.upper(), lookup.upperInclusive());
      }
      range.values().forEach(positions::addAll);
    }
    return new ArrayList<>(positions);
  }

  /** Never the position for update bookkeeping: the unique {@code _id} index answers that. */
  @Override
  public Object getPosition(Document document) {
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {
    // not unique: nothing to check
  }

  @Override
  public synchronized void add(
      Document document, Object position, MongoCollection<Object> collection) {
    List<Object> values = values(document);
    if (values.isEmpty()) {
      return;
    }
    for (Object value : values) {
      positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
    }
    valuesByPosition.put(position, values);
  }

  @Override
  public synchronized Object remove(Document document) {
    Object position = document.get(ID);
    List<Object> values = valuesByPosition.remove(position);
    if (values != null) {
      for (Object value : values) {
        Set<Object> positions = positionsByValue.get(value);
        if (positions != null) {
          positions.remove(position);
          if (positions.isEmpty()) {
            positionsByValue.remove(value);
          }
        }
      }
    }
    return null;
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    // not unique: nothing to check
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument,
      Document newDocument,
      Object position,
      MongoCollection<Object> collection) {
    remove(oldDocument);
    add(newDocument, position, collection);
  }

  private List<Object> values(Document document) {
    List<Object> values = new ArrayList<>();
    collect(Utils.getSubdocumentValueCollectionAware(document, field), values);
    return values;
  }

  /**
   * Every scalar in the value, arrays of arrays included, so a lookup never misses a document the
   * query matches.
   */
  private static void collect(Object value, List<Object> values) {
    if (value instanceof Collection<?> elements) {
      for (Object element : elements) {
        collect(element, values);
      }
    } else if (Lookup.isPlain(value)) {
      values.add(Lookup.normalize(value));
    }
  }

  @Override
  public synchronized long getCount() {
    return valuesByPosition.size();
  }

  @Override
  public long getDataSize() {
    return 0;
  }

  @Override
  public synchronized void drop() {
    positionsByValue.clear();
    valuesByPosition.clear();
  }
}
