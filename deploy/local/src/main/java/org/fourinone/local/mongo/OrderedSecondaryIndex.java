package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fourinone.local.mongo.SecondaryKey.Probe;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A non-unique secondary index, stored in the store's file as an MVMap of {@link SecondaryKey}s —
 * as the library stores its unique indexes — and built from the collection when it is created on
 * one that holds documents ({@code mongo-java-server} accepts {@code createIndex} for non-unique
 * keys but ignores it, so every query on such a field scanned the collection). Until the sixth
 * session of issue #14 these entries lived in the heap, ~1.65 KB of it per document (TreeMap
 * entries, their keys and the positions' strings): 800 MB at 10^5 orders, more than a 14 GB heap at
 * 10^6; in the file they take the page cache's share of the heap and no rebuild when it opens.
 *
 * <p>It indexes the first field of the index key — for a compound index that is the prefix MongoDB
 * would use too — with every element of an array value (multikey), and answers equality, {@code
 * $in} and range conditions on that field with the candidate documents; the server's matcher then
 * applies the whole query, including the other fields. Positions are the documents' {@code _id}s,
 * which is what the H2 backend uses.
 *
 * <p>Within one value of the first field the positions are kept in the order of the index's other
 * keys (compared as the server's sort compares them), so that a query with a single equality on the
 * first field gets its candidates as {@link OrderedPositions}: {@link IndexedH2Collection} then
 * reads them in that order and stops at the page's limit instead of reading and sorting them all,
 * as MongoDB walks a compound index such as {@code {communityId: 1, createdAtMillis: -1, _id: -1}}.
 * And a query that is only such an equality is counted from the index ({@link #exactCount}), as
 * MongoDB's COUNT_SCAN reads no document.
 */
final class OrderedSecondaryIndex extends Index<Object> {

  private static final String ID = "_id";

  private final String field;

  /** The index's keys after the first: the order of the positions within one value. */
  private final List<IndexKey> orderKeys;

  private final SecondaryKeyType keyType;

  /** The entries: key → {@code TRUE}. */
  private final MVMap<SecondaryKey, Boolean> entries;

  /** The three counts below, by {@link #countsKey}, in a map shared by the store's indexes. */
  private final MVMap<String, long[]> counts;

  private final String countsKey;

  /** How many documents the index holds (those with a value for its first field). */
  private long documents;

  /** Documents whose first field holds an array: while there is one, no count from the index. */
  private long multikeyDocuments;

  /** Documents with an array or sub-document under an order key: while there is one, no prefix. */
  private long nonPlainOrderValues;

  /**
   * The bounds of the entries under one value of the first field that start with {@code prefix}:
   * one run of the index's order, read between two keys instead of over all the value's entries. A
   * range on the order key right after the prefix ({@code {communityId: c, createdAtMillis: {$gte:
   * a, $lt: b}}}) narrows the run to the entries between its bounds, as MongoDB bounds an index
   * scan: a superset still, since the comparator orders values of every type together and the
   * server's matcher then applies the range's own type rules. {@code null}: no entry can be in it.
   */
  private SecondaryKey[] run(Object value, List<Object> prefix, Lookup range) {
    Object[] values = prefix.toArray();
    SecondaryKey from = new SecondaryKey(value, values, Probe.LOW);
    SecondaryKey to = new SecondaryKey(value, values, Probe.HIGH);
    if (range != null) {
      boolean ascending = orderKeys.get(prefix.size()).isAscending();
      // read in the index's direction: an ascending key starts at its lower bound, a descending
      // key at its upper one
      Object first = ascending ? range.lower() : range.upper();
      boolean firstInclusive = ascending ? range.lowerInclusive() : range.upperInclusive();
      Object last = ascending ? range.upper() : range.lower();
      boolean lastInclusive = ascending ? range.upperInclusive() : range.lowerInclusive();
      if (first != null) {
        from =
            new SecondaryKey(value, append(values, first), firstInclusive ? Probe.LOW : Probe.HIGH);
      }
      if (last != null) {
        to = new SecondaryKey(value, append(values, last), lastInclusive ? Probe.HIGH : Probe.LOW);
      }
      if (keyType.compare(from, to) > 0) {
        return null;
      }
    }
    return new SecondaryKey[] {from, to};
  }

  private static Object[] append(Object[] values, Object value) {
    Object[] longer = Arrays.copyOf(values, values.length + 1);
    longer[values.length] = value;
    return longer;
  }

  /** The positions of the entries from {@code from} to {@code to} (null: to the end), in order. */
  private void collect(SecondaryKey from, SecondaryKey to, Collection<Object> positions) {
    Iterator<SecondaryKey> keys = entries.cursor(from, to, false);
    while (keys.hasNext()) {
      positions.add(keys.next().position());
    }
  }

  /** How many entries lie between two probes (which are never entries themselves). */
  private long countBetween(SecondaryKey from, SecondaryKey to) {
    return insertionPoint(to) - insertionPoint(from);
  }

  private long insertionPoint(SecondaryKey probe) {
    return -entries.getKeyIndex(probe) - 1;
  }

  /**
   * The range the query sets on the order key right after the equality prefix, or null: only a
   * plain range (an equality there would have joined the prefix).
   */
  private Lookup rangeAfter(Document query, List<Object> prefix) {
    if (nonPlainOrderValues > 0 || prefix.size() >= orderKeys.size()) {
      return null;
    }
    // no order key holds an array or a sub-document (checked above): its ranges intersect
    Lookup lookup = Lookup.on(query, orderKeys.get(prefix.size()).getKey(), true);
    return lookup == null || lookup.isEquality() ? null : lookup;
  }

  /**
   * {@code entries}: the index's map, opened with {@code keyType} (empty for a new index, which the
   * library then fills from the collection); {@code counts}: where its counts are kept, under
   * {@code countsKey}.
   */
  OrderedSecondaryIndex(
      String name,
      List<IndexKey> keys,
      boolean sparse,
      SecondaryKeyType keyType,
      MVMap<SecondaryKey, Boolean> entries,
      MVMap<String, long[]> counts,
      String countsKey) {
    super(name, keys, sparse);
    this.field = keys.get(0).getKey();
    this.orderKeys = List.copyOf(keys.subList(1, keys.size()));
    this.keyType = keyType;
    this.entries = entries;
    this.counts = counts;
    this.countsKey = countsKey;
    long[] stored = counts.get(countsKey);
    if (stored != null && !entries.isEmpty()) {
      documents = stored[0];
      multikeyDocuments = stored[1];
      nonPlainOrderValues = stored[2];
    }
  }

  /** The index's entries and counts for a store opened with it (its map may be empty). */
  static OrderedSecondaryIndex open(
      MVStore store, String mapName, String name, List<IndexKey> keys, boolean sparse) {
    SecondaryKeyType keyType = new SecondaryKeyType(keys.subList(1, keys.size()));
    MVMap<SecondaryKey, Boolean> entries =
        store.openMap(mapName, new MVMap.Builder<SecondaryKey, Boolean>().keyType(keyType));
    MVMap<String, long[]> counts = store.openMap(COUNTS_MAP);
    return new OrderedSecondaryIndex(name, keys, sparse, keyType, entries, counts, mapName);
  }

  /** The map of every secondary index's counts: index map name → documents, multikey, non-plain. */
  static final String COUNTS_MAP = "fourinone.secondary-index-counts";

  private void storeCounts() {
    counts.put(countsKey, new long[] {documents, multikeyDocuments, nonPlainOrderValues});
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
    if (lookup.isEquality() && lookup.equalTo().size() == 1) {
      List<Object> prefix = equalityPrefix(query);
      List<Object> ordered = new ArrayList<>();
      SecondaryKey[] run = run(lookup.equalTo().get(0), prefix, rangeAfter(query, prefix));
      if (run != null) {
        collect(run[0], run[1], ordered);
      }
      return new OrderedPositions(ordered, orderKeys.subList(prefix.size(), orderKeys.size()));
    }
    if (!lookup.isEquality() && multikeyDocuments == 0) {
      lookup = Lookup.on(query, field, true);
    }
    Set<Object> positions = new LinkedHashSet<>();
    if (lookup.isEquality()) {
      for (Object value : lookup.equalTo()) {
        collect(
            SecondaryKey.bound(value, Probe.LOW), SecondaryKey.bound(value, Probe.HIGH), positions);
      }
    } else {
      SecondaryKey from =
          lookup.lower() == null
              ? null
              : SecondaryKey.bound(
                  lookup.lower(), lookup.lowerInclusive() ? Probe.LOW : Probe.HIGH);
      SecondaryKey to =
          lookup.upper() == null
              ? null
              : SecondaryKey.bound(
                  lookup.upper(), lookup.upperInclusive() ? Probe.HIGH : Probe.LOW);
      if (from == null || to == null || keyType.compare(from, to) <= 0) {
        collect(from, to, positions);
      }
    }
    return new ArrayList<>(positions);
  }

  /**
   * How well this index serves {@code query} sorted by {@code orderBy}, for {@link
   * IndexedH2Collection} to choose among the indexes that can handle it, without reading any
   * position: 0 for candidates of a range or several values; for a single equality on the first
   * field, 1 plus twice the number of following keys the query fixes, plus 1 if it bounds the next
   * key by a range, plus 1 000 if the candidates then come in the sort's order.
   */
  synchronized int rank(Document query, Document orderBy) {
    Lookup lookup = Lookup.on(query, field);
    if (lookup == null || !lookup.isEquality() || lookup.equalTo().size() != 1) {
      return 0;
    }
    List<Object> fixed = equalityPrefix(query);
    int prefix = fixed.size();
    boolean inOrder =
        OrderedPositions.direction(orderKeys.subList(prefix, orderKeys.size()), orderBy) != null;
    return 1 + 2 * prefix + (rangeAfter(query, fixed) != null ? 1 : 0) + (inOrder ? 1_000 : 0);
  }

  /**
   * The values the query fixes, by a single plain equality each, for the order keys from the first
   * on (stopping at the first it does not fix): within one value of the first field those entries
   * are one run, in the order of the remaining keys. Empty while an order key holds an array or a
   * sub-document somewhere (the matcher's equality on those is not the comparator's).
   */
  private List<Object> equalityPrefix(Document query) {
    List<Object> values = new ArrayList<>();
    if (nonPlainOrderValues > 0) {
      return values;
    }
    for (IndexKey key : orderKeys) {
      Lookup lookup = Lookup.on(query, key.getKey());
      if (lookup == null || !lookup.isEquality() || lookup.equalTo().size() != 1) {
        break;
      }
      values.add(lookup.equalTo().get(0));
    }
    return values;
  }

  /**
   * How many documents match {@code query} if the index alone can tell — the query is only plain
   * equalities, on the index's first field and on leading keys of its others, and no document holds
   * an array there (a document {@code {f: [[x]]}} is indexed under {@code x} but not matched by
   * {@code {f: x}}) — or -1.
   */
  synchronized int exactCount(Document query) {
    Map<String, Object> equalities = Lookup.plainEqualities(query);
    if (multikeyDocuments > 0 || equalities == null || !equalities.containsKey(field)) {
      return -1;
    }
    List<Object> prefix = equalityPrefix(query);
    if (equalities.size() != 1 + prefix.size()) {
      return -1;
    }
    SecondaryKey[] run = run(Lookup.normalize(equalities.get(field)), prefix, null);
    return (int) countBetween(run[0], run[1]);
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
    Object[] orderValues = orderValues(document);
    boolean added = false;
    for (Object value : values) {
      added |=
          entries.putIfAbsent(new SecondaryKey(value, orderValues, position), Boolean.TRUE) == null;
    }
    if (added) {
      documents++;
      if (isMultikey(document)) {
        multikeyDocuments++;
      }
      if (isNonPlain(orderValues)) {
        nonPlainOrderValues++;
      }
      storeCounts();
    }
  }

  /**
   * Removes the document as it is stored — the one the index was given when it was added, so its
   * values and entry are computed again rather than kept per document (a map from position to what
   * was indexed cost ~100 bytes per document and index, most of the store's heap at 10^6 orders).
   */
  @Override
  public synchronized Object remove(Document document) {
    Object[] orderValues = orderValues(document);
    Object position = document.get(ID);
    boolean removed = false;
    for (Object value : values(document)) {
      removed |= entries.remove(new SecondaryKey(value, orderValues, position)) != null;
    }
    if (removed) {
      documents--;
      if (isMultikey(document)) {
        multikeyDocuments--;
      }
      if (isNonPlain(orderValues)) {
        nonPlainOrderValues--;
      }
      storeCounts();
    }
    return null;
  }

  private Object[] orderValues(Document document) {
    Object[] orderValues = new Object[orderKeys.size()];
    for (int i = 0; i < orderValues.length; i++) {
      orderValues[i] =
          Utils.getSubdocumentValueCollectionAware(document, orderKeys.get(i).getKey());
    }
    return orderValues;
  }

  private boolean isMultikey(Document document) {
    return Utils.getSubdocumentValueCollectionAware(document, field) instanceof Collection;
  }

  private static boolean isNonPlain(Object[] orderValues) {
    for (Object orderValue : orderValues) {
      if (orderValue instanceof Collection || orderValue instanceof Map) {
        return true;
      }
    }
    return false;
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
    return documents;
  }

  @Override
  public long getDataSize() {
    return 0;
  }

  @Override
  public synchronized void drop() {
    entries.clear();
    documents = 0;
    multikeyDocuments = 0;
    nonPlainOrderValues = 0;
    counts.remove(countsKey);
  }
}
