package org.fourinone.local.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * The local stack's MongoDB stand-in: {@code mongo-java-server}'s H2 backend, made durable per
 * write and given the query planning the platform relies on in MongoDB.
 *
 * <ul>
 *   <li><b>Commit before acknowledging, whole commands only.</b> MVStore writes its changes to the
 *       file on commit, by default about once a second, so a {@code kill -9} lost what was written
 *       in the last second. Every command that writes is committed before its reply goes out
 *       (concurrent writers share a commit: MVStore's commit takes whatever is pending). MVStore's
 *       own background commit is off and a commit waits for the commands being applied, so the file
 *       never holds half a command — a document without its index entries. Not an fsync: an OS
 *       crash can still lose the tail.
 *   <li><b>Indexes that serve queries.</b> The library uses a unique index only for a query on
 *       exactly its fields and ignores non-unique indexes, so every query with one more condition —
 *       the projections' {@code {_id, sequence < n}}, an order list by resident, the outbox sweep —
 *       read the whole collection, and the platform slowed down as the data grew. Single-field
 *       unique indexes now serve any query with an equality on their field ({@link
 *       UniqueLookupIndex}), non-unique ones are kept in memory and serve equality, {@code $in} and
 *       ranges on their first field ({@link OrderedSecondaryIndex}, in the file).
 *   <li><b>{@code countDocuments} by index.</b> The driver counts with an aggregation ({@code
 *       $match}, [{@code $skip}], [{@code $limit}], {@code $group {_id: 1, n: {$sum: 1}}}), which
 *       the library runs over the whole collection; exactly that pipeline is answered with an
 *       indexed count.
 * </ul>
 *
 * The server's own matcher still checks every candidate, so results are the library's; only the
 * number of documents read changes.
 */
public class IndexedH2Backend extends H2Backend {

  private static final Set<String> WRITES =
      Set.of(
          "insert",
          "update",
          "delete",
          "findandmodify",
          "create",
          "createindexes",
          "drop",
          "dropdatabase",
          "dropindexes",
          "renamecollection");

  /** MVStore's page cache when none is given: 64 MB (MVStore's own default is 16 MB). */
  public static final int DEFAULT_CACHE_MB = 64;

  public IndexedH2Backend(String fileName) {
    this(fileName, DEFAULT_CACHE_MB);
  }

  /**
   * Opens (or creates) the store in {@code fileName} with a page cache of {@code cacheMb}
   * megabytes. With MVStore's default of 16 MB the platform's working set no longer fitted after a
   * few minutes of load: a profile of the server at 20 orders/s showed a third of its allocation in
   * re-reading and deserializing pages from the file ({@code FileStore.readPage}).
   */
  public IndexedH2Backend(String fileName, int cacheMb) {
    super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMb).autoCommitDisabled().open());
  }

  /**
   * Held shared while a command changes the store (or a database is opened, which may build an
   * index), exclusively by a commit: a commit covers whole commands.
   */
  private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();

  /** Tickets of writes applied in memory, and the highest one a finished commit covers. */
  private final AtomicLong writesApplied = new AtomicLong();

  private final Object commitLock = new Object();
  private long committedUpTo;

  /**
   * Makes the writes applied so far durable before the caller's reply goes out — sharing one commit
   * among the writes that arrive together (group commit): a write whose change a commit begun after
   * it has already stored returns without a commit of its own.
   */
  private void commitWrite(long ticket) {
    synchronized (commitLock) {
      if (committedUpTo >= ticket) {
        return;
      }
      applying.writeLock().lock();
      try {
        // no command is half-applied now, and each with a ticket up to here is applied
        long upTo = writesApplied.get();
        compactNowAndThen();
        commit();
        committedUpTo = upTo;
      } finally {
        applying.writeLock().unlock();
      }
    }
  }

  /** How full the file's chunks are kept (MVStore's own housekeeping aims at 90 %). */
  static final int COMPACT_FILL_RATE = 80;

  /** At most this much is rewritten per pass, at most once a second. */
  static final int COMPACT_BYTES = 4 << 20;

  private long lastCompaction = System.nanoTime();

  /**
   * MVStore's housekeeping, done here rather than by its background thread (which is off): chunks
   * that later commits have left mostly dead are rewritten into the next commit, so the file does
   * not grow without bound. Its background thread also moves chunks with a store of its own, which
   * would put half-applied commands in the file; here it runs while no command is being applied.
   */
  private void compactNowAndThen() {
    long now = System.nanoTime();
    if (now - lastCompaction >= 1_000_000_000L) {
      lastCompaction = now;
      getMvStore().compact(COMPACT_FILL_RATE, COMPACT_BYTES);
    }
  }

  /** Closes the file (storing what is pending) once no command is being applied. */
  @Override
  public void close() {
    applying.writeLock().lock();
    try {
      super.close();
    } finally {
      applying.writeLock().unlock();
    }
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    if (applying == null) {
      // the super constructor opens the file's databases before this one's fields are set: no
      // command runs beside it
      return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
    applying.readLock().lock();
    try {
      return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    } finally {
      applying.readLock().unlock();
    }
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    if (command.equalsIgnoreCase("aggregate")) {
      Document counted = countByIndex(database, query);
      if (counted != null) {
        return counted;
      }
    }
    if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
      return super.handleCommand(channel, database, command, query);
    }
    long ticket;
    applying.readLock().lock();
    try {
      return super.handleCommand(channel, database, command, query);
    } finally {
      // a command that failed part-way is committed as far as it went, as MongoDB keeps the
      // documents an ordered insert wrote before its error
      ticket = writesApplied.incrementAndGet();
      applying.readLock().unlock();
      commitWrite(ticket);
    }
  }

  /**
   * The driver's {@code countDocuments} pipeline, answered from the indexes; {@code null} for any
   * other pipeline.
   */
  private Document countByIndex(String database, Document query) {
    if (!(query.get("aggregate") instanceof String collectionName)
        || !(query.get("pipeline") instanceof List<?> stages)
        || stages.size() < 2
        || !(stages.get(0) instanceof Document first)
        || first.size() != 1
        || !(first.get("$match") instanceof Document match)) {
      return null;
    }
    int skip = 0;
    int limit = 0;
    for (Object stage : stages.subList(1, stages.size() - 1)) {
      if (!(stage instanceof Document document) || document.size() != 1) {
        return null;
      }
      if (document.get("$skip") instanceof Number n && limit == 0) {
        skip = n.intValue();
      } else if (document.get("$limit") instanceof Number n) {
        limit = n.intValue();
      } else {
        return null;
      }
    }
    if (!(stages.get(stages.size() - 1) instanceof Document last)
        || last.size() != 1
        || !(last.get("$group") instanceof Document group)
        || group.size() != 2
        || !(group.containsKey("_id"))
        || group.get("_id") instanceof String) {
      return null;
    }
    String countField = null;
    for (Map.Entry<String, Object> entry : group.entrySet()) {
      if (!entry.getKey().equals("_id")) {
        if (!(entry.getValue() instanceof Document sum)
            || sum.size() != 1
            || !(sum.get("$sum") instanceof Number one)
            || one.intValue() != 1) {
          return null;
        }
        countField = entry.getKey();
      }
    }
    MongoCollection<?> collection =
        resolveDatabase(database).resolveCollection(collectionName, false);
    int count = 0;
    if (collection != null) {
      synchronized (collection) { // the collection's own lock, as its query methods take it
        count = collection.count(match, skip, limit);
      }
    }
    Document cursor =
        new Document("id", 0L)
            .append("ns", database + "." + collectionName)
            .append(
                "firstBatch",
                count == 0
                    ? List.of()
                    : List.of(new Document("_id", group.get("_id")).append(countField, count)));
    Document response = new Document("cursor", cursor);
    Utils.markOkay(response);
    return response;
  }
}
