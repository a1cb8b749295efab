package org.fourinone.local.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.regex.Pattern;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * Which queries an index takes, and that it hands the matcher only the candidates, not the
 * collection.
 */
class QueryPlanningTest {

  /**
   * Extended JSON, parsed by the driver's BSON library and turned into the wire server's document
   * type.
   */
  private static Document doc(String json) {
    return (Document) convert(org.bson.Document.parse(json));
  }

  private static Object convert(Object value) {
    if (value instanceof java.util.Map<?, ?> map) {
      Document document = new Document();
      map.forEach((key, v) -> document.put((String) key, convert(v)));
      return document;
    }
    if (value instanceof List<?> list) {
      return list.stream()
          .map(QueryPlanningTest::convert)
          .collect(java.util.stream.Collectors.toList());
    }
    return value;
  }

  /** An index over a map of an in-memory MVStore. */
  private static OrderedSecondaryIndex inMemory(String name, List<IndexKey> keys, boolean sparse) {
    return OrderedSecondaryIndex.open(new MVStore.Builder().open(), "index", name, keys, sparse);
  }

  @Test
  void aSecondaryIndexServesEqualityInAndRangesOnItsFirstField_evenBesideOtherConditions() {
    var index =
        inMemory(
            "by_resident",
            List.of(new IndexKey("residentId", true), new IndexKey("createdAt", false)),
            false);

    assertThat(index.canHandle(doc("{residentId: 'R-1'}"))).isTrue();
    assertThat(index.canHandle(doc("{residentId: 'R-1', sequence: {$lt: 3}}"))).isTrue();
    assertThat(index.canHandle(doc("{$and: [{sequence: 2}, {residentId: {$in: ['R-1', 'R-2']}}]}")))
        .isTrue();
    assertThat(index.canHandle(doc("{residentId: {$gte: 'R-1', $lt: 'R-5'}}"))).isTrue();

    assertThat(index.canHandle(doc("{createdAt: 5}")))
        .as("second field of the key: no prefix")
        .isFalse();
    assertThat(index.canHandle(doc("{residentId: {$ne: 'R-1'}}"))).isFalse();
    assertThat(index.canHandle(doc("{residentId: {$exists: true}}"))).isFalse();
    assertThat(index.canHandle(doc("{residentId: null}"))).isFalse();
    assertThat(index.canHandle(new Document("residentId", Pattern.compile("^R")))).isFalse();
    assertThat(index.canHandle(doc("{$or: [{residentId: 'R-1'}, {x: 1}]}"))).isFalse();

    for (int i = 0; i < 100; i++) {
      Document order = new Document("_id", "O-" + i).append("residentId", "R-" + (i % 10));
      index.add(order, order.get("_id"), null);
    }
    assertThat(index.getPositions(doc("{residentId: 'R-3', sequence: 1}")))
        .containsExactlyInAnyOrder(
            "O-3", "O-13", "O-23", "O-33", "O-43", "O-53", "O-63", "O-73", "O-83", "O-93");
    assertThat(index.getPositions(doc("{residentId: {$gt: 'R-7'}}"))).hasSize(20);

    index.updateInPlace(
        new Document("_id", "O-3").append("residentId", "R-3"),
        new Document("_id", "O-3").append("residentId", "R-9"),
        "O-3",
        null);
    index.remove(new Document("_id", "O-13").append("residentId", "R-3"));
    assertThat(index.getPositions(doc("{residentId: 'R-3'}")))
        .hasSize(8)
        .doesNotContain("O-3", "O-13");
    assertThat(index.getPositions(doc("{residentId: 'R-9'}"))).contains("O-3");
  }

  @Test
  void numbersAreOneValueWhateverTheirType() {
    var index = inMemory("by_n", List.of(new IndexKey("n", true)), false);
    index.add(new Document("_id", 1).append("n", 2), 1, null);
    index.add(new Document("_id", 2).append("n", 2L), 2, null);
    index.add(new Document("_id", 3).append("n", 2.0), 3, null);
    assertThat(index.getPositions(new Document("n", 2))).containsExactly(1, 2, 3);
  }

  @Test
  void lookupsOnlyTakeConditionsTheyCanAnswerCompletely() {
    assertThat(Lookup.on(doc("{_id: 'O-1', sequence: {$lt: 4}}"), "_id").equalTo())
        .containsExactly("O-1");
    assertThat(Lookup.on(doc("{_id: {$in: ['a', 'b']}}"), "_id").equalTo())
        .containsExactly("a", "b");
    assertThat(Lookup.on(doc("{_id: {$in: ['a', null]}}"), "_id")).isNull();
    assertThat(Lookup.on(doc("{_id: {$gt: 'a', $ne: 'b'}}"), "_id")).isNull();
    assertThat(Lookup.on(doc("{_id: {a: 1}}"), "_id")).as("sub-document equality").isNull();
    assertThat(Lookup.on(doc("{t: {$gte: 3, $lt: 9}, $and: [{t: 4}]}"), "t").equalTo())
        .as("an equality beats a range")
        .containsExactly(4.0);
  }
}
