package org.fourinone.volunteer.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.local.mongo.IndexedH2Backend;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.matching.Matcher;
import org.fourinone.volunteer.matching.Needs;
import org.fourinone.volunteer.matching.Ranking;
import org.fourinone.volunteer.timebank.Ledger;
import org.fourinone.volunteer.volunteers.Skills;
import org.fourinone.volunteer.volunteers.Volunteers;

/**
 * The time bank's ledger and the matcher, measured on the store the local stack runs (the
 * MongoDB-wire server with its H2 file backend, in this process), or on {@code --mongo <uri>}.
 *
 * <ul>
 *   <li><b>ledger</b>: {@code --credits} credits for approved hours over {@code --accounts}
 *       volunteers' accounts from {@code --threads} threads, every {@code --retry-every}th sent a
 *       second time (a redelivered event, a retried request); then every balance is checked against
 *       the sum of its distinct credits, the bank's issuance account against the total, and the
 *       entries against two per transaction.
 *   <li><b>matching</b>: {@code --volunteers} active volunteers with skills and communities spread
 *       over {@code --communities} communities, {@code --needs} open needs; each need is matched
 *       (its candidates ranked, the best invited) and timed.
 * </ul>
 *
 * <pre>
 * ./mvnw -q -B -Pvolunteer-bench -pl volunteer-service -am -DskipTests verify \
 *     -Dvolunteer.bench.args="--credits 20000 --volunteers 10000 --needs 1000"
 * </pre>
 */
public final class VolunteerBenchmark {

  private static final String[] SKILLS = {
    "ELDERLY_COMPANION",
    "MEDICAL_ESCORT",
    "DISABILITY_ASSISTANCE",
    "DELIVERY",
    "HOME_REPAIR",
    "HAIRCUT",
    "TECH_HELP",
    "TUTORING",
    "TRANSLATION",
    "LEGAL_AID",
    "COUNSELLING_SUPPORT",
    "FIRST_AID",
    "CULTURE_ARTS",
    "EMERGENCY_SUPPORT",
    "ENVIRONMENT",
    "GENERAL"
  };

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int credits = Integer.parseInt(o.getOrDefault("credits", "20000"));
    int accounts = Integer.parseInt(o.getOrDefault("accounts", "500"));
    int threads = Integer.parseInt(o.getOrDefault("threads", "4"));
    int retryEvery = Integer.parseInt(o.getOrDefault("retry-every", "10"));
    int volunteers = Integer.parseInt(o.getOrDefault("volunteers", "10000"));
    int needs = Integer.parseInt(o.getOrDefault("needs", "1000"));
    int communities = Integer.parseInt(o.getOrDefault("communities", "60"));
    MongoServer server = null;
    String uri = o.get("mongo");
    Path dir = null;
    if (uri == null) {
      dir = Files.createTempDirectory("volunteer-bench-");
      H2Backend backend = new IndexedH2Backend(dir.resolve("store.mv").toString());
      server = new MongoServer(backend);
      InetSocketAddress address = server.bind();
      uri = "mongodb://127.0.0.1:" + address.getPort();
      System.out.println("store: the local stack's MongoDB-wire server, H2 file in " + dir);
    } else {
      System.out.println("store: " + uri);
    }
    try (MongoClient client = MongoClients.create(uri)) {
      MongoDatabase database =
          client.getDatabase("volunteer-bench-" + Long.toString(System.currentTimeMillis(), 36));
      System.out.printf(
          "machine: %d CPUs, Java %s, max heap %d MB%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.version(),
          Runtime.getRuntime().maxMemory() >> 20);
      ledger(database, credits, accounts, threads, retryEvery);
      matching(database, volunteers, needs, communities);
    } finally {
      if (server != null) {
        server.shutdownNow();
      }
    }
  }

  // ------------------------------------------------------------------ ledger

  static void ledger(MongoDatabase database, int credits, int accounts, int threads, int retryEvery)
      throws Exception {
    Ledger ledger =
        new Ledger(
            database, 0, Duration.ofSeconds(30), Clock.systemUTC(), new SimpleMeterRegistry());
    Random random = new Random(42);
    // {account index, amount in hundredths, minutes, credit number}
    List<long[]> distinct = new ArrayList<>();
    for (int i = 0; i < credits; i++) {
      long minutes = 30 + random.nextInt(8) * 15;
      distinct.add(new long[] {random.nextInt(accounts), minutes * 100 / 60, minutes, i});
    }
    List<long[]> sends = new ArrayList<>(distinct);
    for (int i = 0; retryEvery > 0 && i < credits; i += retryEvery) {
      sends.add(distinct.get(i)); // the same credit again: a redelivered event, a retried request
    }
    Collections.shuffle(sends, random);
    long[] expected = new long[accounts];
    long[] expectedMinutes = new long[accounts];
    long total = 0;
    for (long[] p : distinct) {
      expected[(int) p[0]] += p[1];
      expectedMinutes[(int) p[0]] += p[2];
      total += p[1];
    }
    String run = Long.toString(System.currentTimeMillis(), 36);
    long issuedBefore = ledger.balance(Ledger.ISSUANCE);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger done = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    int slice = (sends.size() + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
      List<long[]> mine =
          sends.subList(Math.min(t * slice, sends.size()), Math.min((t + 1) * slice, sends.size()));
      futures.add(
          pool.submit(
              () -> {
                for (long[] p : mine) {
                  long t0 = System.nanoTime();
                  ledger.transfer(
                      "hours:bench-" + run + "-" + p[3],
                      Ledger.Kind.HOURS_CREDIT,
                      Ledger.ISSUANCE,
                      Ledger.volunteerAccount("bench-" + run + "-" + p[0]),
                      p[1],
                      p[2],
                      "service-record:bench-" + p[3],
                      null);
                  latencies.add(System.nanoTime() - t0);
                  int n = done.incrementAndGet();
                  if (n % 5000 == 0) {
                    System.out.printf("  ledger: %d/%d posted%n", n, sends.size());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long elapsed = System.nanoTime() - started;
    pool.shutdown();
    int wrong = 0;
    for (int a = 0; a < accounts; a++) {
      String account = Ledger.volunteerAccount("bench-" + run + "-" + a);
      if (ledger.balance(account) != expected[a] || ledger.minutes(account) != expectedMinutes[a]) {
        wrong++;
      }
    }
    long issued = issuedBefore - ledger.balance(Ledger.ISSUANCE);
    long entries =
        database
            .getCollection(Ledger.ENTRIES)
            .countDocuments(
                new Document("txId", new Document("$regex", "^hours:bench-" + run + "-")));
    double seconds = elapsed / 1e9;
    System.out.println();
    System.out.println("| ledger | figure |");
    System.out.println("|---|---|");
    System.out.printf(
        "| credits sent (with %d redelivered / retried) | %d |%n",
        sends.size() - distinct.size(), sends.size());
    System.out.printf("| distinct credits posted | %d |%n", distinct.size());
    System.out.printf("| threads, accounts | %d, %d |%n", threads, accounts);
    System.out.printf("| credits/s (all sends) | %.0f |%n", sends.size() / seconds);
    System.out.printf(
        "| credit latency p50 / p99 | %s / %s ms |%n", ms(latencies, 50), ms(latencies, 99));
    System.out.printf(
        "| accounts whose balance or hours differ from the sum of their credits | %d of %d |%n",
        wrong, accounts);
    System.out.printf(
        "| issued by the bank vs credited | %d vs %d (hundredths) |%n", issued, total);
    System.out.printf(
        "| ledger entries (2 per distinct credit expected) | %d (expected %d) |%n",
        entries, 2L * distinct.size());
    System.out.println();
  }

  // ------------------------------------------------------------------ matching

  static void matching(MongoDatabase database, int volunteers, int needs, int communities)
      throws Exception {
    Random random = new Random(7);
    var places = new ReferenceReplica(database, new SimpleMeterRegistry());
    List<String> communityIds = new ArrayList<>();
    List<Document> communityDocs = new ArrayList<>();
    for (int c = 0; c < communities; c++) {
      String id = String.format("C-BENCH-%02d", c);
      communityIds.add(id);
      communityDocs.add(
          new Document("_id", id)
              .append("name", id)
              .append("streetId", "S-BENCH-" + (c / 6))
              .append(
                  "location",
                  new Document("lat", 39.90 + random.nextDouble() * 0.08)
                      .append("lng", 116.37 + random.nextDouble() * 0.10)));
    }
    database.getCollection("communities").insertMany(communityDocs);
    AuditTrail audit =
        new AuditTrail(database, "VOLUNTEER", Duration.ofDays(400), null, Clock.systemUTC());
    PersonalData pii =
        new PersonalData(
            java.util.Base64.getEncoder().encodeToString(new byte[32]),
            java.util.Base64.getEncoder().encodeToString(new byte[32]));
    Volunteers registry =
        new Volunteers(
            database,
            new Skills("org/fourinone/volunteer/volunteers/skills.json"),
            places,
            pii,
            new IdempotencyKeys(database),
            audit,
            "ZYZ110101",
            16,
            List.of(100, 300, 600, 1000, 1500),
            ZoneId.of("Asia/Shanghai"),
            Clock.systemUTC());
    long t0 = System.nanoTime();
    List<Document> batch = new ArrayList<>();
    for (int v = 0; v < volunteers; v++) {
      List<String> skills = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        String skill = SKILLS[random.nextInt(SKILLS.length)];
        if (!skills.contains(skill)) {
          skills.add(skill);
        }
      }
      String home = communityIds.get(random.nextInt(communities));
      List<String> served = new ArrayList<>(List.of(home));
      if (random.nextBoolean()) {
        String other = communityIds.get(random.nextInt(communities));
        if (!served.contains(other)) {
          served.add(other);
        }
      }
      batch.add(
          new Document("_id", "V-BENCH-" + v)
              .append("name", "志愿者" + v)
              .append("status", "ACTIVE")
              .append("skills", skills)
              .append("homeCommunityId", home)
              .append("communityIds", served)
              .append(
                  "availability",
                  List.of(
                      new Document("day", java.time.DayOfWeek.of(1 + random.nextInt(7)).name())
                          .append("from", "08:00")
                          .append("to", "18:00")))
              .append("health", new Document("fit", random.nextInt(50) != 0))
              .append(
                  "rating",
                  new Document("sum", (long) random.nextInt(20))
                      .append("count", (long) random.nextInt(5)))
              .append("matchedAt", List.of())
              .append("volunteerNumber", "ZYZ-BENCH-" + v)
              .append("sequence", 1L));
      if (batch.size() == 1000) {
        database.getCollection(Volunteers.COLLECTION).insertMany(batch);
        batch.clear();
        System.out.printf("  matching: %d/%d volunteers loaded%n", v + 1, volunteers);
      }
    }
    if (!batch.isEmpty()) {
      database.getCollection(Volunteers.COLLECTION).insertMany(batch);
    }
    Instant past = Instant.now().minusSeconds(60);
    List<Document> needDocs = new ArrayList<>();
    for (int n = 0; n < needs; n++) {
      needDocs.add(
          new Document("_id", "N-BENCH-" + n)
              .append("source", "ORDER")
              .append("skill", SKILLS[random.nextInt(SKILLS.length - 1)])
              .append("communityId", communityIds.get(random.nextInt(communities)))
              .append("state", "OPEN")
              .append("asked", List.of())
              .append("history", List.of())
              .append("dueAt", past.toString())
              .append("createdAt", past.toString())
              .append("announced", false)
              .append("sequence", 1L));
    }
    database.getCollection(Needs.COLLECTION).insertMany(needDocs);
    System.out.printf(
        "  matching: %d volunteers, %d needs, %d communities loaded in %.1f s%n",
        volunteers, needs, communities, (System.nanoTime() - t0) / 1e9);
    Needs store =
        new Needs(
            database,
            registry,
            audit,
            Duration.ofMinutes(30),
            Duration.ofSeconds(30),
            Clock.systemUTC());
    Ranking ranking =
        new Ranking(
            new Ranking.Weights(0.30, 0.25, 0.20, 0.15, 0.10), 5000, ZoneId.of("Asia/Shanghai"));
    Matcher matcher =
        new Matcher(
            store,
            registry,
            ranking,
            places,
            null,
            null,
            null,
            OriginSystem.VOLUNTEER,
            500,
            Duration.ofMinutes(10));
    List<Long> latencies = new ArrayList<>();
    AtomicLong invited = new AtomicLong();
    long started = System.nanoTime();
    for (int n = 0; n < needs; n++) {
      long s = System.nanoTime();
      Map<String, double[]> locations = new ConcurrentHashMap<>();
      if (matcher.matchOne("N-BENCH-" + n, locations)) {
        Document need = store.find("N-BENCH-" + n).orElseThrow();
        if ("INVITED".equals(need.getString("state"))) {
          invited.incrementAndGet();
        }
      }
      latencies.add(System.nanoTime() - s);
      if ((n + 1) % 200 == 0) {
        System.out.printf("  matching: %d/%d needs matched%n", n + 1, needs);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.println();
    System.out.println("| matching | figure |");
    System.out.println("|---|---|");
    System.out.printf(
        "| volunteers, open needs, communities | %d, %d, %d |%n", volunteers, needs, communities);
    System.out.printf("| needs with a volunteer invited | %d of %d |%n", invited.get(), needs);
    System.out.printf(
        "| matching latency per need (rank + invite) p50 / p99 / max | %s / %s / %s ms |%n",
        ms(latencies, 50), ms(latencies, 99), ms(latencies, 100));
    System.out.printf("| needs matched/s, one matcher | %.1f |%n", needs / seconds);
  }

  private static String ms(List<Long> nanos, int percentile) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return "–";
    }
    int i = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
    return String.format("%.1f", sorted.get(Math.max(0, i)) / 1e6);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return o;
  }
}
