package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A single-field unique index ({@code _id} or a unique secondary field) that also serves queries
 * with more conditions than its own field.
 *
 * <p>{@code mongo-java-server} uses a unique index only when the query names exactly the index's
 * fields, so {@code {_id: x, sequence: {$lt: 5}}} — the projections' compare-and-set — scanned the
 * whole collection. This wrapper looks the candidates up by the index's field and leaves the other
 * conditions to the server's matcher.
 *
 * <p>It also answers look-ups from a hash map of key → position instead of the wrapped index's
 * MVMap. That map's keys ({@code KeyValue}) are not {@code Comparable}, so H2 compares them by
 * serializing both sides with Java serialization at every step of its binary search: at 20 orders/s
 * this was the largest allocation site of the whole server (36 % of its allocation, profiled with
 * JFR). The wrapped index stays the store of record — it is written first, checks uniqueness and
 * persists the keys; the hash map is loaded from the index's own entries when it is opened and
 * changed only after the wrapped index accepted a change. Like every look-up here it only has to be
 * a superset: the server's matcher checks each candidate, so a key left behind costs a read, never
 * a wrong answer; a key missing would lose documents, which {@code IndexedH2BackendTest} checks for
 * (changed, clashing and deleted keys, and a reopened file).
 */
final class UniqueLookupIndex extends Index<Object> {

  private final Index<Object> delegate;
  private final String field;
  private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();

  /**
   * {@code entries}: the wrapped index's key → position entries as stored (may be empty for a new
   * index).
   */
  UniqueLookupIndex(
      Index<Object> delegate, Iterable<? extends Map.Entry<KeyValue, Object>> entries) {
    super(delegate.getName(), delegate.getKeys(), false);
    this.delegate = delegate;
    this.field = delegate.getKeys().get(0).getKey();
    for (Map.Entry<KeyValue, Object> entry : entries) {
      positions.put(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public boolean canHandle(Document query) {
    return delegate.canHandle(query) || equality(query) != null;
  }

  @Override
  public Iterable<Object> getPositions(Document query) {
    Lookup lookup = equality(query);
    if (lookup == null) {
      return delegate.getPositions(query); // e.g. a regular expression on the field
    }
    List<Object> values = lookup.equalTo();
    if (delegate.canHandle(query) && values.size() > 1) {
      // {field: {$in: [...]}}: the library looks the values up in ascending order, and so do we
      values = new ArrayList<>(values);
      values.sort(ValueComparator.asc());
    }
    Set<Object> found = new LinkedHashSet<>();
    for (Object value : values) {
      Object position = positions.get(new KeyValue(value).normalized());
      if (position != null) {
        found.add(position);
      }
    }
    return List.copyOf(found);
  }

  private Lookup equality(Document query) {
    Lookup lookup = Lookup.on(query, field);
    return lookup != null && lookup.isEquality() ? lookup : null;
  }

  @Override
  public Object getPosition(Document document) {
    Object found = null;
    for (KeyValue key : getKeyValues(document)) {
      Object position = positions.get(key);
      if (position != null) {
        if (found != null && !found.equals(position)) {
          return delegate.getPosition(
              document); // the library's own answer (and error) for this case
        }
        found = position;
      }
    }
    return found;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {
    delegate.checkAdd(document, collection);
  }

  @Override
  public void add(Document document, Object position, MongoCollection<Object> collection) {
    delegate.add(document, position, collection);
    for (KeyValue key : getKeyValues(document)) {
      positions.put(key, Missing.ofNullable(position));
    }
  }

  @Override
  public Object remove(Document document) {
    Object removed = delegate.remove(document);
    for (KeyValue key : getKeyValues(document)) {
      positions.remove(key);
    }
    return removed;
  }

  @Override
  public long getCount() {
    return delegate.getCount();
  }

  @Override
  public long getDataSize() {
    return delegate.getDataSize();
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    delegate.checkUpdate(oldDocument, newDocument, collection);
  }

  @Override
  public void updateInPlace(
      Document oldDocument,
      Document newDocument,
      Object position,
      MongoCollection<Object> collection)
      throws KeyConstraintError {
    delegate.updateInPlace(oldDocument, newDocument, position, collection);
    if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
      for (KeyValue key : getKeyValues(oldDocument)) {
        positions.remove(key);
      }
      for (KeyValue key : getKeyValues(newDocument)) {
        positions.put(key, Missing.ofNullable(position));
      }
    }
  }

  @Override
  public void drop() {
    delegate.drop();
    positions.clear();
  }

  @Override
  public boolean isUnique() {
    return delegate.isUnique();
  }

  @Override
  public boolean hasSameOptions(Index<?> other) {
    return delegate.hasSameOptions(
        other instanceof UniqueLookupIndex wrapper ? wrapper.delegate : other);
  }

  @Override
  public Document toIndexDescription() {
    return delegate.toIndexDescription();
  }
}
