package org.fourinone.volunteer.timebank;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.fourinone.kit.json.BsonJson;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time bank's append-only double-entry ledger (时间银行账本), exact without transactions.
 *
 * <ul>
 *   <li>{@code ledger_transactions}: one per cause, its {@code _id} <em>is</em> the cause key
 *       ({@code hours:<recordId>}, {@code redemption:<id>} …), so a redelivered event, a retried
 *       request or a second poster finds the same transaction instead of making one. Two legs: the
 *       debit first, then the credit, summing to zero. {@code PENDING → POSTED | REJECTED}.
 *   <li>{@code ledger_entries}: one per posted leg, {@code _id = <account>#<seq>}, unique on {@code
 *       (account, seq)} and {@code (account, txId)}: a leg is posted at most once, and two posters
 *       of one account cannot take the same place. Each holds {@code balanceAfter}; an entry on a
 *       volunteer's account carries its event in the same insert.
 *   <li>{@code ledger_accounts}: each account's head pointer {@code (seq, balance)}, a cache that a
 *       poster first rolls forward over any entry past it (a crash between entry and pointer).
 * </ul>
 *
 * A crash between two steps leaves the transaction {@code PENDING}; once its lease runs out the
 * {@link LedgerSweeper} posts what is missing. Corrections are reversal transactions, never edits.
 */
public class Ledger {

  public static final String TRANSACTIONS = "ledger_transactions";
  public static final String ENTRIES = "ledger_entries";
  public static final String ACCOUNTS = "ledger_accounts";
  public static final String CREDITED = "org.fourinone.volunteer.points.credited.v1";
  public static final String DEBITED = "org.fourinone.volunteer.points.debited.v1";

  /** The bank's account that credits for service come from (it may go below zero). */
  public static final String ISSUANCE = "bank:issuance";

  /** Where points spent on the exchange go. */
  public static final String EXCHANGE = "bank:exchange";

  /** Where points above the storage cap go (捐赠). */
  public static final String DONATIONS = "bank:donations";

  private static final Logger log = LoggerFactory.getLogger(Ledger.class);
  private static final int BANK_SHARDS = 16;
  private static final java.util.Set<String> BANK_ACCOUNTS =
      java.util.Set.of("bank:issuance", "bank:exchange", "bank:donations");
  private static final int MAX_ATTEMPTS = 200;

  public enum State {
    PENDING,
    POSTED,
    REJECTED
  }

  /** What a transaction is for. */
  public enum Kind {
    HOURS_CREDIT,
    EXCHANGE,
    REFUND,
    TRANSFER,
    DONATION,
    REVERSAL
  }

  /** A transaction as it stands: the cause's key, its legs, its state. */
  public record Transaction(
      String transactionId,
      Kind kind,
      String debitAccount,
      String creditAccount,
      long amount,
      long minutes,
      State state,
      String cause,
      String note,
      Instant createdAt) {}

  private final MongoCollection<Document> transactions;
  private final MongoCollection<Document> entries;
  private final MongoCollection<Document> accounts;
  private final long overdraft;
  private final Duration lease;
  private final Clock clock;
  private final Counter posted;
  private final Counter replayed;
  private final Counter rejected;
  private OutboxRelay relay;

  public Ledger(
      MongoDatabase database, long overdraft, Duration lease, Clock clock, MeterRegistry meters) {
    this.transactions = database.getCollection(TRANSACTIONS);
    this.entries = database.getCollection(ENTRIES);
    this.accounts = database.getCollection(ACCOUNTS);
    this.overdraft = overdraft;
    this.lease = lease;
    this.clock = clock;
    this.posted = meters.counter("timebank.transactions", "outcome", "posted");
    this.replayed = meters.counter("timebank.transactions", "outcome", "replayed");
    this.rejected = meters.counter("timebank.transactions", "outcome", "rejected");
    entries.createIndex(
        Indexes.ascending("account", "seq"),
        new IndexOptions().unique(true).name("one_entry_per_place"));
    entries.createIndex(
        Indexes.ascending("account", "txId"),
        new IndexOptions().unique(true).name("one_leg_per_transaction"));
    transactions.createIndex(Indexes.ascending("state", "leaseUntil"));
  }

  public MongoCollection<Document> entries() {
    return entries;
  }

  public MongoCollection<Document> transactions() {
    return transactions;
  }

  void publishWith(OutboxRelay relay) {
    this.relay = relay;
  }

  public static String volunteerAccount(String volunteerId) {
    return "volunteer:" + volunteerId;
  }

  public static String residentAccount(String residentId) {
    return "resident:" + residentId;
  }

  /**
   * Records and posts a transfer of {@code amount} (hundredths of a point, > 0) from one account to
   * another, once per {@code transactionId}. Returns the transaction as it ends: {@code POSTED}, or
   * {@code REJECTED} when the debit would take the account below its floor (the caller turns that
   * into a 422). A second call with the same id posts nothing again and returns the first outcome.
   */
  public Transaction transfer(
      String transactionId,
      Kind kind,
      String debitAccount,
      String creditAccount,
      long amount,
      String cause,
      String note) {
    return transfer(transactionId, kind, debitAccount, creditAccount, amount, 0, cause, note);
  }

  /**
   * A transfer that also moves {@code minutes} of approved service: the credited account's
   * cumulative minutes ({@code minutesAfter} of its entries) go up by them, the debited one's down
   * — so that a volunteer's approved hours are exact by the same chain as the balance.
   */
  public Transaction transfer(
      String transactionId,
      Kind kind,
      String debitAccount,
      String creditAccount,
      long amount,
      long minutes,
      String cause,
      String note) {
    debitAccount = shardOf(debitAccount, creditAccount);
    creditAccount = shardOf(creditAccount, debitAccount);
    if (amount < 0 || (amount == 0 && minutes == 0) || debitAccount.equals(creditAccount)) {
      throw new IllegalArgumentException(
          "a transfer moves points (or minutes) between two accounts");
    }
    Instant now = now();
    Document tx =
        new Document("_id", transactionId)
            .append("kind", kind.name())
            .append("debit", debitAccount)
            .append("credit", creditAccount)
            .append("amount", amount)
            .append("minutes", minutes)
            .append("state", State.PENDING.name())
            .append("cause", cause)
            .append("note", note)
            .append("createdAt", now.toString())
            .append("leaseUntil", now.plus(lease).toString());
    try {
      transactions.insertOne(tx);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      replayed.increment();
      Document existing = transactions.find(eq("_id", transactionId)).first();
      if (existing == null || !State.PENDING.name().equals(existing.getString("state"))) {
        return of(existing);
      }
      // another attempt of the same cause is (or was) posting it: finish it under the lease
      return claim(transactionId).map(this::post).orElseGet(() -> awaitOutcome(transactionId));
    }
    return post(tx);
  }

  /** The transaction of a cause, if there is one. */
  public Optional<Transaction> find(String transactionId) {
    return Optional.ofNullable(transactions.find(eq("_id", transactionId)).first()).map(Ledger::of);
  }

  /**
   * A correction (冲正): a new transaction with the legs of a posted one swapped, once per original.
   */
  public Transaction reverse(String transactionId, String note) {
    Transaction original =
        find(transactionId)
            .orElseThrow(() -> Problem.notFound("volunteer.transaction-not-found", transactionId));
    if (original.state() != State.POSTED) {
      throw Problem.conflict("volunteer.transaction-not-posted", transactionId, original.state());
    }
    if (original.kind() == Kind.REVERSAL) {
      throw Problem.conflict("volunteer.cannot-reverse-reversal", transactionId);
    }
    return transfer(
        "reversal:" + transactionId,
        Kind.REVERSAL,
        original.creditAccount(),
        original.debitAccount(),
        original.amount(),
        original.minutes(),
        transactionId,
        note);
  }

  /**
   * An account's balance: its last entry's, after rolling the head pointer forward; for one of the
   * bank's accounts, the sum of its shards.
   */
  public long balance(String account) {
    if (BANK_ACCOUNTS.contains(account)) {
      long sum = 0;
      for (int shard = 0; shard < BANK_SHARDS; shard++) {
        sum += head(shardName(account, shard)).balance();
      }
      return sum;
    }
    return head(account).balance();
  }

  /**
   * The bank's accounts take a leg of almost every transaction: each is kept as {@value
   * #BANK_SHARDS} shards chosen by the other account, so that credits to different volunteers do
   * not queue for one account's next place. A volunteer's own account is never sharded (its balance
   * check needs its one chain).
   */
  static String shardOf(String account, String counterparty) {
    if (!BANK_ACCOUNTS.contains(account)) {
      return account;
    }
    return shardName(account, Math.floorMod(counterparty.hashCode(), BANK_SHARDS));
  }

  private static String shardName(String account, int shard) {
    return account + ":" + String.format("%02d", shard);
  }

  /** An account's cumulative approved minutes of service (credited minus reversed). */
  public long minutes(String account) {
    return head(account).minutes();
  }

  /** The entries of an account from {@code from} (inclusive) to {@code to}, oldest first. */
  public List<Document> entriesOf(String account, Instant from, Instant to) {
    List<Document> found = new ArrayList<>();
    entries
        .find(and(eq("account", account), gte("at", from.toString()), lt("at", to.toString())))
        .sort(Sorts.ascending("seq"))
        .into(found);
    return found;
  }

  /** The balance just before {@code at}: the last entry before it (0 without one). */
  public long balanceBefore(String account, Instant at) {
    Document last =
        entries
            .find(and(eq("account", account), lt("at", at.toString())))
            .sort(Sorts.descending("seq"))
            .limit(1)
            .first();
    return last == null ? 0 : last.get("balanceAfter", Number.class).longValue();
  }

  /**
   * Finishes the transactions left {@code PENDING} with their lease run out — a crash, a kill -9 —
   * and returns how many it finished.
   */
  public int recover(int limit) {
    int finished = 0;
    List<String> due = new ArrayList<>();
    for (Document doc :
        transactions
            .find(and(eq("state", State.PENDING.name()), lt("leaseUntil", now().toString())))
            .projection(new Document("_id", 1))
            .limit(limit)) {
      due.add(doc.getString("_id"));
    }
    for (String id : due) {
      Optional<Document> claimed = claim(id);
      if (claimed.isPresent()) {
        Transaction outcome = post(claimed.get());
        log.info("time bank: finished transaction {} left pending: {}", id, outcome.state());
        finished++;
      }
    }
    return finished;
  }

  private Optional<Document> claim(String transactionId) {
    Instant now = now();
    return Optional.ofNullable(
        transactions.findOneAndUpdate(
            and(
                eq("_id", transactionId),
                eq("state", State.PENDING.name()),
                lt("leaseUntil", now.toString())),
            new Document("$set", new Document("leaseUntil", now.plus(lease).toString())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
  }

  /** A retried request whose first attempt still holds the lease: wait for that one's outcome. */
  private Transaction awaitOutcome(String transactionId) {
    long deadline = System.nanoTime() + lease.toNanos();
    while (System.nanoTime() < deadline) {
      Document doc = transactions.find(eq("_id", transactionId)).first();
      if (doc != null && !State.PENDING.name().equals(doc.getString("state"))) {
        return of(doc);
      }
      Optional<Document> claimed = claim(transactionId);
      if (claimed.isPresent()) {
        return post(claimed.get());
      }
      pause(20);
    }
    throw Problem.conflict("volunteer.transaction-in-progress", transactionId);
  }

  /** Posts the legs not yet posted, debit first, and settles the transaction's state. */
  private Transaction post(Document tx) {
    String id = tx.getString("_id");
    long amount = tx.get("amount", Number.class).longValue();
    String debit = tx.getString("debit");
    String credit = tx.getString("credit");
    long minutes =
        tx.get("minutes", Number.class) == null ? 0 : tx.get("minutes", Number.class).longValue();
    Leg debited = postLeg(tx, debit, -amount, -minutes);
    if (debited == Leg.REFUSED) {
      if (settle(id, State.REJECTED)) {
        rejected.increment();
      }
      return of(transactions.find(eq("_id", id)).first());
    }
    postLeg(tx, credit, amount, minutes);
    if (settle(id, State.POSTED)) {
      posted.increment();
      Document done = new Document(tx);
      done.put("state", State.POSTED.name());
      return of(done);
    }
    return of(transactions.find(eq("_id", id)).first());
  }

  private boolean settle(String id, State state) {
    return transactions
            .updateOne(
                and(eq("_id", id), eq("state", State.PENDING.name())),
                new Document(
                    "$set",
                    new Document("state", state.name())
                        .append("settledAt", now().toString())
                        .append("leaseUntil", null)))
            .getModifiedCount()
        == 1;
  }

  private enum Leg {
    POSTED,
    ALREADY,
    REFUSED
  }

  private record Head(long seq, long balance, long minutes) {}

  private Leg postLeg(Document tx, String account, long amount, long minutes) {
    String txId = tx.getString("_id");
    // a leg that can be refused must know first whether it was posted already (a retry after a
    // crash); one that cannot learns it from the unique (account, txId) index on insert
    boolean refusable = amount < 0 && floorOf(account) != Long.MIN_VALUE;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if ((refusable || attempt > 0)
          && entries.find(and(eq("account", account), eq("txId", txId))).first() != null) {
        return Leg.ALREADY;
      }
      Head head = head(account);
      long after = head.balance() + amount;
      if (amount < 0 && after < floorOf(account)) {
        if (entries.find(and(eq("account", account), eq("txId", txId))).first() != null) {
          return Leg.ALREADY;
        }
        if (head(account).seq() == head.seq()) {
          return Leg.REFUSED;
        }
        continue; // someone posted meanwhile: look again
      }
      long seq = head.seq() + 1;
      Instant now = now();
      Document entry =
          new Document("_id", entryId(account, seq))
              .append("account", account)
              .append("seq", seq)
              .append("txId", txId)
              .append("kind", tx.getString("kind"))
              .append("amount", amount)
              .append("balanceAfter", after)
              .append("minutes", minutes)
              .append("minutesAfter", head.minutes() + minutes)
              .append("counterparty", amount < 0 ? tx.getString("credit") : tx.getString("debit"))
              .append("cause", tx.getString("cause"))
              .append("note", tx.getString("note"))
              .append("at", now.toString());
      List<Document> events = eventsFor(entry, now);
      if (!events.isEmpty()) {
        entry.append(OutboxRelay.FIELD, new ArrayList<>(events));
      }
      try {
        entries.insertOne(entry);
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        pause(ThreadLocalRandom.current().nextInt(1, 3 + Math.min(attempt, 20)));
        continue; // the place was taken, or this leg was posted meanwhile: the loop tells which
      }
      advance(account, seq, after, head.minutes() + minutes);
      if (!events.isEmpty() && relay != null) {
        relay.publishAfterWrite(entry.getString("_id"), events);
      }
      return Leg.POSTED;
    }
    throw Problem.conflict("volunteer.account-busy", account);
  }

  /** The last entry of the account, rolling the head pointer forward over entries past it. */
  private Head head(String account) {
    Document pointer = accounts.find(eq("_id", account)).first();
    long seq = pointer == null ? 0 : pointer.get("seq", Number.class).longValue();
    long balance = pointer == null ? 0 : pointer.get("balance", Number.class).longValue();
    long minutes =
        pointer == null || pointer.get("minutes") == null
            ? 0
            : pointer.get("minutes", Number.class).longValue();
    while (true) {
      Document next = entries.find(eq("_id", entryId(account, seq + 1))).first();
      if (next == null) {
        return new Head(seq, balance, minutes);
      }
      seq = next.get("seq", Number.class).longValue();
      balance = next.get("balanceAfter", Number.class).longValue();
      minutes = next.get("minutesAfter", Number.class).longValue();
      advance(account, seq, balance, minutes);
    }
  }

  private void advance(String account, long seq, long balance, long minutes) {
    try {
      accounts.updateOne(
          and(eq("_id", account), lt("seq", seq)),
          new Document(
              "$set",
              new Document("seq", seq).append("balance", balance).append("minutes", minutes)),
          new com.mongodb.client.model.UpdateOptions().upsert(true));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // the pointer is ahead already (the upsert met it): nothing to do
    }
  }

  private long floorOf(String account) {
    return account.startsWith("bank:") ? Long.MIN_VALUE : -overdraft;
  }

  private List<Document> eventsFor(Document entry, Instant now) {
    String account = entry.getString("account");
    if (!account.startsWith("volunteer:")) {
      return List.of();
    }
    long amount = entry.get("amount", Number.class).longValue();
    String volunteerId = account.substring("volunteer:".length());
    Document data =
        new Document("volunteerId", volunteerId)
            .append("account", account)
            .append("entryId", entry.getString("_id"))
            .append("seq", entry.get("seq"))
            .append("transactionId", entry.getString("txId"))
            .append("kind", entry.getString("kind"))
            .append("points", Points.asNumber(Math.abs(amount)))
            .append(
                "balanceAfter",
                Points.asNumber(entry.get("balanceAfter", Number.class).longValue()))
            .append("cause", entry.getString("cause"))
            .append("approvedHours", entry.get("minutesAfter", Number.class).longValue() / 60.0)
            .append("at", now.toString());
    return List.of(
        OutboxRelay.entry(
            UUID.randomUUID().toString(),
            amount > 0 ? CREDITED : DEBITED,
            entry.get("seq", Number.class).longValue(),
            now,
            BsonJson.write(data),
            null,
            volunteerId));
  }

  static String entryId(String account, long seq) {
    return account + "#" + String.format("%012d", seq);
  }

  private static Transaction of(Document doc) {
    if (doc == null) {
      throw new IllegalStateException("transaction vanished");
    }
    return new Transaction(
        doc.getString("_id"),
        Kind.valueOf(doc.getString("kind")),
        doc.getString("debit"),
        doc.getString("credit"),
        doc.get("amount", Number.class).longValue(),
        doc.get("minutes", Number.class) == null ? 0 : doc.get("minutes", Number.class).longValue(),
        State.valueOf(doc.getString("state")),
        doc.getString("cause"),
        doc.getString("note"),
        Instant.parse(doc.getString("createdAt")));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting", e);
    }
  }
}
