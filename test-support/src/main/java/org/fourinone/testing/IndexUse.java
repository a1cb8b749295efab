package org.fourinone.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * Whether MongoDB's query planner could answer a command's query from an index declared on its
 * collection, judged from the command alone. The wire-protocol server the tests run on has no
 * {@code explain}, and no library plans MongoDB queries offline, so this is a deliberately small
 * model of the planner's rules (docs/operations.md, "Queries and indexes"); it errs towards "not
 * served".
 *
 * <ul>
 *   <li>An index serves a filter when its first key has an equality, {@code $in}, range or
 *       anchored-prefix regex condition, at the top level or inside a top-level {@code $and}
 *       ({@code $exists: true} counts only on a sparse index, which holds exactly those documents).
 *       {@code $ne}, {@code $nin}, {@code $not}, {@code $exists: false}, unanchored or
 *       case-insensitive regexes, {@code $expr} and {@code $where} bound no index. The {@code _id}
 *       index always exists; partial indexes are never chosen.
 *   <li>{@code $or} is served only when every branch is, each by an index of its own.
 *   <li>The sort comes from the index when, skipping the keys the filter fixes to one value (or a
 *       few, with {@code $in}: MongoDB merges those scans in order), the remaining keys start with
 *       the sort's fields in the same order, all in the same or all in the reversed direction; sort
 *       fields the filter fixes are ignored. For an {@code $or}, every branch's index must give it.
 *   <li>A sort done in memory is accepted only with a limit (MongoDB then keeps the top documents
 *       only, among those the index selected); without one it is a blocking sort of an unbounded
 *       result, which a large collection fails (the 100 MB sort limit), so it counts as not served.
 *   <li>A filter that no index serves may still be answered in order by an index that gives the
 *       sort, if the query has a limit and the filter tests nothing but that index's fields: the
 *       walk stops after the page (the district's queue, newest first).
 * </ul>
 *
 * A {@code count} without a query is the collection's metadata, and a {@code distinct} without one
 * is served by an index on its key. An empty filter otherwise reads the whole collection: a
 * collection scan, reported as such.
 */
public final class IndexUse {

  /** MongoDB merges at most this many {@code $in} points in sort order (explodeForSort). */
  private static final int MAX_IN_FOR_SORT = 200;

  private IndexUse() {}

  /** An index as {@code listIndexes} returns it: its keys in order, with their directions. */
  public record Index(String name, Map<String, Integer> keys, boolean sparse, boolean partial) {

    /** From a {@code listIndexes} document; text, hashed or geo keys make it unusable here. */
    public static Index of(Document spec) {
      Map<String, Integer> keys = new LinkedHashMap<>();
      Document key = spec.get("key", Document.class);
      key.forEach(
          (field, direction) ->
              keys.put(field, direction instanceof Number n ? (n.doubleValue() < 0 ? -1 : 1) : 0));
      return new Index(
          spec.getString("name"),
          keys,
          Boolean.TRUE.equals(spec.get("sparse")),
          spec.containsKey("partialFilterExpression"));
    }

    /**
     * An index on the fields, in the order given: {@code "residentId", 1, "createdAtMillis", -1}.
     */
    public static Index on(String name, Object... fieldsAndDirections) {
      Map<String, Integer> keys = new LinkedHashMap<>();
      for (int i = 0; i + 1 < fieldsAndDirections.length; i += 2) {
        keys.put((String) fieldsAndDirections[i], (Integer) fieldsAndDirections[i + 1]);
      }
      return new Index(name, keys, false, false);
    }

    /** The same index, sparse. */
    public Index sparsely() {
      return new Index(name, keys, true, partial);
    }

    static final Index ID = on("_id_", "_id", 1);

    List<String> fields() {
      return List.copyOf(keys.keySet());
    }

    private boolean usable() {
      return !partial && !keys.isEmpty() && keys.values().stream().noneMatch(d -> d == 0);
    }
  }

  /**
   * One query a command makes: on which collection, selecting what, in which order, and whether it
   * stops after a number of documents.
   */
  public record Query(
      String command, String collection, BsonDocument filter, BsonDocument sort, boolean limited) {

    public static Query find(String collection, BsonDocument filter) {
      return new Query("find", collection, filter, new BsonDocument(), false);
    }

    /**
     * Whether the filter has a condition on {@code field}, at its top level or in its {@code $and}.
     */
    public boolean tests(String field) {
      return Conditions.of(filter).fields.containsKey(field);
    }

    public Query sortedBy(BsonDocument order) {
      return new Query(command, collection, filter, order, limited);
    }

    public Query withLimit() {
      return new Query(command, collection, filter, sort, true);
    }

    @Override
    public String toString() {
      return command
          + " "
          + collection
          + " "
          + filter.toJson()
          + (sort.isEmpty() ? "" : " sort " + sort.toJson())
          + (limited ? " limited" : "");
    }
  }

  /** Where the order of the results comes from. */
  public enum Sort {
    NOT_ASKED,
    FROM_INDEX,
    IN_MEMORY
  }

  /**
   * The judgement of one query: served or not, the index (or, for an {@code $or}, the index of each
   * branch) the planner could use, the other indexes that would serve it as well (MongoDB races
   * them and keeps the most selective), where the sort comes from, why, and (when captured) the
   * thread that sent it.
   */
  public record Verdict(
      Query query,
      boolean served,
      List<Index> indexes,
      List<Index> alternatives,
      Sort sort,
      String reason,
      String thread) {

    Verdict on(String thread) {
      return new Verdict(query, served, indexes, alternatives, sort, reason, thread);
    }

    /**
     * Whether the query is served through an index with {@code field} among its keys: one of the
     * equally good indexes, or for an {@code $or} the index of every branch. A scope's read should
     * be, not through an index on something all scopes share (a status).
     */
    public boolean throughIndexOn(String field) {
      return served
          && !indexes.isEmpty()
          && (indexes.stream().allMatch(i -> i.keys().containsKey(field))
              || alternatives.stream().anyMatch(i -> i.keys().containsKey(field)));
    }

    @Override
    public String toString() {
      return (served ? "INDEX " : "SCAN  ")
          + query
          + " -> "
          + reason
          + (thread == null ? "" : " [" + thread + "]");
    }
  }

  /** Every verdict, one a line, for an assertion's message. */
  public static String report(List<Verdict> verdicts) {
    return verdicts.isEmpty()
        ? "no reads captured"
        : verdicts.stream().map(Verdict::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  /**
   * The queries a command sent to MongoDB makes: none for commands that select no documents
   * (inserts, cursors, index and server commands), several for a bulk update or delete or an
   * aggregation with a {@code $lookup}.
   */
  public static List<Query> queriesOf(BsonDocument command) {
    if (command.isEmpty()) {
      return List.of();
    }
    String name = command.getFirstKey();
    BsonValue target = command.get(name);
    if (!target.isString()) {
      return List.of(); // database-level ({aggregate: 1}) or not a collection command
    }
    String collection = target.asString().getValue();
    List<Query> queries = new ArrayList<>();
    switch (name) {
      case "find" ->
          queries.add(
              new Query(
                  name,
                  collection,
                  document(command, "filter"),
                  document(command, "sort"),
                  command.containsKey("limit")
                      && command.get("limit").isNumber()
                      && command.getNumber("limit").longValue() != 0));
      case "aggregate" -> queries.addAll(pipeline(collection, command.getArray("pipeline")));
      case "count" -> {
        if (command.containsKey("query") && !document(command, "query").isEmpty()) {
          queries.add(new Query(name, collection, document(command, "query"), empty(), false));
        }
      }
      case "distinct" ->
          queries.add(
              new Query(
                  name + " " + command.getString("key").getValue(),
                  collection,
                  document(command, "query"),
                  empty(),
                  false));
      case "findAndModify" ->
          queries.add(
              new Query(
                  name, collection, document(command, "query"), document(command, "sort"), true));
      case "update" -> {
        for (BsonValue u : command.getArray("updates", new BsonArray())) {
          BsonDocument statement = u.asDocument();
          boolean multi = statement.getBoolean("multi", org.bson.BsonBoolean.FALSE).getValue();
          queries.add(new Query(name, collection, document(statement, "q"), empty(), !multi));
        }
      }
      case "delete" -> {
        for (BsonValue d : command.getArray("deletes", new BsonArray())) {
          BsonDocument statement = d.asDocument();
          boolean one =
              statement.containsKey("limit") && statement.getNumber("limit").longValue() != 0;
          queries.add(new Query(name, collection, document(statement, "q"), empty(), one));
        }
      }
      default -> {
        // not a query: insert, getMore, createIndexes, listIndexes, hello, ping, ...
      }
    }
    return queries;
  }

  private static List<Query> pipeline(String collection, BsonArray stages) {
    List<Query> queries = new ArrayList<>();
    BsonDocument filter = empty();
    BsonDocument sort = empty();
    boolean limited = false;
    int i = 0;
    if (i < stages.size() && stages.get(i).asDocument().containsKey("$match")) {
      filter = stages.get(i++).asDocument().getDocument("$match");
    }
    if (i < stages.size() && stages.get(i).asDocument().containsKey("$sort")) {
      sort = stages.get(i++).asDocument().getDocument("$sort");
      while (i < stages.size() && stages.get(i).asDocument().containsKey("$skip")) {
        i++;
      }
      limited = i < stages.size() && stages.get(i).asDocument().containsKey("$limit");
    }
    queries.add(new Query("aggregate", collection, filter, sort, limited));
    lookups(stages, queries);
    return queries;
  }

  /** A {@code $lookup} by field selects, per input document, the foreign documents equal on it. */
  private static void lookups(BsonArray stages, List<Query> queries) {
    for (BsonValue stage : stages) {
      BsonDocument s = stage.asDocument();
      if (s.containsKey("$lookup")) {
        BsonDocument lookup = s.getDocument("$lookup");
        if (lookup.containsKey("from") && lookup.containsKey("foreignField")) {
          queries.add(
              new Query(
                  "$lookup",
                  lookup.getString("from").getValue(),
                  new BsonDocument(
                      lookup.getString("foreignField").getValue(),
                      new BsonDocument(
                          "$eq", new BsonDocument("$local", lookup.get("localField")))),
                  empty(),
                  false));
        }
      } else if (s.containsKey("$facet")) {
        for (var facet : s.getDocument("$facet").values()) {
          lookups(facet.asArray(), queries);
        }
      }
    }
  }

  /** Judges a query against the indexes its collection declares. */
  public static Verdict judge(Query query, List<Index> declared) {
    List<Index> indexes = new ArrayList<>();
    indexes.add(Index.ID);
    declared.stream()
        .filter(Index::usable)
        .filter(i -> !i.keys().equals(Index.ID.keys()))
        .forEach(indexes::add);
    if (query.command().startsWith("distinct ") && query.filter().isEmpty()) {
      String key = query.command().substring("distinct ".length());
      Optional<Index> on = indexes.stream().filter(i -> i.fields().get(0).equals(key)).findFirst();
      return on.map(
              i ->
                  new Verdict(
                      query,
                      true,
                      List.of(i),
                      List.of(),
                      Sort.NOT_ASKED,
                      "distinct scan " + i.name(),
                      null))
          .orElseGet(
              () ->
                  new Verdict(
                      query,
                      false,
                      List.of(),
                      List.of(),
                      Sort.NOT_ASKED,
                      "collection scan: no index on " + key,
                      null));
    }
    Plan plan = plan(query.filter(), query.sort(), query.limited(), indexes);
    return new Verdict(
        query, plan.served, plan.indexes, plan.alternatives, plan.sort, plan.reason, null);
  }

  /**
   * Judges every query of {@code command} against the indexes of its collection, as {@code
   * indexesOf} lists them.
   */
  public static List<Verdict> judge(BsonDocument command, Function<String, List<Index>> indexesOf) {
    return queriesOf(command).stream().map(q -> judge(q, indexesOf.apply(q.collection()))).toList();
  }

  private record Plan(
      boolean served,
      List<Index> indexes,
      List<Index> alternatives,
      Sort sort,
      String reason,
      int rank) {

    Plan(boolean served, List<Index> indexes, Sort sort, String reason, int rank) {
      this(served, indexes, List.of(), sort, reason, rank);
    }

    /** The same plan, naming the other indexes that serve as well. */
    Plan or(List<Index> others) {
      return others.isEmpty()
          ? this
          : new Plan(
              served,
              indexes,
              others,
              sort,
              reason
                  + " (as well: "
                  + others.stream().map(Index::name).collect(Collectors.joining(", "))
                  + ")",
              rank);
    }
  }

  private static Plan plan(
      BsonDocument filter, BsonDocument sort, boolean limited, List<Index> all) {
    Conditions conditions = Conditions.of(filter);
    Sort noSort = sort.isEmpty() ? Sort.NOT_ASKED : null;
    Plan best = null;
    List<Plan> plans = new ArrayList<>();
    for (Index index : all) {
      Kind first = conditions.kind(index.fields().get(0));
      boolean bounds =
          first == Kind.EQ
              || first == Kind.IN
              || first == Kind.RANGE
              || (first == Kind.EXISTS && index.sparse());
      boolean ordered = noSort == null && gives(index, conditions, sort);
      Plan plan;
      if (bounds) {
        Sort s = noSort != null ? noSort : ordered ? Sort.FROM_INDEX : Sort.IN_MEMORY;
        boolean served = s != Sort.IN_MEMORY || limited;
        plan =
            new Plan(
                served,
                List.of(index),
                s,
                "index " + index.name() + sortNote(s, limited),
                (served ? 1000 : 0) + (s == Sort.FROM_INDEX ? 100 : 0) + conditions.bounded(index));
      } else if (ordered && limited && !index.sparse() && conditions.onlyOn(index.fields())) {
        plan =
            new Plan(
                true,
                List.of(index),
                Sort.FROM_INDEX,
                "index " + index.name() + " walked in sort order up to the limit",
                500);
      } else {
        continue;
      }
      plans.add(plan);
      if (best == null || plan.rank > best.rank) {
        best = plan;
      }
    }
    if (best != null && best.served) {
      Plan chosen = best;
      return best.or(
          plans.stream()
              .filter(p -> p != chosen && p.served && p.sort == chosen.sort)
              .flatMap(p -> p.indexes.stream())
              .toList());
    }
    for (BsonArray or : conditions.ors) {
      Plan merged = or(or, sort, limited, all);
      if (merged.served || best == null) {
        best = merged;
      }
      if (merged.served) {
        return merged;
      }
    }
    if (best != null) {
      return best;
    }
    String reason =
        conditions.none()
            ? "collection scan: no filter"
            : "collection scan: no index has a bounding condition on its first key "
                + conditions.describe();
    if (!sort.isEmpty()) {
      reason += ", sorted in memory";
    }
    return new Plan(false, List.of(), sort.isEmpty() ? Sort.NOT_ASKED : Sort.IN_MEMORY, reason, -1);
  }

  private static Plan or(BsonArray branches, BsonDocument sort, boolean limited, List<Index> all) {
    List<Index> used = new ArrayList<>();
    boolean ordered = true;
    for (BsonValue branch : branches) {
      // each branch on its own, as an unlimited query: the $or as a whole has the limit
      Plan plan = plan(branch.asDocument(), sort, false, all);
      if (plan.indexes.isEmpty()) {
        return new Plan(
            false,
            List.of(),
            sort.isEmpty() ? Sort.NOT_ASKED : Sort.IN_MEMORY,
            "collection scan: $or branch " + branch.asDocument().toJson() + " has no index",
            -1);
      }
      used.addAll(plan.indexes);
      ordered &= plan.sort != Sort.IN_MEMORY;
    }
    Sort s = sort.isEmpty() ? Sort.NOT_ASKED : ordered ? Sort.FROM_INDEX : Sort.IN_MEMORY;
    boolean served = s != Sort.IN_MEMORY || limited;
    return new Plan(
        served,
        List.copyOf(used),
        s,
        "$or of indexes "
            + used.stream().map(Index::name).collect(Collectors.joining(", "))
            + sortNote(s, limited),
        0);
  }

  private static String sortNote(Sort sort, boolean limited) {
    return switch (sort) {
      case NOT_ASKED -> "";
      case FROM_INDEX -> ", sort from the index";
      case IN_MEMORY ->
          limited
              ? ", sorted in memory (top of a limited result)"
              : ", sorted in memory without a limit (blocking sort of an unbounded result)";
    };
  }

  /** Whether the index returns documents in the sort's order (or exactly its reverse). */
  static boolean gives(Index index, Conditions conditions, BsonDocument sort) {
    List<Map.Entry<String, Integer>> wanted = new ArrayList<>();
    for (var e : sort.entrySet()) {
      if (conditions.kind(e.getKey()) != Kind.EQ) {
        wanted.add(Map.entry(e.getKey(), e.getValue().asNumber().intValue() < 0 ? -1 : 1));
      }
    }
    if (wanted.isEmpty()) {
      return true;
    }
    List<Map.Entry<String, Integer>> keys = new ArrayList<>(index.keys().entrySet());
    int k = 0;
    // the prefix the filter fixes to a point (or a few, merged in order)
    while (k < keys.size()
        && !keys.get(k).getKey().equals(wanted.get(0).getKey())
        && conditions.isPoint(keys.get(k).getKey())) {
      k++;
    }
    Integer direction = null;
    for (var w : wanted) {
      while (k < keys.size()
          && !keys.get(k).getKey().equals(w.getKey())
          && conditions.kind(keys.get(k).getKey()) == Kind.EQ) {
        k++;
      }
      if (k >= keys.size() || !keys.get(k).getKey().equals(w.getKey())) {
        return false;
      }
      int relative = keys.get(k).getValue() * w.getValue();
      if (direction != null && direction != relative) {
        return false;
      }
      direction = relative;
      k++;
    }
    return true;
  }

  /** What a filter asks of each field, strongest first. */
  enum Kind {
    EQ,
    IN,
    RANGE,
    EXISTS,
    NONE
  }

  /** The conditions of a filter's top level (and of its top-level {@code $and}s), by field. */
  static final class Conditions {
    final Map<String, Kind> fields = new LinkedHashMap<>();
    final Map<String, Integer> inSizes = new LinkedHashMap<>();
    final List<BsonArray> ors = new ArrayList<>();

    /**
     * Whether the filter has a condition this model does not read ({@code $expr}, {@code $nor}).
     */
    boolean opaque;

    static Conditions of(BsonDocument filter) {
      Conditions c = new Conditions();
      c.add(filter, "");
      return c;
    }

    Kind kind(String field) {
      return fields.getOrDefault(field, Kind.NONE);
    }

    boolean none() {
      return fields.isEmpty() && ors.isEmpty() && !opaque;
    }

    boolean isPoint(String field) {
      Kind k = kind(field);
      return k == Kind.EQ || (k == Kind.IN && inSizes.getOrDefault(field, 0) <= MAX_IN_FOR_SORT);
    }

    /** How many leading keys of the index the filter fixes: a rough selectivity for the choice. */
    int bounded(Index index) {
      int n = 0;
      for (String f : index.fields()) {
        if (!isPoint(f)) {
          return n + (kind(f) == Kind.RANGE ? 1 : 0);
        }
        n++;
      }
      return n;
    }

    boolean onlyOn(List<String> indexFields) {
      return ors.isEmpty() && !opaque && indexFields.containsAll(fields.keySet());
    }

    String describe() {
      return fields.entrySet().stream()
              .map(e -> e.getKey() + ":" + e.getValue())
              .collect(Collectors.joining(", ", "(", ")"))
          + (opaque ? " and operators no index bounds" : "");
    }

    private void add(BsonDocument filter, String prefix) {
      for (var e : filter.entrySet()) {
        String key = e.getKey();
        BsonValue value = e.getValue();
        if (key.equals("$and")) {
          value.asArray().forEach(v -> add(v.asDocument(), prefix));
        } else if (key.equals("$or")) {
          if (value.asArray().size() == 1) {
            add(value.asArray().get(0).asDocument(), prefix);
          } else {
            ors.add(value.asArray());
          }
        } else if (!key.startsWith("$")) {
          condition(prefix + key, value);
        } else if (!key.equals("$comment")) {
          opaque = true; // $nor, $expr, $where, $text: nothing an index is bounded by here
        }
      }
    }

    private void condition(String field, BsonValue value) {
      if (value.isRegularExpression()) {
        record(field, regex(value.asRegularExpression()));
        return;
      }
      if (!value.isDocument() || !isOperators(value.asDocument())) {
        record(field, Kind.EQ);
        return;
      }
      BsonDocument ops = value.asDocument();
      for (var op : ops.entrySet()) {
        BsonValue v = op.getValue();
        switch (op.getKey()) {
          case "$eq" -> record(field, Kind.EQ);
          case "$in" -> {
            BsonArray values = v.asArray();
            boolean plain = values.stream().noneMatch(BsonValue::isRegularExpression);
            if (plain && values.size() == 1) {
              record(field, Kind.EQ);
            } else if (plain) {
              record(field, Kind.IN);
              inSizes.merge(field, values.size(), Math::max);
            } else {
              boolean prefixes =
                  values.stream()
                      .filter(BsonValue::isRegularExpression)
                      .allMatch(r -> regex(r.asRegularExpression()) == Kind.RANGE);
              record(field, prefixes ? Kind.RANGE : Kind.NONE);
            }
          }
          case "$all" ->
              record(field, v.asArray().isEmpty() ? Kind.NONE : Kind.EQ); // the first is a point
          case "$gt", "$gte", "$lt", "$lte", "$type" -> record(field, Kind.RANGE);
          case "$regex" ->
              record(
                  field,
                  regex(
                      new BsonRegularExpression(
                          v.isString()
                              ? v.asString().getValue()
                              : v.asRegularExpression().getPattern(),
                          ops.containsKey("$options")
                              ? ops.getString("$options").getValue()
                              : v.isRegularExpression()
                                  ? v.asRegularExpression().getOptions()
                                  : "")));
          case "$exists" ->
              record(field, v.isBoolean() && v.asBoolean().getValue() ? Kind.EXISTS : Kind.NONE);
          case "$elemMatch" -> {
            BsonDocument match = v.asDocument();
            if (isOperators(match)) {
              condition(field, match);
            } else {
              add(match, field + ".");
            }
          }
          default -> record(field, Kind.NONE); // $ne, $nin, $not, $size, $mod, $options ...
        }
      }
    }

    private static boolean isOperators(BsonDocument d) {
      return !d.isEmpty() && d.getFirstKey().startsWith("$");
    }

    /** Only a case-sensitive regex anchored at the start, with a literal prefix, has bounds. */
    private static Kind regex(BsonRegularExpression r) {
      String p = r.getPattern();
      boolean anchored = p.startsWith("^") || p.startsWith("\\A");
      String rest = p.startsWith("^") ? p.substring(1) : p.startsWith("\\A") ? p.substring(2) : p;
      boolean literalStart = !rest.isEmpty() && !".*+?()[]{}|\\^$".contains(rest.substring(0, 1));
      boolean plain = !r.getOptions().contains("i") && !r.getOptions().contains("m");
      return anchored && literalStart && plain ? Kind.RANGE : Kind.NONE;
    }

    private void record(String field, Kind kind) {
      fields.merge(field, kind, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
  }

  private static BsonDocument document(BsonDocument command, String key) {
    BsonValue v = command.get(key);
    return v != null && v.isDocument() ? v.asDocument() : empty();
  }

  private static BsonDocument empty() {
    return new BsonDocument();
  }
}
