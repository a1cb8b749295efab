package org.fourinone.testing;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.not;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.testing.IndexUse.Index;
import org.fourinone.testing.IndexUse.Query;
import org.fourinone.testing.IndexUse.Sort;
import org.fourinone.testing.IndexUse.Verdict;
import org.junit.jupiter.api.Test;

/** The planner's rules as IndexUse applies them, on the index shapes the services declare. */
class IndexUseTest {

  /** The orders collection's indexes (order-contract's Orders). */
  static final List<Index> ORDERS =
      List.of(
          Index.on("resident_newest_first", "residentId", 1, "createdAtMillis", -1, "_id", -1),
          Index.on("community_newest_first", "communityId", 1, "createdAtMillis", -1, "_id", -1),
          Index.on(
              "assignee_newest_first", "assignment.assignee", 1, "createdAtMillis", -1, "_id", -1),
          Index.on(
              "assignee_organisation_newest_first",
              "assignment.organisationId",
              1,
              "createdAtMillis",
              -1,
              "_id",
              -1));

  static final Bson NEWEST_FIRST = descending("createdAtMillis", "_id");

  @Test
  void servesAResidentsListNewestFirstAndItsPagesFromTheCompoundIndex() {
    Verdict first = judge(page(eq("residentId", "R-1"), NEWEST_FIRST));
    assertThat(first.served()).as(first.toString()).isTrue();
    assertThat(first.sort()).isEqualTo(Sort.FROM_INDEX);
    assertThat(first.indexes()).extracting(Index::name).containsExactly("resident_newest_first");

    Verdict after =
        judge(
            page(
                and(eq("residentId", "R-1"), lt("createdAtMillis", 1_700_000_000_000L)),
                NEWEST_FIRST));
    assertThat(after.served()).as(after.toString()).isTrue();
    assertThat(after.sort()).isEqualTo(Sort.FROM_INDEX);

    Verdict oldestFirst = judge(page(eq("residentId", "R-1"), ascending("createdAtMillis", "_id")));
    assertThat(oldestFirst.sort()).as("read backwards").isEqualTo(Sort.FROM_INDEX);
    assertThat(oldestFirst.served()).isTrue();
  }

  @Test
  void servesAQueueNarrowedByFieldsOutsideTheIndexWithTheSortStillFromIt() {
    Verdict verdict =
        judge(
            page(
                and(
                    eq("communityId", "C-1"),
                    and(eq("status", "SUBMITTED"), gte("createdAtMillis", 5L))),
                NEWEST_FIRST));
    assertThat(verdict.served()).as(verdict.toString()).isTrue();
    assertThat(verdict.sort()).isEqualTo(Sort.FROM_INDEX);
    assertThat(verdict.indexes()).extracting(Index::name).containsExactly("community_newest_first");
    assertThat(verdict.throughIndexOn("communityId")).isTrue();
    assertThat(verdict.throughIndexOn("streetId")).isFalse();
    assertThat(verdict.query().tests("status")).isTrue();
    assertThat(verdict.query().tests("streetId")).isFalse();
  }

  @Test
  void tellsAScopeReadThroughItsOwnIndexFromOneThroughAFieldEveryScopeShares() {
    List<Index> volunteers =
        List.of(Index.on("match", "status", 1, "skills", 1), Index.on("serves", "communityIds", 1));
    Verdict community =
        judge(
            Query.find("volunteers", bson(and(eq("communityIds", "C-1"), eq("status", "ACTIVE")))),
            volunteers);
    assertThat(community.served()).isTrue();
    assertThat(community.throughIndexOn("communityIds")).as(community.toString()).isTrue();
    assertThat(community.reason()).contains("as well");

    Verdict street =
        judge(
            Query.find("volunteers", bson(and(eq("streetIds", "S-1"), eq("status", "ACTIVE")))),
            volunteers);
    assertThat(street.served()).as("by the status index").isTrue();
    assertThat(street.throughIndexOn("streetIds")).as(street.toString()).isFalse();
  }

  @Test
  void failsAFilterOnAnUnindexedField() {
    Verdict verdict = judge(Query.find("orders", bson(eq("status", "SUBMITTED"))));
    assertThat(verdict.served()).isFalse();
    assertThat(verdict.indexes()).isEmpty();
    assertThat(verdict.reason()).startsWith("collection scan").contains("status");
    assertThat(verdict.throughIndexOn("status")).isFalse();
  }

  @Test
  void failsAFieldThatIsOnlyASecondKey() {
    Verdict verdict = judge(Query.find("orders", bson(gte("createdAtMillis", 5L))));
    assertThat(verdict.served()).as(verdict.toString()).isFalse();
  }

  @Test
  void failsAnEmptyFilterAndConditionsThatBoundNoIndex() {
    assertThat(judge(Query.find("orders", new BsonDocument())).reason())
        .isEqualTo("collection scan: no filter");
    for (Bson unbounded :
        List.of(
            ne("residentId", "R-1"),
            exists("residentId", false),
            not(eq("residentId", "R-1")),
            in("residentId", Pattern.compile("R-")),
            new Document("$expr", new Document("$eq", List.of("$residentId", "R-1"))))) {
      Verdict verdict = judge(Query.find("orders", bson(unbounded)));
      assertThat(verdict.served()).as(verdict.toString()).isFalse();
    }
  }

  @Test
  void servesOnlyACaseSensitiveRegexAnchoredToALiteralPrefix() {
    List<Index> byName = List.of(Index.on("name", "name", 1));
    assertThat(judge(Query.find("residents", bson(regex("name", "^李"))), byName).served()).isTrue();
    assertThat(judge(Query.find("residents", bson(regex("name", "李"))), byName).served()).isFalse();
    assertThat(judge(Query.find("residents", bson(regex("name", ".*李"))), byName).served())
        .isFalse();
    assertThat(judge(Query.find("residents", bson(regex("name", "^李", "i"))), byName).served())
        .isFalse();
    Document asOperator = new Document("name", new Document("$regex", "^李").append("$options", ""));
    assertThat(judge(Query.find("residents", bson(asOperator)), byName).served()).isTrue();
    Document unanchored = new Document("name", new Document("$regex", "建国"));
    assertThat(judge(Query.find("residents", bson(unanchored)), byName).served()).isFalse();
  }

  @Test
  void servesAnOrOnlyWhenEveryBranchHasAnIndex() {
    Verdict both = judge(page(or(eq("communityId", "C-1"), eq("residentId", "R-1")), NEWEST_FIRST));
    assertThat(both.served()).as(both.toString()).isTrue();
    assertThat(both.sort()).as("merged in order").isEqualTo(Sort.FROM_INDEX);
    assertThat(both.indexes())
        .extracting(Index::name)
        .containsExactly("community_newest_first", "resident_newest_first");

    Verdict oneUnindexed =
        judge(page(or(eq("communityId", "C-1"), eq("streetId", "S-1")), NEWEST_FIRST));
    assertThat(oneUnindexed.served()).as(oneUnindexed.toString()).isFalse();
    assertThat(oneUnindexed.reason()).contains("$or branch").contains("streetId");
  }

  @Test
  void servesAnOrganisationsQueueAsTheTerritoryBuildsItWithFiltersAroundTheOr() {
    Bson assigned =
        or(
            and(eq("assignment.assigneeType", "ORGANISATION"), eq("assignment.assignee", "ORG-1")),
            eq("assignment.organisationId", "ORG-1"));
    Verdict verdict = judge(page(and(assigned, and(eq("status", "ASSIGNED"))), NEWEST_FIRST));
    assertThat(verdict.served()).as(verdict.toString()).isTrue();
    assertThat(verdict.sort()).isEqualTo(Sort.FROM_INDEX);
  }

  @Test
  void failsASortNoIndexGivesUnlessTheResultIsLimited() {
    Bson filter = eq("residentId", "R-1");
    Query unlimited = Query.find("orders", bson(filter)).sortedBy(bson(ascending("status")));
    Verdict verdict = judge(unlimited);
    assertThat(verdict.served()).as(verdict.toString()).isFalse();
    assertThat(verdict.sort()).isEqualTo(Sort.IN_MEMORY);
    assertThat(verdict.reason()).contains("without a limit");

    Verdict topOfAPage = judge(unlimited.withLimit());
    assertThat(topOfAPage.served()).as(topOfAPage.toString()).isTrue();
    assertThat(topOfAPage.sort()).isEqualTo(Sort.IN_MEMORY);

    // one key reversed and the other not: neither the index's order nor its reverse
    Verdict mixed =
        judge(
            Query.find("orders", bson(filter))
                .sortedBy(bson(orderBy(descending("createdAtMillis"), ascending("_id")))));
    assertThat(mixed.sort()).isEqualTo(Sort.IN_MEMORY);
    assertThat(mixed.served()).isFalse();

    // a range on the first key leaves the second unordered
    Verdict range =
        judge(Query.find("orders", bson(gte("residentId", "R-1"))).sortedBy(bson(NEWEST_FIRST)));
    assertThat(range.sort()).isEqualTo(Sort.IN_MEMORY);
  }

  @Test
  void mergesAFewInValuesInSortOrder() {
    Verdict verdict =
        judge(
            Query.find("orders", bson(in("communityId", "C-1", "C-2")))
                .sortedBy(bson(NEWEST_FIRST)));
    assertThat(verdict.sort()).as(verdict.toString()).isEqualTo(Sort.FROM_INDEX);
    assertThat(verdict.served()).isTrue();
  }

  @Test
  void walksAnIndexInSortOrderForAPageOfEverythingButNotForAFilterOutsideIt() {
    List<Index> withNewest =
        List.of(Index.on("newest_first", "createdAtMillis", -1, "_id", -1), ORDERS.get(0));
    Query everything = Query.find("orders", new BsonDocument()).sortedBy(bson(NEWEST_FIRST));
    assertThat(judge(everything.withLimit(), withNewest).served()).isTrue();
    assertThat(judge(everything.withLimit(), withNewest).sort()).isEqualTo(Sort.FROM_INDEX);
    assertThat(judge(everything.withLimit()).served()).as("no such index").isFalse();
    assertThat(judge(everything, withNewest).served())
        .as("without a limit it reads the whole collection")
        .isFalse();
    Query filtered =
        Query.find("orders", bson(eq("status", "SUBMITTED"))).sortedBy(bson(NEWEST_FIRST));
    assertThat(judge(filtered.withLimit(), withNewest).served()).isFalse();
  }

  @Test
  void countsExistsOnlyOnASparseIndex() {
    Query ratedFirst =
        Query.find("dispatches", bson(exists("acceptMillis")))
            .sortedBy(bson(ascending("acceptMillis")));
    List<Index> plain = List.of(Index.on("acceptMillis", "acceptMillis", 1));
    assertThat(judge(ratedFirst, plain).served()).isFalse();
    assertThat(judge(ratedFirst.withLimit(), plain).served())
        .as("walked in order up to the limit")
        .isTrue();
    assertThat(judge(ratedFirst, List.of(plain.get(0).sparsely())).served()).isTrue();
  }

  @Test
  void readsConditionsInsideElemMatchAsTheArraysFields() {
    List<Index> bySignup = List.of(Index.on("volunteer", "shifts.signups.volunteerId", 1));
    Bson filter = elemMatch("shifts", elemMatch("signups", eq("volunteerId", "V-1")));
    assertThat(judge(Query.find("activities", bson(filter)), bySignup).served()).isTrue();
    assertThat(
            judge(Query.find("activities", bson(elemMatch("shifts", eq("start", "x")))), bySignup)
                .served())
        .isFalse();
  }

  @Test
  void alwaysHasTheIdIndexAndNeverChoosesAPartialOne() {
    assertThat(judge(Query.find("orders", bson(eq("_id", "O-1"))), List.of()).served()).isTrue();
    Index partial =
        Index.of(
            new Document("v", 2)
                .append("key", new Document("status", 1))
                .append("name", "open")
                .append("partialFilterExpression", new Document("status", "SUBMITTED")));
    assertThat(
            judge(Query.find("orders", bson(eq("status", "SUBMITTED"))), List.of(partial)).served())
        .isFalse();
    Index text =
        Index.of(
            new Document("key", new Document("_fts", "text").append("_ftsx", 1))
                .append("name", "t"));
    assertThat(judge(Query.find("orders", bson(eq("_fts", "x"))), List.of(text)).served())
        .isFalse();
  }

  @Test
  void readsIndexesAsListIndexesReturnsThem() {
    Index index =
        Index.of(
            new Document("v", 2)
                .append("key", new Document("communityId", 1).append("createdAtMillis", -1.0))
                .append("name", "community_newest_first")
                .append("sparse", true));
    assertThat(index.name()).isEqualTo("community_newest_first");
    assertThat(index.keys())
        .containsExactly(
            java.util.Map.entry("communityId", 1), java.util.Map.entry("createdAtMillis", -1));
    assertThat(index.sparse()).isTrue();
    assertThat(index.partial()).isFalse();
  }

  @Test
  void findsTheQueriesOfEachCommandThatSelectsDocuments() {
    BsonDocument find =
        BsonDocument.parse(
            "{find: 'orders', filter: {residentId: 'R-1'}, sort: {createdAtMillis: -1, _id: -1},"
                + " skip: 20, limit: 20, $db: 'x'}");
    assertThat(IndexUse.queriesOf(find))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.collection()).isEqualTo("orders");
              assertThat(q.filter()).isEqualTo(BsonDocument.parse("{residentId: 'R-1'}"));
              assertThat(q.sort()).isEqualTo(BsonDocument.parse("{createdAtMillis: -1, _id: -1}"));
              assertThat(q.limited()).isTrue();
            });
    assertThat(
            IndexUse.queriesOf(BsonDocument.parse("{find: 'orders', filter: {}}")).get(0).limited())
        .isFalse();

    BsonDocument countDocuments =
        BsonDocument.parse(
            "{aggregate: 'orders', pipeline: [{$match: {status: 'SUBMITTED'}},"
                + " {$group: {_id: 1, n: {$sum: 1}}}], cursor: {}}");
    assertThat(IndexUse.judge(countDocuments, c -> ORDERS))
        .singleElement()
        .satisfies(v -> assertThat(v.served()).isFalse());

    BsonDocument sortedAggregate =
        BsonDocument.parse(
            "{aggregate: 'orders', pipeline: [{$match: {communityId: 'C-1'}},"
                + " {$sort: {status: 1}}, {$skip: 5}, {$limit: 1}]}");
    Query q = IndexUse.queriesOf(sortedAggregate).get(0);
    assertThat(q.sort()).isEqualTo(BsonDocument.parse("{status: 1}"));
    assertThat(q.limited()).isTrue();

    BsonDocument groupFirst =
        BsonDocument.parse("{aggregate: 'orders', pipeline: [{$group: {_id: '$status'}}]}");
    assertThat(IndexUse.judge(groupFirst, c -> ORDERS).get(0).reason())
        .isEqualTo("collection scan: no filter");

    BsonDocument lookup =
        BsonDocument.parse(
            "{aggregate: 'orders', pipeline: [{$match: {residentId: 'R-1'}}, {$facet: {a: [{$lookup:"
                + " {from: 'residents', localField: 'residentId', foreignField: 'name', as: 'r'}}]}}]}");
    assertThat(IndexUse.judge(lookup, c -> c.equals("orders") ? ORDERS : List.of()))
        .extracting(v -> v.query().collection(), Verdict::served)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders", true),
            org.assertj.core.groups.Tuple.tuple("residents", false));

    assertThat(
            IndexUse.judge(
                    BsonDocument.parse(
                        "{update: 'orders', updates: [{q: {_id: 'O-1'}, u: {}},"
                            + " {q: {status: 'X'}, u: {}, multi: true}]}"),
                    c -> ORDERS)
                .stream()
                .map(Verdict::served))
        .containsExactly(true, false);
    assertThat(
            IndexUse.judge(
                BsonDocument.parse(
                    "{delete: 'orders', deletes: [{q: {residentId: 'R-1'}, limit: 0}]}"),
                c -> ORDERS))
        .singleElement()
        .satisfies(v -> assertThat(v.served()).isTrue());
    assertThat(
            IndexUse.queriesOf(
                    BsonDocument.parse(
                        "{findAndModify: 'orders', query: {status: 'X'}, sort: {createdAtMillis: 1}}"))
                .get(0)
                .limited())
        .isTrue();
    assertThat(IndexUse.judge(BsonDocument.parse("{count: 'orders'}"), c -> List.of()))
        .as("no query: the collection's metadata")
        .isEmpty();
    assertThat(
            IndexUse.judge(
                BsonDocument.parse("{distinct: 'orders', key: 'communityId', query: {}}"),
                c -> ORDERS))
        .singleElement()
        .satisfies(v -> assertThat(v.served()).as(v.toString()).isTrue());
    assertThat(
            IndexUse.judge(BsonDocument.parse("{distinct: 'orders', key: 'status'}"), c -> ORDERS))
        .singleElement()
        .satisfies(v -> assertThat(v.served()).isFalse());
    for (String notAQuery :
        List.of(
            "{insert: 'orders', documents: [{_id: 1}]}",
            "{getMore: 1, collection: 'orders'}",
            "{listIndexes: 'orders'}",
            "{aggregate: 1, pipeline: [{$currentOp: {}}]}",
            "{ping: 1}")) {
      assertThat(IndexUse.queriesOf(BsonDocument.parse(notAQuery))).as(notAQuery).isEmpty();
    }
  }

  @Test
  void reportsEveryVerdictOnALineOfItsOwn() {
    Verdict served = judge(Query.find("orders", bson(eq("residentId", "R-1"))));
    Verdict scan = judge(Query.find("orders", bson(eq("status", "SUBMITTED"))));
    assertThat(IndexUse.report(List.of(served, scan)))
        .contains("INDEX find orders {\"residentId\": \"R-1\"} -> index resident_newest_first")
        .contains("SCAN  find orders {\"status\": \"SUBMITTED\"} -> collection scan");
    assertThat(IndexUse.report(List.of())).isEqualTo("no reads captured");
  }

  private static Query page(Bson filter, Bson sort) {
    return Query.find("orders", bson(filter)).sortedBy(bson(sort)).withLimit();
  }

  private static Verdict judge(Query query) {
    return IndexUse.judge(query, ORDERS);
  }

  private static Verdict judge(Query query, List<Index> indexes) {
    return IndexUse.judge(query, indexes);
  }

  private static BsonDocument bson(Bson bson) {
    return bson.toBsonDocument();
  }
}
