package org.fourinone.systemtests.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fourinone.testing.Http;

/**
 * The MongoDB commands each service sent, from Micrometer's driver metrics on its {@code
 * /actuator/prometheus} ({@code mongodb_driver_commands_seconds_count{command, collection, …}}):
 * read before and after a phase, the difference is what the phase cost the store. A bulk write is
 * one command however many documents it carries — which is what batching saves.
 */
final class DriverCommands {

  /** The commands that write. */
  static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");

  /**
   * What the POST of an order writes before its 201: the idempotency key, the order with its outbox
   * entry, the audit entry — each an {@code insert}. Everything else is after the answer: the
   * outbox's clean-up, the projections, the reactions.
   */
  static final Set<String> POST_PATH_COLLECTIONS =
      Set.of("idempotency_keys", "orders", "audit_log");

  private static final Pattern LINE =
      Pattern.compile("^mongodb_driver_commands_seconds_count\\{([^}]*)\\}\\s+([0-9.eE+-]+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private DriverCommands() {}

  /** {@code service → "command collection" → count} now. */
  static Map<String, Map<String, Double>> read(Map<String, String> serviceUrls) {
    Map<String, Map<String, Double>> all = new LinkedHashMap<>();
    serviceUrls.forEach(
        (service, url) -> {
          Http.Response response = new Http(url).get("/actuator/prometheus");
          if (response.status() != 200) {
            throw new IllegalStateException(
                service + " /actuator/prometheus answered " + response.status());
          }
          all.put(service, parse(response.text()));
        });
    return all;
  }

  static Map<String, Double> parse(String exposition) {
    Map<String, Double> counts = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String key =
          labels.getOrDefault("command", "?") + " " + labels.getOrDefault("collection", "-");
      counts.merge(key, Double.parseDouble(m.group(2)), Double::sum);
    }
    return counts;
  }

  /** {@code after - before}, summed over the services, per "command collection". */
  static Map<String, Double> delta(
      Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after) {
    Map<String, Double> delta = new TreeMap<>();
    after.forEach(
        (service, counts) ->
            counts.forEach(
                (key, n) -> {
                  double was = before.getOrDefault(service, Map.of()).getOrDefault(key, 0.0);
                  if (n - was > 0) {
                    delta.merge(key, n - was, Double::sum);
                  }
                }));
    return delta;
  }

  static double writes(Map<String, Double> delta) {
    return delta.entrySet().stream()
        .filter(e -> WRITES.contains(e.getKey().split(" ")[0]))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  static double postPathWrites(Map<String, Double> delta) {
    return delta.entrySet().stream()
        .filter(
            e -> {
              String[] parts = e.getKey().split(" ");
              return parts[0].equals("insert") && POST_PATH_COLLECTIONS.contains(parts[1]);
            })
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }
}
