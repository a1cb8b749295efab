package org.fourinone.testing;

import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.assertj.core.api.Assertions;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.fourinone.testing.IndexUse.Index;
import org.fourinone.testing.IndexUse.Verdict;

/**
 * The commands a service's MongoDB client sends, as it sends them, for {@link IndexUse} to judge:
 * registered on the client under test ({@code MongoClientSettings.Builder#addCommandListener}, in a
 * Spring test through a {@code MongoClientSettingsBuilderCustomizer} bean), cleared before the
 * requests a test makes and judged after them.
 */
public final class MongoCommandLog implements CommandListener {

  /** One command, copied when sent (the driver's document is valid only during the callback). */
  public record Sent(String database, BsonDocument command, String thread) {}

  private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
  private final String threads;

  /** Logs every command, whichever thread sends it. */
  public MongoCommandLog() {
    this("");
  }

  private MongoCommandLog(String threadNamePrefix) {
    this.threads = threadNamePrefix;
  }

  /**
   * Logs only what the embedded Tomcat's request threads send ({@code http-nio-…}): what the API's
   * callers cause, without the outbox sweeps and the consumers running beside them (the driver
   * calls the listener on the thread that sends).
   */
  public static MongoCommandLog ofRequests() {
    return new MongoCommandLog("http-nio-");
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    if (!Thread.currentThread().getName().startsWith(threads)) {
      return;
    }
    sent.add(
        new Sent(
            event.getDatabaseName(),
            new RawBsonDocument(event.getCommand(), new BsonDocumentCodec()),
            Thread.currentThread().getName()));
  }

  /** Forgets what was sent so far. */
  public void clear() {
    sent.clear();
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /**
   * Every query sent to {@code database} since the last {@link #clear}, judged against the indexes
   * its collection holds now ({@code listIndexes} through {@code database}, not through the client
   * logged).
   */
  public List<Verdict> judge(MongoDatabase database) {
    Map<String, List<Index>> indexes = new HashMap<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (Sent s : sent) {
      if (!s.database().equals(database.getName())) {
        continue;
      }
      for (IndexUse.Query q : IndexUse.queriesOf(s.command())) {
        List<Index> declared = indexes.computeIfAbsent(q.collection(), c -> indexesOf(database, c));
        verdicts.add(IndexUse.judge(q, declared).on(s.thread()));
      }
    }
    return verdicts;
  }

  /**
   * Judges what was sent to {@code database} since the last {@link #clear} and fails, listing every
   * query judged, unless something was read from the {@code collections} and every read of them is
   * index-served. Returns those verdicts, for further checks.
   */
  public List<Verdict> assertServed(MongoDatabase database, String... collections) {
    List<Verdict> all = judge(database);
    List<String> named = List.of(collections);
    List<Verdict> reads = all.stream().filter(v -> named.contains(v.query().collection())).toList();
    Assertions.assertThat(reads)
        .as(() -> "reads of " + named + " that no index serves, among:" + IndexUse.report(all))
        .isNotEmpty()
        .allMatch(Verdict::served);
    return reads;
  }

  /** The indexes a collection holds, as {@code listIndexes} returns them. */
  public static List<Index> indexesOf(MongoDatabase database, String collection) {
    List<Index> all = new ArrayList<>();
    for (Document spec : database.getCollection(collection).listIndexes()) {
      all.add(Index.of(spec));
    }
    return all;
  }
}
