package org.fourinone.kit.rollup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import org.bson.Document;

/**
 * The counts of one bucket of records (a scope's day or month) under named dimensions — how many
 * records have each key of the dimension — kept so that buckets can be stored, read back and
 * summed: a dashboard's figures from a few bucket documents instead of every record (the design in
 * docs/architecture.md, "Statistics at district scale").
 *
 * <p>A bucket is <em>recounted</em> from its records ({@link #tally}), never incremented, so that a
 * retried or repeated pass writes the same document. Stored, a dimension is an array of {@code {k,
 * n}} pairs rather than a sub-document: a key may be any string (a dot, a leading {@code $}, none),
 * which a field name may not. A dimension whose keys are whole numbers (minutes, tenths of a
 * minute) is a histogram: {@link #valueAt} finds its median after summing.
 */
public final class Counts {

  /** One dimension of a tally: its name and the key (possibly null) of a record under it. */
  public record Dimension(String name, Function<Document, Object> key) {
    public Dimension {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
    }
  }

  /** The key a record without one is counted under. */
  public static final String NONE = "NONE";

  private static final String KEY = "k";
  private static final String COUNT = "n";

  private final Map<String, Map<String, Long>> dimensions = new LinkedHashMap<>();

  /** The counts of the records under the dimensions; a key function may return null (none). */
  public static Counts tally(Iterable<Document> records, List<Dimension> of) {
    Counts counts = new Counts();
    for (Dimension d : of) {
      counts.dimensions.putIfAbsent(d.name(), new LinkedHashMap<>());
    }
    for (Document record : records) {
      for (Dimension d : of) {
        Object key = d.key().apply(record);
        if (key instanceof Iterable<?> many) {
          for (Object one : many) {
            counts.add(d.name(), one, 1);
          }
        } else {
          counts.add(d.name(), key, 1);
        }
      }
    }
    return counts;
  }

  /** The counts stored as {@link #toDocument()} wrote them. */
  public static Counts of(Document stored) {
    Counts counts = new Counts();
    return stored == null ? counts : counts.plus(stored);
  }

  /** Adds {@code n} under the key of a dimension. */
  public Counts add(String dimension, Object key, long n) {
    dimensions
        .computeIfAbsent(dimension, d -> new LinkedHashMap<>())
        .merge(key == null ? NONE : key.toString(), n, Long::sum);
    return this;
  }

  /** Adds another bucket's stored counts to these (a street's from its scopes' months). */
  public Counts plus(Document stored) {
    for (var e : stored.entrySet()) {
      if (e.getValue() instanceof List<?> pairs) {
        Map<String, Long> into = dimensions.computeIfAbsent(e.getKey(), d -> new LinkedHashMap<>());
        for (Object pair : pairs) {
          if (pair instanceof Document p) {
            into.merge(String.valueOf(p.get(KEY)), ((Number) p.get(COUNT)).longValue(), Long::sum);
          }
        }
      }
    }
    return this;
  }

  /** Adds another tally to these. */
  public Counts plus(Counts other) {
    other.dimensions.forEach((name, keys) -> keys.forEach((key, n) -> add(name, key, n)));
    return this;
  }

  /** A dimension's counts, the largest first (ties by key), zero counts left out. */
  public Map<String, Long> counts(String dimension) {
    List<Map.Entry<String, Long>> entries =
        new ArrayList<>(dimensions.getOrDefault(dimension, Map.of()).entrySet());
    entries.removeIf(e -> e.getValue() == 0);
    entries.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> sorted = new LinkedHashMap<>();
    entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** One key's count (0 when none). */
  public long get(String dimension, String key) {
    return dimensions.getOrDefault(dimension, Map.of()).getOrDefault(key, 0L);
  }

  /** How many records a dimension counted (each record once, for a single-key dimension). */
  public long total(String dimension) {
    return dimensions.getOrDefault(dimension, Map.of()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /**
   * The value at a 0-based rank of a histogram dimension's whole-number keys in ascending order
   * ({@code (count - 1) / 2}: the lower median), empty when the rank is out of range; keys that are
   * not whole numbers are ignored.
   */
  public OptionalLong valueAt(String dimension, long rank) {
    if (rank < 0) {
      return OptionalLong.empty();
    }
    long seen = 0;
    for (var e : histogram(dimension).entrySet()) {
      seen += e.getValue();
      if (rank < seen) {
        return OptionalLong.of(e.getKey());
      }
    }
    return OptionalLong.empty();
  }

  /** How many values a histogram dimension holds (the counts of its whole-number keys). */
  public long values(String dimension) {
    return histogram(dimension).values().stream().mapToLong(Long::longValue).sum();
  }

  private TreeMap<Long, Long> histogram(String dimension) {
    TreeMap<Long, Long> sorted = new TreeMap<>();
    dimensions
        .getOrDefault(dimension, Map.of())
        .forEach(
            (key, n) -> {
              try {
                sorted.merge(Long.parseLong(key), n, Long::sum);
              } catch (NumberFormatException notANumber) {
                // NONE and the like: not a value of the histogram
              }
            });
    return sorted;
  }

  /** The counts as stored: each dimension an array of {@code {k, n}}, zero counts left out. */
  public Document toDocument() {
    Document stored = new Document();
    dimensions.forEach(
        (name, keys) -> {
          List<Document> pairs = new ArrayList<>();
          new TreeMap<>(keys)
              .forEach(
                  (key, n) -> {
                    if (n != 0) {
                      pairs.add(new Document(KEY, key).append(COUNT, n));
                    }
                  });
          stored.append(name, pairs);
        });
    return stored;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counts other && toDocument().equals(other.toDocument());
  }

  @Override
  public int hashCode() {
    return toDocument().hashCode();
  }

  @Override
  public String toString() {
    return toDocument().toJson();
  }
}
