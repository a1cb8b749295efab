package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an index can look up for one field of a query: a set of equal values or a range.
 *
 * <p>It is always a <em>superset</em> of what the whole query matches: the wire server still runs
 * every candidate document through its own matcher, so a lookup only decides which documents are
 * looked at, never which ones are returned. Conditions it cannot turn into a lookup ({@code $ne},
 * {@code $exists}, regular expressions, {@code null}, arrays, sub-documents …) yield none, and the
 * server scans the collection as before.
 */
record Lookup(
    List<Object> equalTo,
    Object lower,
    boolean lowerInclusive,
    Object upper,
    boolean upperInclusive) {

  private static final Set<String> RANGE = Set.of("$gt", "$gte", "$lt", "$lte");

  boolean isEquality() {
    return equalTo != null;
  }

  /**
   * The best lookup the query allows on {@code field}: top-level conditions and those inside
   * top-level {@code $and}s, for a field that may hold an array ({@link #on(Document, String,
   * boolean)}).
   */
  static Lookup on(Document query, String field) {
    return on(query, field, false);
  }

  /**
   * The best lookup the query allows on {@code field}. Where the field holds one value in every
   * document ({@code singleValued}) the ranges on it intersect; where it may hold an array they do
   * not — each condition may be met by another element of {@code [1, 100]}, as for MongoDB's
   * multikey indexes — and a range keeps one bound only, which every match still meets.
   */
  static Lookup on(Document query, String field, boolean singleValued) {
    List<Object> conditions = new ArrayList<>();
    collect(query, field, conditions);
    Lookup best = null;
    for (Object condition : conditions) {
      Lookup lookup = of(condition);
      if (lookup == null) {
        continue;
      }
      if (best == null || lookup.isEquality() && !best.isEquality()) {
        best = lookup;
      } else if (singleValued && !lookup.isEquality() && !best.isEquality()) {
        // {$and: [{t: {$gte: a}}, {t: {$lt: b}}]}: both ranges hold, so their intersection
        best = best.within(lookup);
      }
    }
    if (!singleValued && best != null && best.lower != null && best.upper != null) {
      return new Lookup(null, best.lower, best.lowerInclusive, null, false);
    }
    return best;
  }

  /** The intersection of two ranges: the higher lower bound and the lower upper bound. */
  private Lookup within(Lookup other) {
    Comparator<Object> order = ValueComparator.asc();
    Object low = lower;
    boolean lowIn = lowerInclusive;
    if (other.lower != null) {
      int c = low == null ? -1 : order.compare(low, other.lower);
      if (c < 0) {
        low = other.lower;
        lowIn = other.lowerInclusive;
      } else if (c == 0) {
        lowIn &= other.lowerInclusive;
      }
    }
    Object high = upper;
    boolean highIn = upperInclusive;
    if (other.upper != null) {
      int c = high == null ? 1 : order.compare(high, other.upper);
      if (c > 0) {
        high = other.upper;
        highIn = other.upperInclusive;
      } else if (c == 0) {
        highIn &= other.upperInclusive;
      }
    }
    return new Lookup(null, low, lowIn, high, highIn);
  }

  private static void collect(Document query, String field, List<Object> conditions) {
    if (query.containsKey(field)) {
      conditions.add(query.get(field));
    }
    if (query.get("$and") instanceof Collection<?> clauses) {
      for (Object clause : clauses) {
        if (clause instanceof Document document) {
          collect(document, field, conditions);
        }
      }
    }
  }

  private static Lookup of(Object condition) {
    if (isPlain(condition)) {
      return new Lookup(List.of(normalize(condition)), null, false, null, false);
    }
    if (!(condition instanceof Document operators) || operators.isEmpty()) {
      return null;
    }
    for (String operator : operators.keySet()) {
      if (!operator.equals("$eq") && !operator.equals("$in") && !RANGE.contains(operator)) {
        return null;
      }
    }
    if (operators.containsKey("$eq")) {
      Object value = operators.get("$eq");
      return isPlain(value)
          ? new Lookup(List.of(normalize(value)), null, false, null, false)
          : null;
    }
    if (operators.containsKey("$in")) {
      if (!(operators.get("$in") instanceof Collection<?> values)) {
        return null;
      }
      List<Object> equalTo = new ArrayList<>();
      for (Object value : values) {
        if (!isPlain(value)) {
          return null;
        }
        equalTo.add(normalize(value));
      }
      return new Lookup(equalTo, null, false, null, false);
    }
    Object lower = null;
    Object upper = null;
    boolean lowerInclusive = false;
    boolean upperInclusive = false;
    for (Map.Entry<String, Object> entry : operators.entrySet()) {
      if (!isPlain(entry.getValue())) {
        return null;
      }
      Object bound = normalize(entry.getValue());
      switch (entry.getKey()) {
        case "$gt" -> {
          lower = bound;
          lowerInclusive = false;
        }
        case "$gte" -> {
          lower = bound;
          lowerInclusive = true;
        }
        case "$lt" -> {
          upper = bound;
          upperInclusive = false;
        }
        case "$lte" -> {
          upper = bound;
          upperInclusive = true;
        }
        default -> {
          return null;
        }
      }
    }
    return new Lookup(null, lower, lowerInclusive, upper, upperInclusive);
  }

  /**
   * A single scalar value an index can hold: not null/missing, not a regular expression, array or
   * sub-document.
   */
  static boolean isPlain(Object value) {
    return Missing.isNeitherNullNorMissing(value)
        && !(value instanceof Map
            || value instanceof Collection
            || value instanceof Pattern
            || BsonRegularExpression.isRegularExpression(value));
  }

  /** Numbers compare by value whatever their BSON type (int 1 equals double 1.0), as in MongoDB. */
  static Object normalize(Object value) {
    if (value instanceof Long l && (long) (double) l != l) {
      return l;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d == -0.0 ? 0.0 : d;
    }
    return value;
  }

  /**
   * The query as field → value if it is only a conjunction (top level and nested {@code $and}s) of
   * plain-value equalities, each field once; {@code null} for anything else.
   */
  static Map<String, Object> plainEqualities(Document query) {
    Map<String, Object> equalities = new HashMap<>();
    return addPlainEqualities(query, equalities) ? equalities : null;
  }

  private static boolean addPlainEqualities(Document query, Map<String, Object> equalities) {
    for (Map.Entry<String, Object> condition : query.entrySet()) {
      if (condition.getKey().equals("$and")) {
        if (!(condition.getValue() instanceof Collection<?> clauses)) {
          return false;
        }
        for (Object clause : clauses) {
          if (!(clause instanceof Document document) || !addPlainEqualities(document, equalities)) {
            return false;
          }
        }
      } else if (condition.getKey().startsWith("$")
          || !isPlain(condition.getValue())
          || equalities.putIfAbsent(condition.getKey(), condition.getValue()) != null) {
        return false;
      }
    }
    return true;
  }
}
