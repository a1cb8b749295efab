package org.fourinone.kit.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

class CountsTest {

  private static final List<Counts.Dimension> DIMENSIONS =
      List.of(
          new Counts.Dimension("byState", r -> r.get("state")),
          new Counts.Dimension("byTag", r -> r.getList("tags", String.class)),
          new Counts.Dimension("minutes", r -> r.get("minutes")));

  @Test
  void talliesEachDimensionWithAbsentKeysAsNoneAndSeveralKeysEachOnce() {
    Counts counts =
        Counts.tally(
            List.of(
                new Document("state", "OPEN").append("tags", List.of("a", "b")),
                new Document("state", "OPEN").append("tags", List.of("b")),
                new Document("state", "DONE").append("minutes", 12),
                new Document("tags", List.of())),
            DIMENSIONS);

    assertThat(counts.counts("byState"))
        .containsExactly(Map.entry("OPEN", 2L), Map.entry("DONE", 1L), Map.entry("NONE", 1L));
    assertThat(counts.counts("byTag"))
        .containsExactly(Map.entry("b", 2L), Map.entry("NONE", 1L), Map.entry("a", 1L));
    assertThat(counts.total("byState")).isEqualTo(4);
    assertThat(counts.get("byState", "CLOSED")).isZero();
    assertThat(counts.values("minutes")).isEqualTo(1);
  }

  @Test
  void storedCountsReadBackEqualThroughBsonWithKeysNoFieldNameMayHold() {
    Counts counts =
        Counts.tally(
            List.of(
                new Document("state", "a.b"),
                new Document("state", "$where"),
                new Document("state", "")),
            DIMENSIONS);

    Document stored = throughBson(counts.toDocument());
    Counts back = Counts.of(stored);

    assertThat(back).isEqualTo(counts);
    assertThat(back.get("byState", "a.b")).isEqualTo(1);
    assertThat(back.get("byState", "$where")).isEqualTo(1);
    assertThat(stored.keySet()).containsExactly("byState", "byTag", "minutes");
  }

  @Test
  void theSumOfTheBucketsIsTheTallyOfAllTheirRecords() {
    Random random = new Random(14);
    List<Document> all = records(random, 2_000);
    Map<Integer, List<Document>> buckets = new LinkedHashMap<>();
    for (Document r : all) {
      buckets.computeIfAbsent(random.nextInt(37), b -> new ArrayList<>()).add(r);
    }

    Counts summed = new Counts();
    for (List<Document> bucket : buckets.values()) {
      summed.plus(throughBson(Counts.tally(bucket, DIMENSIONS).toDocument()));
    }
    Counts whole = Counts.tally(all, DIMENSIONS);

    assertThat(summed.toDocument()).isEqualTo(whole.toDocument());
    assertThat(new Counts().plus(whole).plus(whole).total("byState"))
        .isEqualTo(2 * whole.total("byState"));
  }

  @Test
  void aHistogramsValueAtARankIsThatOfTheSortedValuesAcrossBuckets() {
    Random random = new Random(7);
    for (int size : new int[] {1, 2, 3, 10, 101, 1_000}) {
      List<Document> all = records(random, size);
      long[] sorted =
          all.stream()
              .filter(r -> r.get("minutes") != null)
              .mapToLong(r -> r.getInteger("minutes"))
              .toArray();
      Arrays.sort(sorted);
      Counts summed = new Counts();
      for (int from = 0; from < all.size(); from += 7) {
        summed.plus(
            Counts.tally(all.subList(from, Math.min(all.size(), from + 7)), DIMENSIONS)
                .toDocument());
      }

      assertThat(summed.values("minutes")).isEqualTo(sorted.length);
      for (long rank : new long[] {0, (sorted.length - 1) / 2, sorted.length / 2}) {
        if (rank < sorted.length) {
          assertThat(summed.valueAt("minutes", rank)).hasValue(sorted[(int) rank]);
        }
      }
      assertThat(summed.valueAt("minutes", sorted.length)).isEmpty();
      assertThat(summed.valueAt("minutes", -1)).isEmpty();
    }
  }

  @Test
  void aHistogramIgnoresKeysThatAreNotWholeNumbers() {
    Counts counts = new Counts().add("minutes", null, 5).add("minutes", 3, 1).add("minutes", 9, 1);

    assertThat(counts.values("minutes")).isEqualTo(2);
    assertThat(counts.valueAt("minutes", 0)).hasValue(3);
    assertThat(counts.valueAt("minutes", 1)).hasValue(9);
    assertThat(counts.valueAt("minutes", 2)).isEmpty();
  }

  private static List<Document> records(Random random, int n) {
    String[] states = {"OPEN", "DONE", "CANCELLED", null};
    List<Document> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Document r = new Document("state", states[random.nextInt(states.length)]);
      r.append("tags", random.nextBoolean() ? List.of("x") : List.of("x", "y"));
      if (random.nextInt(4) > 0) {
        r.append("minutes", random.nextInt(500));
      }
      all.add(r);
    }
    return all;
  }

  private static Document throughBson(Document document) {
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    try (var writer = new org.bson.BsonBinaryWriter(buffer)) {
      new DocumentCodec().encode(writer, document, EncoderContext.builder().build());
    }
    try (var reader =
        new org.bson.BsonBinaryReader(java.nio.ByteBuffer.wrap(buffer.toByteArray()))) {
      return new DocumentCodec().decode(reader, DecoderContext.builder().build());
    }
  }
}
