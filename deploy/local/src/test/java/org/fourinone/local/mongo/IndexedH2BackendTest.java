package org.fourinone.local.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexed backend must answer every query exactly as the library's own H2 backend does (which
 * scans): the same documents in the same order, the same counts, the same effect of updates and
 * deletes — with the data written over the wire by the real driver, and again after the file is
 * closed and reopened (the secondary indexes read back from the file).
 */
class IndexedH2BackendTest {

  @TempDir Path dir;

  private final List<MongoServer> servers = new ArrayList<>();
  private final List<MongoClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(MongoClient::close);
    servers.forEach(MongoServer::shutdownNow);
  }

  private MongoCollection<Document> orders(H2Backend backend) {
    MongoServer server = new MongoServer(backend);
    servers.add(server);
    MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server.bind()));
    clients.add(client);
    return client.getDatabase("test").getCollection("orders");
  }

  private static String hostAndPort(java.net.InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  private static void indexes(MongoCollection<Document> collection) {
    collection.createIndex(Indexes.ascending("residentId"));
    collection.createIndex( // as the orders' community_newest_first
        Indexes.compoundIndex(
            Indexes.ascending("communityId"), Indexes.descending("createdAt", "_id")));
    collection.createIndex( // as the orders' community_status_newest_first
        Indexes.compoundIndex(
            Indexes.ascending("communityId", "sequence"), Indexes.descending("createdAt", "_id")));
    collection.createIndex(Indexes.ascending("outbox.time"));
    collection.createIndex(Indexes.ascending("tags"));
    collection.createIndex(
        Indexes.ascending("hash"), new IndexOptions().unique(true).sparse(false));
  }

  private static List<Document> documents(long seed, int count) {
    Random random = new Random(seed);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Document doc =
          new Document("_id", "O-" + i)
              .append("sequence", random.nextInt(6))
              .append("hash", "h" + i)
              .append("createdAt", 1_000L + random.nextInt(500));
      switch (random.nextInt(4)) { // a number in its several BSON types, or none
        case 0 -> doc.append("residentId", "R-" + random.nextInt(12));
        case 1 -> doc.append("residentId", random.nextInt(3));
        case 2 -> doc.append("residentId", (long) random.nextInt(3));
        default -> {}
      }
      if (random.nextBoolean()) {
        doc.append("communityId", "C-" + random.nextInt(5));
      }
      List<Document> outbox = new ArrayList<>();
      for (int k = random.nextInt(3); k > 0; k--) {
        outbox.add(
            new Document("time", 1_000L + random.nextInt(100)).append("id", "E-" + i + "-" + k));
      }
      doc.append("outbox", outbox);
      if (random.nextInt(3) == 0) {
        doc.append("tags", List.of("t" + random.nextInt(4), List.of("t" + random.nextInt(4))));
      } else if (random.nextInt(3) == 0) {
        doc.append("tags", "t" + random.nextInt(4));
      }
      documents.add(doc);
    }
    return documents;
  }

  private static List<Bson> queries() {
    return List.of(
        eq("residentId", "R-3"),
        eq("residentId", 1),
        eq("residentId", 1.0),
        eq("residentId", 2L),
        in("residentId", "R-1", "R-2", 0),
        eq("residentId", null),
        ne("residentId", "R-3"),
        and(eq("residentId", "R-4"), eq("sequence", 2)),
        and(eq("_id", "O-7"), lt("sequence", 3)),
        and(eq("_id", "O-8"), lt("sequence", 9)),
        and(eq("_id", "O-9"), eq("residentId", "R-1"), eq("sequence", 1)),
        in("_id", "O-1", "O-5", "O-404"),
        and(in("_id", "O-1", "O-5"), gt("sequence", 0)),
        gt("_id", "O-50"),
        regex("_id", Pattern.compile("^O-1")),
        eq("communityId", "C-2"),
        eq("communityId", "C-4"),
        eq("communityId", "C-none"),
        and(eq("communityId", "C-3"), eq("sequence", 1)),
        // a value the index does not hold, with an equality on the next key: no candidates
        and(eq("communityId", "C-none"), eq("sequence", 1)),
        and(eq("communityId", "C-1"), gte("createdAt", 1_200L)),
        // a range on the order key after the equality prefix: a day of a community
        and(eq("communityId", "C-1"), gte("createdAt", 1_200L), lt("createdAt", 1_300L)),
        and(eq("communityId", "C-2"), gt("createdAt", 1_250), lte("createdAt", 1_400.0)),
        and(eq("communityId", "C-3"), lt("createdAt", 1_100L)),
        and(eq("communityId", "C-3"), gte("createdAt", 1_300L), lt("createdAt", 1_200L)),
        and(eq("communityId", "C-1"), gte("createdAt", 1_100L), gt("createdAt", 1_100.0)),
        and(eq("communityId", "C-1"), lte("createdAt", 1_150L), lt("createdAt", 1_150L)),
        and(gte("outbox.time", 1_020L), gte("outbox.time", 1_040L), lt("outbox.time", 1_060)),
        // an array's elements may each meet one bound: {time: [1 010, 1 090]} matches both
        new Document("outbox.time", new Document("$gt", 1_080L).append("$lt", 1_020L)),
        and(gte("sequence", 2), lt("sequence", 4)),
        and(eq("communityId", "C-0"), gte("createdAt", "a")),
        and(eq("communityId", "C-4"), eq("sequence", 2), gte("createdAt", 1_100L)),
        and(eq("communityId", "C-4"), eq("sequence", 3), lt("createdAt", 1_400L)),
        lt("outbox.time", 1_050L),
        and(exists("outbox.0"), lt("outbox.time", 1_030L)),
        and(gte("outbox.time", 1_020L), lte("outbox.time", 1_022L)),
        gt("outbox.time", 2_000L),
        eq("tags", "t1"),
        eq("tags", "t3"),
        in("tags", "t0", "t2"),
        eq("hash", "h17"),
        and(eq("hash", "h18"), eq("sequence", 0)),
        in("hash", "h1", "h2", "nope"),
        eq("hash", "h20"),
        eq("hash", "h-changed-20"),
        eq("hash", "h21"),
        eq("hash", "h22"),
        eq("hash", "h23"),
        eq("hash", "h-new"),
        eq("_id", "O-23"),
        eq("_id", "O-24"),
        eq("_id", "O-new-2"),
        eq("_id", "O-new"),
        or(eq("residentId", "R-2"), eq("communityId", "C-3")),
        new Document("residentId", new Document("$eq", "R-5")),
        new Document(
            "$and", List.of(new Document("$and", List.of(new Document("residentId", "R-6"))))));
  }

  private static List<Object> ids(Iterable<Document> documents) {
    List<Object> ids = new ArrayList<>();
    documents.forEach(d -> ids.add(d.get("_id")));
    return ids;
  }

  private static void assertSameAnswers(
      MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
    for (Bson query : queries()) {
      // sorts the compound index serves in its order, backwards, and one it does not
      for (Bson sort :
          List.of(
              Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")),
              Sorts.descending("createdAt", "_id"),
              Sorts.ascending("createdAt", "_id"))) {
        assertThat(ids(indexed.find(query).sort(sort)))
            .as("find %s sorted %s", query, sort)
            .isEqualTo(ids(scanned.find(query).sort(sort)));
        assertThat(ids(indexed.find(query).sort(sort).skip(2).limit(3)))
            .as("page of %s sorted %s", query, sort)
            .isEqualTo(ids(scanned.find(query).sort(sort).skip(2).limit(3)));
      }
      assertThat(indexed.countDocuments(query))
          .as("count %s", query)
          .isEqualTo(scanned.countDocuments(query));
    }
    for (Bson query :
        List.of(in("_id", "O-9", "O-1", "O-404", "O-5"), in("hash", "h9", "h1", "h5"))) {
      assertThat(ids(indexed.find(query)))
          .as("unsorted %s", query)
          .isEqualTo(ids(scanned.find(query)));
    }
    assertThat(indexed.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
        .isEqualTo(scanned.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
  }

  @Test
  void answersEveryQueryLikeTheScanningBackend_beforeAndAfterWritesAndAReopen() {
    Path file = dir.resolve("indexed.mv");
    MongoCollection<Document> indexed = orders(new IndexedH2Backend(file.toString()));
    MongoCollection<Document> scanned = orders(H2Backend.inMemory());
    for (MongoCollection<Document> collection : List.of(indexed, scanned)) {
      collection.insertMany(documents(42, 150).subList(0, 100));
      indexes(collection); // on existing documents: built from the collection
      collection.insertMany(documents(42, 150).subList(100, 150)); // and kept up to date
    }
    assertSameAnswers(indexed, scanned);

    for (MongoCollection<Document> collection : List.of(indexed, scanned)) {
      // the writes the platform makes: sequence-guarded upserts, outbox pulls, moves, deletes
      for (int i = 0; i < 60; i += 3) {
        try {
          collection.updateOne(
              and(eq("_id", "O-" + i), lt("sequence", 4)),
              Updates.combine(Updates.set("sequence", 4), Updates.set("residentId", "R-moved")),
              new com.mongodb.client.model.UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException duplicate) {
          // newer copy already there: exactly what the projection relies on
        }
      }
      collection.updateMany(lt("outbox.time", 1_040L), Updates.pull("outbox", lt("time", 1_040L)));
      collection.updateMany(eq("tags", "t2"), Updates.unset("tags"));
      collection.deleteMany(in("residentId", "R-7", "R-8"));
      collection.updateOne(
          eq("_id", "O-new"),
          Updates.set("residentId", "R-3"),
          new com.mongodb.client.model.UpdateOptions().upsert(true));
      // unique keys that change, clash, or go away
      collection.updateOne(eq("_id", "O-20"), Updates.set("hash", "h-changed-20"));
      collection.deleteOne(eq("_id", "O-23"));
      collection.insertOne(new Document("_id", "O-23").append("hash", "h23").append("sequence", 1));
      for (Runnable clash :
          List.<Runnable>of(
              () -> collection.updateOne(eq("_id", "O-21"), Updates.set("hash", "h22")),
              () -> collection.insertOne(new Document("_id", "O-24").append("hash", "h-new")),
              () -> collection.insertOne(new Document("_id", "O-new-2").append("hash", "h25")))) {
        try {
          clash.run();
        } catch (com.mongodb.MongoWriteException duplicate) {
          // refused by the unique index; nothing may have changed
        }
      }
    }
    assertSameAnswers(indexed, scanned);
    assertThat(indexed.countDocuments(eq("residentId", "R-moved"))).isPositive();

    servers.get(0).shutdownNow();
    clients.get(0).close();
    MongoCollection<Document> reopened = orders(new IndexedH2Backend(file.toString()));
    assertSameAnswers(reopened, scanned);
  }

  /**
   * The secondary indexes are kept in the file with the documents, and every acknowledged write is
   * in it whole: a copy of the file taken while the server runs (what a {@code kill -9} leaves)
   * opens with its indexes as they were — found in the file, not rebuilt from the documents — and
   * answers like the scanning backend, counts included.
   */
  @Test
  void theFileAsAnAcknowledgedWriteLeftItHoldsTheIndexes_andServesFromThemWithoutARebuild()
      throws Exception {
    Path file = dir.resolve("running.mv");
    MongoCollection<Document> indexed = orders(new IndexedH2Backend(file.toString()));
    MongoCollection<Document> scanned = orders(H2Backend.inMemory());
    for (MongoCollection<Document> collection : List.of(indexed, scanned)) {
      indexes(collection);
      collection.insertMany(documents(9, 150));
      collection.deleteMany(in("residentId", "R-1", "R-2"));
      collection.updateMany(eq("communityId", "C-3"), Updates.set("sequence", 5));
    }
    Path crashed = dir.resolve("crashed.mv");
    java.nio.file.Files.copy(file, crashed); // the server still runs: nothing closed or flushed

    try (org.h2.mvstore.MVStore raw =
        new org.h2.mvstore.MVStore.Builder().fileName(crashed.toString()).readOnly().open()) {
      long inFile =
          raw.getMapNames().stream()
              .filter(name -> name.endsWith("._index_communityId_1_createdAt_-1__id_-1"))
              .mapToLong(
                  name ->
                      raw.openMap(
                              name,
                              new org.h2.mvstore.MVMap.Builder<SecondaryKey, Boolean>()
                                  .keyType(
                                      new SecondaryKeyType(
                                          List.of(
                                              new de.bwaldvogel.mongo.backend.IndexKey(
                                                  "createdAt", false),
                                              new de.bwaldvogel.mongo.backend.IndexKey(
                                                  "_id", false)))))
                          .sizeAsLong())
              .sum();
      assertThat(inFile)
          .as("the community index's entries in the file")
          .isEqualTo(scanned.countDocuments(exists("communityId")));
    }
    IndexedH2Backend reopened = new IndexedH2Backend(crashed.toString());
    MongoCollection<Document> fromCopy = orders(reopened);
    assertSameAnswers(fromCopy, scanned);
  }

  /**
   * Documents are kept in the file as BSON ({@link BsonDocumentType}): every value type the
   * services write reads back equal after the file is closed and reopened, and a document larger
   * than a page's usual share too.
   */
  @Test
  void keepsEveryValueTypeAcrossAReopen() {
    Path file = dir.resolve("types.mv");
    MongoCollection<Document> first = orders(new IndexedH2Backend(file.toString()));
    List<Document> written = new ArrayList<>();
    written.add(
        new Document("_id", "T-1")
            .append("text", "独居老人居家照护：需要上门助浴")
            .append("int", 7)
            .append("long", 1L << 40)
            .append("double", 0.1 + 0.2)
            .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("12.345")))
            .append("yes", true)
            .append("nothing", null)
            .append("when", new java.util.Date(1_764_633_600_123L))
            .append("objectId", new org.bson.types.ObjectId("5f2b3c4d5e6f708192a3b4c5"))
            .append("bytes", new org.bson.types.Binary(new byte[] {0, 1, 2, (byte) 255}))
            .append(
                "nested",
                new Document("outbox", List.of(new Document("id", "E-1").append("sequence", 1))))
            .append("list", List.of("a", 1, List.of(2L, "b"))));
    written.add(new Document("_id", 42L).append("large", "长".repeat(200_000)));
    first.insertMany(written);
    first.updateOne(eq("_id", "T-1"), Updates.set("nested.outbox.0.sequence", 2));
    written
        .get(0)
        .get("nested", Document.class)
        .getList("outbox", Document.class)
        .get(0)
        .put("sequence", 2);

    servers.get(0).shutdownNow();
    clients.get(0).close();
    MongoCollection<Document> reopened = orders(new IndexedH2Backend(file.toString()));

    assertThat(reopened.find(eq("_id", "T-1")).first()).isEqualTo(written.get(0));
    assertThat(reopened.find(eq("_id", 42L)).first()).isEqualTo(written.get(1));

    // and in the file they are BSON: read straight from the store with nothing but the BSON type
    servers.get(1).shutdownNow();
    org.h2.mvstore.MVStore store = org.h2.mvstore.MVStore.open(file.toString());
    try {
      org.h2.mvstore.MVMap<Object, de.bwaldvogel.mongo.bson.Document> data =
          store.openMap(
              "databases.test.orders",
              new org.h2.mvstore.MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                  .valueType(BsonDocumentType.INSTANCE));
      assertThat(data.get("T-1").get("text")).isEqualTo("独居老人居家照护：需要上门助浴");
      assertThat(data.get("T-1").get("long")).isEqualTo(1L << 40);
    } finally {
      store.close();
    }
  }

  /**
   * A file whose {@code _id} index was written under H2's default key order (the versions before
   * {@link KeyValueType}: keys compared by their Java-serialized bytes) is re-sorted when opened:
   * every key is found by the index's own B-tree again, which the uniqueness check searches — each
   * id inserted a second time is refused — and the index is marked, so the next open leaves it.
   */
  @Test
  void reSortsAUniqueIndexWrittenUnderTheOldKeyOrderOnce() {
    Path file = dir.resolve("old-order.mv");
    MongoCollection<Document> first = orders(new IndexedH2Backend(file.toString()));
    List<Object> ids = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ids.add("O-" + (i * 7919) % 100_000); // lengths differ: the old order put shorter first
    }
    for (long i = 0; i < 50; i++) {
      ids.add(i * 1_000_003L);
    }
    for (Object id : ids) {
      first.insertOne(new Document("_id", id).append("n", 1));
    }
    servers.get(0).shutdownNow();
    clients.get(0).close();

    // the index as an earlier version left it: its keys under H2's default order, no mark
    org.h2.mvstore.MVStore store = org.h2.mvstore.MVStore.open(file.toString());
    String name = "test.orders._index__id_";
    try {
      assertThat(store.getMapNames()).contains(name);
      org.h2.mvstore.MVMap<Object, Object> index = store.openMap(name);
      List<java.util.Map.Entry<Object, Object>> entries = new ArrayList<>();
      index.entrySet().forEach(e -> entries.add(java.util.Map.entry(e.getKey(), e.getValue())));
      assertThat(entries).hasSize(ids.size());
      index.clear();
      entries.forEach(e -> index.put(e.getKey(), e.getValue()));
      org.h2.mvstore.MVMap<String, String> marks = store.openMap(IndexedH2Database.KEY_ORDER);
      assertThat(marks.remove(name)).isEqualTo("values");
    } finally {
      store.close();
    }

    MongoCollection<Document> reopened = orders(new IndexedH2Backend(file.toString()));
    assertThat(reopened.countDocuments()).isEqualTo(ids.size());
    List<Object> accepted = new ArrayList<>();
    for (Object id : ids) {
      try {
        reopened.insertOne(new Document("_id", id).append("n", 2));
        accepted.add(id);
      } catch (com.mongodb.MongoWriteException duplicate) {
        assertThat(duplicate.getError().getCode()).isEqualTo(11000);
      }
    }
    assertThat(accepted).as("ids inserted twice").isEmpty();
    reopened.deleteOne(eq("_id", ids.get(0)));
    assertThat(reopened.find(eq("_id", ids.get(0))).first()).isNull();
    assertThat(reopened.countDocuments()).isEqualTo(ids.size() - 1);
  }

  /**
   * A community's page, newest first, is read from the compound index like MongoDB reads it: the
   * page's documents and no more, and its total from the index alone; a sort the index does not
   * hold reads every candidate (so the counter is not blind).
   */
  @Test
  void aCommunityPageReadsThePageNotTheCommunity_andItsCountReadsNothing() {
    IndexedH2Backend backend = new IndexedH2Backend(dir.resolve("pages.mv").toString());
    MongoCollection<Document> orders = orders(backend);
    indexes(orders);
    Random random = new Random(7);
    List<Document> all = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      all.add(
          new Document("_id", String.format("O-%04d", i))
              .append("hash", "h" + i)
              .append("communityId", "C-" + (i % 4))
              .append("status", random.nextInt(3) == 0 ? "SUBMITTED" : "DONE")
              .append("sequence", random.nextInt(9))
              .append("createdAt", 1_000L + random.nextInt(300)));
    }
    orders.insertMany(all);
    IndexedH2Collection stored =
        (IndexedH2Collection) backend.resolveDatabase("test").resolveCollection("orders", false);
    List<Document> community =
        all.stream()
            .filter(d -> d.get("communityId").equals("C-1"))
            .sorted(
                java.util.Comparator.comparing((Document d) -> d.getLong("createdAt"))
                    .thenComparing(d -> d.getString("_id"))
                    .reversed())
            .toList();

    long before = stored.documentsRead();
    List<Object> page =
        ids(
            orders
                .find(eq("communityId", "C-1"))
                .sort(Sorts.descending("createdAt", "_id"))
                .skip(20)
                .limit(20));
    assertThat(page).isEqualTo(ids(community.subList(20, 40)));
    assertThat(stored.documentsRead() - before)
        .as("documents read for the second page")
        .isEqualTo(40);

    before = stored.documentsRead();
    assertThat(orders.countDocuments(eq("communityId", "C-1"))).isEqualTo(community.size());
    assertThat(stored.documentsRead() - before).as("documents read for the count").isZero();

    orders.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("communityId", "status"), Indexes.descending("createdAt", "_id")));
    before = stored.documentsRead();
    assertThat(orders.countDocuments(and(eq("communityId", "C-1"), eq("status", "SUBMITTED"))))
        .isEqualTo(community.stream().filter(d -> d.get("status").equals("SUBMITTED")).count());
    assertThat(stored.documentsRead() - before).as("documents read for a status's count").isZero();

    before = stored.documentsRead();
    List<Object> submitted =
        ids(
            orders
                .find(and(eq("communityId", "C-1"), eq("status", "SUBMITTED")))
                .sort(Sorts.ascending("createdAt", "_id"))
                .limit(20));
    List<Document> oldestFirst = new ArrayList<>(community);
    java.util.Collections.reverse(oldestFirst);
    List<Document> expected =
        oldestFirst.stream().filter(d -> d.get("status").equals("SUBMITTED")).limit(20).toList();
    assertThat(submitted).isEqualTo(ids(expected));
    assertThat(stored.documentsRead() - before)
        .as("read from the status's own index: the page only")
        .isEqualTo(20);

    before = stored.documentsRead();
    List<Object> window =
        ids(
            orders
                .find(
                    and(
                        eq("communityId", "C-1"),
                        gte("createdAt", 1_100L),
                        lt("createdAt", 1_150L)))
                .sort(Sorts.descending("createdAt", "_id")));
    List<Document> inWindow =
        community.stream()
            .filter(d -> d.getLong("createdAt") >= 1_100L && d.getLong("createdAt") < 1_150L)
            .toList();
    assertThat(inWindow).isNotEmpty();
    assertThat(window).isEqualTo(ids(inWindow));
    assertThat(stored.documentsRead() - before)
        .as("a range of the community's time: its documents only")
        .isEqualTo(inWindow.size());

    before = stored.documentsRead();
    orders
        .find(eq("communityId", "C-1"))
        .sort(Sorts.ascending("_id"))
        .limit(20)
        .into(new ArrayList<>());
    assertThat(stored.documentsRead() - before)
        .as("a sort the index does not hold")
        .isEqualTo(community.size());
  }
}
