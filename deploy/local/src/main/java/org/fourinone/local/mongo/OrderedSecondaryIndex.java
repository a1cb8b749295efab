package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A non-unique secondary index, kept in memory and rebuilt from the collection when the server
 * opens the file ({@code mongo-java-server} accepts {@code createIndex} for non-unique keys but
 * ignores it, so every query on such a field scanned the collection).
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

  private final Comparator<Entry> entryOrder;
  private final NavigableMap<Object, NavigableSet<Entry>> positionsByValue =
      new TreeMap<>(ValueComparator.asc());

  /** How many documents the index holds (those with a value for its first field). */
  private int documents;

  /** Documents whose first field holds an array: while there is one, no count from the index. */
  private int multikeyDocuments;

  /** Documents with an array or sub-document under an order key: while there is one, no prefix. */
  private int nonPlainOrderValues;

  /** A position with the values of the order keys it sorts by. */
  private record Entry(Object[] orderValues, Object position) {}

  /**
   * The position of a search bound that holds only the first values of the order keys: it sorts
   * just before ({@link #LOW}) or just after ({@link #HIGH}) every entry that starts with them.
   */
  private enum Probe {
    LOW(-1),
    HIGH(1);

    final int side;

    Probe(int side) {
      this.side = side;
    }
  }

  /**
   * The entries under one value of the first field that start with {@code prefix}: one run of the
   * index's order, found by two look-ups instead of a pass over all the value's entries. A range on
   * the order key right after the prefix ({@code {communityId: c, createdAtMillis: {$gte: a, $lt:
   * b}}}) narrows the run to the entries between its bounds, as MongoDB bounds an index scan: a
   * superset still, since the comparator orders values of every type together and the server's
   * matcher then applies the range's own type rules.
   */
  private NavigableSet<Entry> run(NavigableSet<Entry> entries, List<Object> prefix, Lookup range) {
    if (prefix.isEmpty() && range == null) {
      return entries;
    }
    Object[] values = prefix.toArray();
    Entry from = new Entry(values, Probe.LOW);
    Entry to = new Entry(values, Probe.HIGH);
    if (range != null) {
      boolean ascending = orderKeys.get(prefix.size()).isAscending();
      // read in the index's direction: an ascending key starts at its lower bound, a descending
      // key at its upper one
      Object first = ascending ? range.lower() : range.upper();
      boolean firstInclusive = ascending ? range.lowerInclusive() : range.upperInclusive();
      Object last = ascending ? range.upper() : range.lower();
      boolean lastInclusive = ascending ? range.upperInclusive() : range.lowerInclusive();
      if (first != null) {
        from = new Entry(append(values, first), firstInclusive ? Probe.LOW : Probe.HIGH);
      }
      if (last != null) {
        to = new Entry(append(values, last), lastInclusive ? Probe.HIGH : Probe.LOW);
      }
      if (entryOrder.compare(from, to) > 0) {
        return Collections.emptyNavigableSet();
      }
    }
    return entries.subSet(from, true, to, true);
  }

  private static Object[] append(Object[] values, Object value) {
    Object[] longer = Arrays.copyOf(values, values.length + 1);
    longer[values.length] = value;
    return longer;
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

  OrderedSecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.field = keys.get(0).getKey();
    this.orderKeys = List.copyOf(keys.subList(1, keys.size()));
    this.entryOrder = entryOrder(orderKeys);
  }

  /**
   * By each order key as the server's {@code DocumentComparator} sorts it (ascending or descending
   * {@link ValueComparator}), then by position, so that entries are distinct.
   */
  private static Comparator<Entry> entryOrder(List<IndexKey> orderKeys) {
    List<ValueComparator> comparators =
        orderKeys.stream()
            .map(key -> key.isAscending() ? ValueComparator.asc() : ValueComparator.desc())
            .toList();
    ValueComparator positions = ValueComparator.asc();
    return (a, b) -> {
      int common = Math.min(a.orderValues().length, b.orderValues().length);
      for (int i = 0; i < common; i++) {
        int c = comparators.get(i).compare(a.orderValues()[i], b.orderValues()[i]);
        if (c != 0) {
          return c;
        }
      }
      // a probe (fewer values: a prefix) sorts before or after every entry that starts with it,
      // a longer probe included
      if (a.position() instanceof Probe pa && b.position() instanceof Probe pb) {
        int la = a.orderValues().length;
        int lb = b.orderValues().length;
        return la == lb ? Integer.compare(pa.side, pb.side) : la < lb ? pa.side : -pb.side;
      }
      if (a.position() instanceof Probe probe) {
        return probe.side;
      }
      if (b.position() instanceof Probe probe) {
        return -probe.side;
      }
      return positions.compare(a.position(), b.position());
    };
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
      // a value the index does not hold has no set (the map drops a set that becomes empty)
      NavigableSet<Entry> entries = positionsByValue.get(lookup.equalTo().get(0));
      if (entries != null) {
        for (Entry entry : run(entries, prefix, rangeAfter(query, prefix))) {
          ordered.add(entry.position());
        }
      }
      return new OrderedPositions(ordered, orderKeys.subList(prefix.size(), orderKeys.size()));
    }
    if (!lookup.isEquality() && multikeyDocuments == 0) {
      lookup = Lookup.on(query, field, true);
    }
    Set<Object> positions = new LinkedHashSet<>();
    if (lookup.isEquality()) {
      for (Object value : lookup.equalTo()) {
        addPositions(positionsByValue.get(value), positions);
      }
    } else {
      NavigableMap<Object, NavigableSet<Entry>> range = positionsByValue;
      if (lookup.lower() != null) {
        range = range.tailMap(lookup.lower(), lookup.lowerInclusive());
      }
      if (lookup.upper() != null) {
        range = range.headMap(lookup.upper(), lookup.upperInclusive());
      }
      range.values().forEach(entries -> addPositions(entries, positions));
    }
    return new ArrayList<>(positions);
  }

  private static void addPositions(Set<Entry> entries, Set<Object> positions) {
    if (entries != null) {
      entries.forEach(entry -> positions.add(entry.position()));
    }
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
    NavigableSet<Entry> entries = positionsByValue.get(Lookup.normalize(equalities.get(field)));
    if (entries == null) {
      return 0;
    }
    return run(entries, prefix, null).size();
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
    Entry entry = entry(document, position);
    boolean added = false;
    for (Object value : values) {
      added |= positionsByValue.computeIfAbsent(value, v -> new TreeSet<>(entryOrder)).add(entry);
    }
    if (added) {
      documents++;
      if (isMultikey(document)) {
        multikeyDocuments++;
      }
      if (isNonPlain(entry)) {
        nonPlainOrderValues++;
      }
    }
  }

  /**
   * Removes the document as it is stored — the one the index was given when it was added, so its
   * values and entry are computed again rather than kept per document (a map from position to what
   * was indexed cost ~100 bytes per document and index, most of the store's heap at 10^6 orders).
   */
  @Override
  public synchronized Object remove(Document document) {
    Entry entry = entry(document, document.get(ID));
    boolean removed = false;
    for (Object value : values(document)) {
      NavigableSet<Entry> entries = positionsByValue.get(value);
      if (entries != null && entries.remove(entry)) {
        removed = true;
        if (entries.isEmpty()) {
          positionsByValue.remove(value);
        }
      }
    }
    if (removed) {
      documents--;
      if (isMultikey(document)) {
        multikeyDocuments--;
      }
      if (isNonPlain(entry)) {
        nonPlainOrderValues--;
      }
    }
    return null;
  }

  private Entry entry(Document document, Object position) {
    Object[] orderValues = new Object[orderKeys.size()];
    for (int i = 0; i < orderValues.length; i++) {
      orderValues[i] =
          Utils.getSubdocumentValueCollectionAware(document, orderKeys.get(i).getKey());
    }
    return new Entry(orderValues, position);
  }

  private boolean isMultikey(Document document) {
    return Utils.getSubdocumentValueCollectionAware(document, field) instanceof Collection;
  }

  private static boolean isNonPlain(Entry entry) {
    for (Object orderValue : entry.orderValues()) {
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
    positionsByValue.clear();
    documents = 0;
    multikeyDocuments = 0;
    nonPlainOrderValues = 0;
  }
}
