package org.fourinone.kit.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.fourinone.kit.audit.AuditEntry.Outcome;
import org.fourinone.kit.security.Caller;
import org.fourinone.kit.web.PageOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit log of a service (collection {@code audit_log}): every change, every read
 * of a resident's record, every read of personal data in clear, every refusal. Nothing in the code
 * updates or deletes an entry, except the retention purge of entries older than the retention
 * period (at least 180 days, the Cybersecurity Law's six months; default 400 days).
 */
public class AuditTrail {

  public static final String COLLECTION = "audit_log";
  static final Duration MINIMUM_RETENTION = Duration.ofDays(180);
  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final MongoCollection<Document> entries;
  private final String system;
  private final Duration retention;
  private final Tracer tracer;
  private final Clock clock;

  public AuditTrail(
      MongoDatabase database, String system, Duration retention, Tracer tracer, Clock clock) {
    if (retention.compareTo(MINIMUM_RETENTION) < 0) {
      throw new IllegalArgumentException(
          "audit retention must be at least " + MINIMUM_RETENTION.toDays() + " days");
    }
    this.entries = database.getCollection(COLLECTION);
    this.system = system;
    this.retention = retention;
    this.tracer = tracer;
    this.clock = clock;
    entries.createIndex(Indexes.descending("atMillis"));
    entries.createIndex(
        Indexes.compoundIndex(Indexes.ascending("actor"), Indexes.descending("atMillis")));
    entries.createIndex(
        Indexes.compoundIndex(Indexes.ascending("targetId"), Indexes.descending("atMillis")));
  }

  /** Records what the current caller did to or read of a target. */
  public void record(
      String action, String targetType, String targetId, Outcome outcome, String detail) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String actor = "anonymous";
    List<String> roles = List.of();
    if (SecurityContextHolder.getContext().getAuthentication()
        instanceof JwtAuthenticationToken token) {
      Caller caller = Caller.of(token.getToken());
      actor = caller.subject();
      roles = caller.roleNames();
    }
    String traceId = null;
    if (tracer != null && tracer.currentSpan() != null) {
      traceId = tracer.currentSpan().context().traceId();
    }
    Document entry =
        new Document("_id", entryId(now))
            .append("at", now.toString())
            .append("atMillis", now.toEpochMilli())
            .append("system", system)
            .append("actor", actor)
            .append("roles", roles)
            .append("action", action)
            .append("targetType", targetType)
            .append("targetId", targetId)
            .append("outcome", outcome.name())
            .append("clientIp", clientIp())
            .append("traceId", traceId)
            .append("detail", detail);
    entries.insertOne(entry);
  }

  /**
   * An entry's id in time order ({@code <millis, 11 hex digits>-<random UUID>}): new entries go to
   * the right-hand end of the id index instead of a random leaf, so that a B-tree store (the
   * embedded one, WiredTiger) keeps appending to a page it has in memory rather than reading a
   * random page back for every entry.
   */
  static String entryId(Instant at) {
    return String.format(java.util.Locale.ROOT, "%011x-%s", at.toEpochMilli(), UUID.randomUUID());
  }

  public PageOf<AuditEntry> query(
      String actor, String targetId, Instant from, Instant to, int page, int size) {
    List<Bson> filters = new ArrayList<>();
    if (actor != null) {
      filters.add(eq("actor", actor));
    }
    if (targetId != null) {
      filters.add(eq("targetId", targetId));
    }
    if (from != null) {
      filters.add(gte("atMillis", from.toEpochMilli()));
    }
    if (to != null) {
      filters.add(lt("atMillis", to.toEpochMilli()));
    }
    Bson filter = filters.isEmpty() ? new Document() : and(filters);
    long total = entries.countDocuments(filter);
    List<AuditEntry> items = new ArrayList<>();
    for (Document d :
        entries.find(filter).sort(descending("atMillis", "_id")).skip(page * size).limit(size)) {
      items.add(
          new AuditEntry(
              d.getString("_id"),
              Instant.parse(d.getString("at")),
              d.getString("system"),
              d.getString("actor"),
              d.getList("roles", String.class),
              d.getString("action"),
              d.getString("targetType"),
              d.getString("targetId"),
              Outcome.valueOf(d.getString("outcome")),
              d.getString("clientIp"),
              d.getString("traceId"),
              d.getString("detail")));
    }
    return PageOf.of(items, page, size, total);
  }

  /** Removes entries older than the retention period; returns how many. */
  public long purgeExpired() {
    long cutoff = clock.instant().minus(retention).toEpochMilli();
    long removed = entries.deleteMany(lt("atMillis", cutoff)).getDeletedCount();
    if (removed > 0) {
      log.info("audit log: removed {} entries older than {} days", removed, retention.toDays());
    }
    return removed;
  }

  private static String clientIp() {
    if (RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      String forwarded = request.getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",")[0].trim();
      }
      return request.getRemoteAddr();
    }
    return null;
  }
}
