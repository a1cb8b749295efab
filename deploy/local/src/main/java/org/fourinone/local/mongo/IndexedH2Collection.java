package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.MVMap;

/**
 * The library's H2 collection, reading a sorted page the way MongoDB reads it from a compound
 * index: when the index's candidates come in the order the query sorts by ({@link
 * OrderedPositions}), the documents are read in that order and reading stops at the page's end,
 * instead of reading, matching and sorting every candidate; and a query that is one equality on an
 * indexed field is counted from the index ({@link OrderedSecondaryIndex#exactCount}). The results
 * are the library's own — the same matcher, skip and limit; only the number of documents read
 * changes.
 */
final class IndexedH2Collection extends H2Collection {

  /** Documents read by a query or count: what the index spares (tests read it). */
  private final LongAdder documentsRead = new LongAdder();

  IndexedH2Collection(
      MongoDatabase database,
      String collectionName,
      CollectionOptions options,
      MVMap<Object, Document> dataMap,
      MVMap<String, Object> metaMap,
      CursorRegistry cursorRegistry) {
    super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
  }

  long documentsRead() {
    return documentsRead.sum();
  }

  @Override
  protected Document getDocument(Object position) {
    documentsRead.increment();
    return super.getDocument(position);
  }

  /**
   * The library takes the first index that can handle the query; among the secondary indexes this
   * takes the one a sorted page reads least from ({@link OrderedSecondaryIndex#rank}: one whose
   * order is the sort's, then the one whose leading keys the query fixes most), as MongoDB's
   * planner prefers {@code {communityId, status, createdAtMillis}} over {@code {communityId,
   * createdAtMillis}} for a community's queue of one status. The ranking reads no positions. A
   * unique index that handles the query before any secondary one is still the library's choice.
   */
  @Override
  protected QueryResult queryDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    OrderedSecondaryIndex best = null;
    int bestRank = -1;
    for (Index<Object> index : getIndexes()) {
      if (!index.canHandle(query)) {
        continue;
      }
      if (index instanceof OrderedSecondaryIndex secondary) {
        int rank = secondary.rank(query, orderBy);
        if (rank > bestRank) {
          best = secondary;
          bestRank = rank;
        }
      } else if (best == null) {
        break;
      }
    }
    if (best == null) {
      return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
    return matchDocuments(
        query, best.getPositions(query), orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }

  @Override
  protected QueryResult matchDocuments(
      Document query,
      Iterable<Object> positions,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    if (positions instanceof OrderedPositions ordered) {
      Iterable<Object> inOrder = ordered.inOrderOf(orderBy);
      if (inOrder != null) {
        // no sort: the stream of documents stays lazy and the limit ends the reading
        return super.matchDocuments(
            query, inOrder, null, numberToSkip, limit, batchSize, fieldSelector);
      }
    }
    return super.matchDocuments(
        query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }

  @Override
  public synchronized int count(Document query, int skip, int limit) {
    if (query != null) {
      for (Index<Object> index : getIndexes()) {
        if (index instanceof OrderedSecondaryIndex secondary) {
          int count = secondary.exactCount(query);
          if (count >= 0) {
            count = skip > 0 ? Math.max(0, count - skip) : count;
            return limit > 0 ? Math.min(limit, count) : count;
          }
        }
      }
    }
    return super.count(query, skip, limit);
  }
}
