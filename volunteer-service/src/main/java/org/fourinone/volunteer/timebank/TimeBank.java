package org.fourinone.volunteer.timebank;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.problem.Problem;
import org.fourinone.kit.validation.EnumValues;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.timebank.Ledger.Kind;
import org.fourinone.volunteer.timebank.Ledger.State;
import org.fourinone.volunteer.timebank.Ledger.Transaction;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * 时间银行: what the ledger means to people — a volunteer's balance and monthly statement, credits for
 * approved hours by the district's rules (the rest above the storage cap donated), gifts of saved
 * points to a family member, and corrections by reversal.
 */
public class TimeBank {

  /** 亲属关系 a gift of saved points may go to (the district's rule lists which). */
  public enum Relation {
    SPOUSE,
    PARENT,
    CHILD,
    GRANDPARENT,
    GRANDCHILD,
    SIBLING,
    FRIEND
  }

  private final Ledger ledger;
  private final TimeBankRules rules;
  private final Volunteers volunteers;
  private final ReferenceReplica places;
  private final AuditTrail audit;
  private final ZoneId zone;

  public TimeBank(
      Ledger ledger,
      TimeBankRules rules,
      Volunteers volunteers,
      ReferenceReplica places,
      AuditTrail audit,
      ZoneId zone) {
    this.ledger = ledger;
    this.rules = rules;
    this.volunteers = volunteers;
    this.places = places;
    this.audit = audit;
    this.zone = zone;
  }

  public TimeBankRules rules() {
    return rules;
  }

  public Ledger ledger() {
    return ledger;
  }

  /**
   * Credits a service record's approved hours once (its id is the transaction's), and donates what
   * goes above the storage cap. Returns the credit's transaction.
   */
  public Transaction creditHours(
      String recordId,
      String volunteerId,
      long points,
      long minutes,
      String serviceKind,
      String note) {
    String account = Ledger.volunteerAccount(volunteerId);
    Transaction credit =
        ledger.transfer(
            "hours:" + recordId,
            Kind.HOURS_CREDIT,
            Ledger.ISSUANCE,
            account,
            points,
            minutes,
            "service-record:" + recordId,
            note == null ? serviceKind : note);
    if (rules.storageCap() > 0) {
      long excess = ledger.balance(account) - rules.storageCap();
      if (excess > 0) {
        ledger.transfer(
            "donation:" + recordId,
            Kind.DONATION,
            account,
            Ledger.DONATIONS,
            Math.min(excess, points),
            "service-record:" + recordId,
            "超出储蓄上限，转入公益积分池");
      }
    }
    return credit;
  }

  /** A volunteer's cumulative approved minutes, by the ledger (credited minus reversed). */
  public long approvedMinutes(String volunteerId) {
    return ledger.minutes(Ledger.volunteerAccount(volunteerId));
  }

  /** A volunteer's account: balance and where it stands; for them and their organisers. */
  public AccountView account(String volunteerId) {
    Document volunteer = readable(volunteerId);
    String account = Ledger.volunteerAccount(volunteer.getString("_id"));
    return new AccountView(
        account,
        volunteer.getString("_id"),
        null,
        Points.format(ledger.balance(account)),
        Points.format(-rules.overdraft()),
        rules.storageCap() > 0 ? Points.format(rules.storageCap()) : null);
  }

  /** The caller's resident account (points given to them by a family member). */
  public AccountView residentAccount(String residentId) {
    Actor caller = Actor.current();
    if (!(caller.has(Role.RESIDENT) && residentId.equals(caller.residentId()))
        && !caller.has(Role.DISTRICT_ADMIN)) {
      throw Problem.notFound("volunteer.account-not-found", residentId);
    }
    String account = Ledger.residentAccount(residentId);
    return new AccountView(
        account, null, residentId, Points.format(ledger.balance(account)), Points.format(0), null);
  }

  public record AccountView(
      String accountId,
      String volunteerId,
      String residentId,
      BigDecimal balance,
      BigDecimal floor,
      BigDecimal storageCap) {}

  /** 月度对账单: opening balance, every entry of the month with its cause, closing balance. */
  public Statement statement(String volunteerId, String month) {
    Document volunteer = readable(volunteerId);
    YearMonth ym;
    try {
      ym = YearMonth.parse(month);
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.badRequest("volunteer.month-invalid", month).with("field", "month");
    }
    String account = Ledger.volunteerAccount(volunteer.getString("_id"));
    Instant from = ym.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = ym.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    long opening = ledger.balanceBefore(account, from);
    List<StatementLine> lines =
        ledger.entriesOf(account, from, to).stream()
            .map(
                e ->
                    new StatementLine(
                        e.getString("_id"),
                        e.getString("at"),
                        e.getString("kind"),
                        Points.format(e.get("amount", Number.class).longValue()),
                        Points.format(e.get("balanceAfter", Number.class).longValue()),
                        e.getString("txId"),
                        e.getString("cause"),
                        e.getString("note"),
                        // the bank's shards are one account to the reader
                        e.getString("counterparty").replaceFirst("^(bank:[a-z]+):\\d{2}$", "$1")))
            .toList();
    long closing =
        lines.isEmpty() ? opening : Points.parse(lines.get(lines.size() - 1).balanceAfter());
    long credits = 0;
    long debits = 0;
    for (StatementLine line : lines) {
      long amount = Points.parse(line.points());
      if (amount > 0) {
        credits += amount;
      } else {
        debits -= amount;
      }
    }
    return new Statement(
        account,
        ym.toString(),
        Points.format(opening),
        Points.format(credits),
        Points.format(debits),
        Points.format(closing),
        lines);
  }

  public record Statement(
      String accountId,
      String month,
      BigDecimal opening,
      BigDecimal credits,
      BigDecimal debits,
      BigDecimal closing,
      List<StatementLine> entries) {}

  public record StatementLine(
      String entryId,
      String at,
      String kind,
      BigDecimal points,
      BigDecimal balanceAfter,
      String transactionId,
      String cause,
      String note,
      String counterparty) {}

  /**
   * 储蓄转赠: a volunteer gives saved points to a family member (a resident of the district) within the
   * district's rules; once per idempotency key.
   */
  public TransactionView transferToFamily(
      String volunteerId,
      String toResidentId,
      String relation,
      BigDecimal points,
      String note,
      String idempotencyKey) {
    Actor caller = Actor.current();
    Document volunteer = volunteers.visible(volunteerId);
    if (!Volunteers.isSelf(caller, volunteer)) {
      throw Problem.forbidden();
    }
    Relation parsed = EnumValues.parse(Relation.class, "relation", relation);
    if (!rules.transferRelations().contains(parsed.name())) {
      throw Problem.unprocessable("volunteer.relation-not-allowed", parsed)
          .with("field", "relation")
          .with("allowed", rules.transferRelations());
    }
    long amount = amountOf(points, "points");
    if (amount < rules.minimumTransfer()) {
      throw Problem.unprocessable(
              "volunteer.transfer-below-minimum", Points.format(rules.minimumTransfer()))
          .with("field", "points");
    }
    if (places.find(toResidentId).isEmpty()) {
      throw Problem.unprocessable("volunteer.unknown-resident", toResidentId)
          .with("field", "toResidentId");
    }
    if (toResidentId.equals(volunteer.getString("residentId"))) {
      throw Problem.unprocessable("volunteer.transfer-to-self").with("field", "toResidentId");
    }
    String id =
        "transfer:"
            + volunteer.getString("_id")
            + ":"
            + (idempotencyKey != null ? idempotencyKey : RandomIds.chars(12));
    Transaction tx =
        ledger.transfer(
            id,
            Kind.TRANSFER,
            Ledger.volunteerAccount(volunteer.getString("_id")),
            Ledger.residentAccount(toResidentId),
            amount,
            "transfer:" + parsed.name() + ":" + toResidentId,
            note);
    requirePosted(tx, Ledger.volunteerAccount(volunteer.getString("_id")));
    audit.record("TIMEBANK_TRANSFER", "volunteer", volunteerId, Outcome.SUCCESS, id + " " + amount);
    return TransactionView.of(tx);
  }

  /** 冲正: the district reverses a posted transaction, naming why. */
  public TransactionView reverse(String transactionId, String reason) {
    Actor caller = Actor.current();
    if (!caller.has(Role.DISTRICT_ADMIN)) {
      throw Problem.forbidden();
    }
    Transaction reversal = ledger.reverse(transactionId, reason);
    requirePosted(reversal, reversal.debitAccount());
    audit.record("TIMEBANK_REVERSAL", "transaction", transactionId, Outcome.SUCCESS, reason);
    return TransactionView.of(reversal);
  }

  /** A posted transaction, or the 422 of a refused debit. */
  public void requirePosted(Transaction tx, String debited) {
    if (tx.state() == State.REJECTED) {
      throw Problem.unprocessable(
              "volunteer.insufficient-points",
              Points.format(tx.amount()),
              Points.format(ledger.balance(debited)))
          .with("balance", Points.format(ledger.balance(debited)))
          .with("transactionId", tx.transactionId());
    }
  }

  public record TransactionView(
      String transactionId,
      String kind,
      String debitAccount,
      String creditAccount,
      BigDecimal points,
      String state,
      String cause,
      String note,
      String createdAt) {

    public static TransactionView of(Transaction tx) {
      return new TransactionView(
          tx.transactionId(),
          tx.kind().name(),
          tx.debitAccount(),
          tx.creditAccount(),
          Points.format(tx.amount()),
          tx.state().name(),
          tx.cause(),
          tx.note(),
          tx.createdAt().toString());
    }
  }

  /** Hundredths of a positive decimal with at most two places, or 400 naming the field. */
  public static long amountOf(BigDecimal points, String field) {
    if (points == null || points.signum() <= 0 || points.stripTrailingZeros().scale() > 2) {
      throw Problem.badRequest("volunteer.points-invalid", points).with("field", field);
    }
    return Points.parse(points);
  }

  private Document readable(String volunteerId) {
    Actor caller = Actor.current();
    Document volunteer = volunteers.visible(volunteerId);
    if (!Volunteers.isSelf(caller, volunteer)
        && !volunteers.organises(caller, volunteer)
        && !caller.hasAny(Role.STREET_OFFICER, Role.PARTNER_SYSTEM)) {
      throw Problem.forbidden();
    }
    return volunteer;
  }

  static Set<String> relationsOf(List<String> configured) {
    for (String r : configured) {
      EnumValues.parse(Relation.class, "transfer-relations", r);
    }
    return Set.copyOf(configured);
  }
}
