package org.fourinone.volunteer.calendar;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.fourinone.kit.problem.Problem;

/**
 * No double booking (不重复排班): each volunteer's booked intervals — shifts signed up for, service
 * records — in one document with a version. A booking reads it, checks the overlap, and writes with
 * the version as guard: of two concurrent bookings one loses the guard, reads again and sees the
 * other's interval. Intervals are half-open {@code [start, end)}; those ended longer ago than
 * {@code keep} are dropped at the next write.
 */
public class Calendars {

  public static final String COLLECTION = "volunteer_calendars";
  private static final int MAX_ATTEMPTS = 50;

  /** One booked interval; {@code ref} names what booked it (a shift, a record). */
  public record Booking(
      String ref, String kind, Instant start, Instant end, String title, Instant bookedAt) {

    /** Whether the two intervals share time; an empty one (start = end) shares none. */
    boolean overlaps(Instant otherStart, Instant otherEnd) {
      return start.isBefore(end)
          && otherStart.isBefore(otherEnd)
          && start.isBefore(otherEnd)
          && otherStart.isBefore(end);
    }
  }

  private final MongoCollection<Document> calendars;
  private final Duration keep;
  private final Clock clock;

  public Calendars(MongoDatabase database, Duration keep, Clock clock) {
    this.calendars = database.getCollection(COLLECTION);
    this.keep = keep;
    this.clock = clock;
  }

  /** A further rule a booking must keep, checked against the bookings held in the same guard. */
  public interface Rule {
    /** Throws a {@link Problem} if booking {@code [start, end)} would break the rule. */
    void check(List<Booking> held, Instant start, Instant end);

    Rule NONE = (held, start, end) -> {};
  }

  public void book(
      String volunteerId,
      String ref,
      String kind,
      Instant start,
      Instant end,
      String title,
      Set<String> compatible) {
    book(volunteerId, ref, kind, start, end, title, compatible, Rule.NONE);
  }

  /**
   * Books {@code [start, end)} under {@code ref}, or throws 409 naming the booking it overlaps.
   * Booking the same {@code ref} again changes nothing (a retried request). Bookings whose ref is
   * in {@code compatible} may overlap (a record of the very shift it was booked for).
   */
  public void book(
      String volunteerId,
      String ref,
      String kind,
      Instant start,
      Instant end,
      String title,
      Set<String> compatible,
      Rule rule) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document doc = calendars.find(eq("_id", volunteerId)).first();
      long version = doc == null ? 0 : doc.get("version", Number.class).longValue();
      List<Booking> bookings = doc == null ? List.of() : bookingsOf(doc);
      if (bookings.stream().anyMatch(b -> b.ref().equals(ref))) {
        return;
      }
      Optional<Booking> clash =
          bookings.stream()
              .filter(b -> !compatible.contains(b.ref()))
              .filter(b -> b.overlaps(start, end))
              .findFirst();
      if (clash.isPresent()) {
        Booking other = clash.get();
        throw Problem.conflict(
                "volunteer.overlapping-booking",
                other.title() == null ? other.ref() : other.title(),
                other.start(),
                other.end())
            .with("overlaps", other.ref());
      }
      rule.check(bookings, start, end);
      List<Document> next = new ArrayList<>();
      Instant horizon = clock.instant().minus(keep);
      for (Booking b : bookings) {
        if (b.end().isAfter(horizon)) {
          next.add(toDocument(b));
        }
      }
      next.add(toDocument(new Booking(ref, kind, start, end, title, clock.instant())));
      if (write(volunteerId, doc == null, version, next)) {
        return;
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", volunteerId);
  }

  /** Frees what {@code ref} booked (a cancelled sign-up, a denied record); idempotent. */
  public void release(String volunteerId, String ref) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document doc = calendars.find(eq("_id", volunteerId)).first();
      if (doc == null) {
        return;
      }
      List<Booking> bookings = bookingsOf(doc);
      if (bookings.stream().noneMatch(b -> b.ref().equals(ref))) {
        return;
      }
      List<Document> next = new ArrayList<>();
      for (Booking b : bookings) {
        if (!b.ref().equals(ref)) {
          next.add(toDocument(b));
        }
      }
      if (write(volunteerId, false, doc.get("version", Number.class).longValue(), next)) {
        return;
      }
    }
    throw Problem.conflict("volunteer.concurrent-change", volunteerId);
  }

  /** The booking {@code ref} made, if the volunteer holds it. */
  public Optional<Booking> find(String volunteerId, String ref) {
    Document doc = calendars.find(eq("_id", volunteerId)).first();
    return doc == null
        ? Optional.empty()
        : bookingsOf(doc).stream().filter(b -> b.ref().equals(ref)).findFirst();
  }

  private boolean write(String volunteerId, boolean create, long version, List<Document> next) {
    if (create) {
      try {
        calendars.insertOne(
            new Document("_id", volunteerId).append("version", 1L).append("bookings", next));
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
          return false; // created concurrently: read it again
        }
        throw e;
      }
    }
    return calendars
            .updateOne(
                and(eq("_id", volunteerId), eq("version", version)),
                new Document("$set", new Document("version", version + 1).append("bookings", next)))
            .getModifiedCount()
        == 1;
  }

  private static List<Booking> bookingsOf(Document doc) {
    return doc.getList("bookings", Document.class, List.of()).stream()
        .map(
            b ->
                new Booking(
                    b.getString("ref"),
                    b.getString("kind"),
                    Instant.parse(b.getString("start")),
                    Instant.parse(b.getString("end")),
                    b.getString("title"),
                    b.getString("bookedAt") == null
                        ? null
                        : Instant.parse(b.getString("bookedAt"))))
        .toList();
  }

  private static Document toDocument(Booking b) {
    return new Document("ref", b.ref())
        .append("kind", b.kind())
        .append("start", b.start().toString())
        .append("end", b.end().toString())
        .append("title", b.title())
        .append("bookedAt", b.bookedAt() == null ? null : b.bookedAt().toString());
  }
}
