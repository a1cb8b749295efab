package org.fourinone.systemtests.bench.district;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.fourinone.order.Order;
import org.fourinone.order.application.OrderQueries;
import org.fourinone.systemtests.bench.district.District.Community;

/**
 * What the generated district holds, counted as the platform's endpoints count it — a resident's
 * orders, a community's and a street's by status and system, 三社联动's dispatches and acceptances, the
 * volunteer system's needs, records and volunteers of a year — so that the benchmark can check
 * every answer it times against what was written.
 */
public final class Tally {

  private final Map<String, Long> counts = new TreeMap<>();
  private int[] ordersOfResident = new int[0];
  private String yearFrom;
  private String yearTo;
  private int year;

  /** The volunteer figures are those of {@code year} (the statistics' parameter). */
  void year(int year) {
    this.year = year;
    this.yearFrom =
        LocalDate.of(year, 1, 1).atStartOfDay(DistrictGenerator.ZONE).toInstant().toString();
    this.yearTo =
        LocalDate.of(year + 1, 1, 1).atStartOfDay(DistrictGenerator.ZONE).toInstant().toString();
  }

  public int year() {
    return year;
  }

  void residents(int residents) {
    if (residents > ordersOfResident.length) {
      ordersOfResident = Arrays.copyOf(ordersOfResident, residents);
    }
  }

  /** A resident's orders in all four systems (every system's list holds them all). */
  public int ordersOf(int resident) {
    return ordersOfResident[resident];
  }

  /** The count under a key such as {@code orders C-DZM-01 SUBMITTED}; 0 when none. */
  public long get(String... key) {
    return counts.getOrDefault(String.join(" ", key), 0L);
  }

  public Map<String, Long> all() {
    return Map.copyOf(counts);
  }

  private void add(String... key) {
    counts.merge(String.join(" ", key), 1L, Long::sum);
  }

  void order(Order order, int resident) {
    ordersOfResident[resident]++;
    String status = order.status().name();
    String origin = order.originSystem().name();
    add("orders");
    add("orders", status);
    add("orders", origin);
    for (String scope : new String[] {order.communityId(), order.streetId()}) {
      add("orders", scope);
      add("orders", scope, status);
      add("orders", scope, origin);
      if (order.rating() != null) {
        add("rated", scope);
      }
      if (OrderQueries.OPEN.contains(order.status())) {
        add("open", scope);
      }
    }
  }

  void dispatch(Document dispatch) {
    for (String scope : scopes(dispatch)) {
      add("dispatches", scope);
      if (dispatch.containsKey("acceptMillis")) {
        add("accepted", scope);
      }
      if (dispatch.containsKey("completeMillis")) {
        add("completedDispatches", scope);
      }
    }
  }

  /** A need counts in the year it was created (VolunteerStatistics compares the ISO strings). */
  void need(Document need) {
    if (!inYear(need.getString("createdAt"))) {
      return;
    }
    for (String scope : scopes(need)) {
      add("needs", scope);
      add("needs", scope, need.getString("state"));
    }
  }

  void record(Document record) {
    String status = record.getString("status");
    for (String scope : scopes(record)) {
      add("records", scope, status);
      if ("APPROVED".equals(status) && inYear(record.getString("end"))) {
        add("approvedInYear", scope);
        counts.merge(
            "approvedMinutesInYear " + scope,
            record.get("minutes", Number.class).longValue(),
            Long::sum);
      }
    }
  }

  void volunteer(Community home) {
    add("volunteers", home.communityId());
    add("volunteers", home.streetId());
  }

  void activity(Document activity) {
    if (inYear(activity.getString("firstStart"))) {
      for (String scope : scopes(activity)) {
        add("activities", scope);
      }
    }
  }

  void team(Document team) {
    add("teams", team.getString("level"));
  }

  private boolean inYear(String instant) {
    return instant != null && instant.compareTo(yearFrom) >= 0 && instant.compareTo(yearTo) < 0;
  }

  private static String[] scopes(Document doc) {
    return new String[] {doc.getString("communityId"), doc.getString("streetId")};
  }

  /** The year of the instant in the district's zone. */
  static int yearOf(Instant at) {
    return at.atZone(DistrictGenerator.ZONE).getYear();
  }
}
