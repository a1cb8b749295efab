package org.fourinone.systemtests.bench.district;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.consumer.Inbox;
import org.fourinone.kit.consumer.SequencedUpsert;
import org.fourinone.kit.ids.RandomIds;
import org.fourinone.kit.outbox.OutboxRelay;
import org.fourinone.kit.personaldata.Masking;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.local.IdNumbers;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderAction;
import org.fourinone.order.OrderJson;
import org.fourinone.order.OrderStatus;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.SatisfactionLevel;
import org.fourinone.order.application.OrderQueries;
import org.fourinone.order.application.Orders;
import org.fourinone.systemtests.bench.district.District.Community;
import org.fourinone.systemtests.bench.district.District.Kind;
import org.fourinone.systemtests.bench.district.District.Organisation;

/**
 * Generates a district straight into the four services' databases, in the shapes the services
 * write: residents (public-service's registry with its encrypted ID numbers and phones, and the
 * replicas of the other three), orders — each one the origin's aggregate plus the three
 * projections, their lifecycle built with the contract's own {@link Order} methods and stored as
 * {@code Orders} and {@link SequencedUpsert} store them — and the records the systems keep about
 * them: 三社联动's dispatches, the volunteer system's needs, service records, tasks, volunteers, teams
 * and activities, the party system's memberships and member service counts, public-service's
 * resident file.
 *
 * <p>Seeded and reproducible: every resident, order and volunteer is drawn from its own random
 * stream ({@code seed}, kind, index), its id made unique by construction. Order {@code j} belongs
 * to one of the residents {@code 0 … j/10} (residents joined over time: the first ones placed the
 * most orders), so a district of {@code n} orders is the first {@code n} orders of a larger one:
 * {@link #load} adds orders {@code [loaded, to)} and the residents they need, and three loads to
 * 10^4, 10^5 and 10^6 give the same orders as one load to 10^6. Only the ciphertexts differ from
 * run to run (random IVs, as the service encrypts) and decrypt to the same values.
 *
 * <p>Nothing the platform's automation would pick up is left open: 三社联动 orders that go to
 * organisations are past the offer (the dispatcher would offer, time out and re-offer), volunteer
 * needs are matched and announced (the matcher would invite), so the services stay idle while they
 * are measured.
 */
public final class DistrictGenerator {

  /** Orders per resident, on average. */
  public static final int ORDERS_PER_RESIDENT = 10;

  /** Share of residents registered as volunteers (志愿者). */
  static final int VOLUNTEER_ONE_IN = 40;

  /** Share of residents who are party members (党员, about 6-7 % of the population). */
  static final int PARTY_MEMBER_ONE_IN = 16;

  /** How the orders divide between the systems they are placed in. */
  static final Map<OriginSystem, Double> SYSTEM_SHARE =
      shares(OriginSystem.class, 0.15, 0.35, 0.30, 0.20); // PARTY, PUBLIC, SANSHE, VOLUNTEER

  /** The four channels' shares, among those a type is offered through. */
  static final Map<Channel, Double> CHANNEL_SHARE =
      shares(Channel.class, 0.15, 0.40, 0.25, 0.20); // WEB, APP, CALL_CENTER, DOOR_TO_DOOR

  /** 好差评 of the rated orders: 非常满意 … 非常不满意. */
  static final Map<SatisfactionLevel, Double> LEVEL_SHARE =
      shares(SatisfactionLevel.class, 0.55, 0.30, 0.10, 0.04, 0.01);

  /**
   * Weights in the enum's order, iterated in that order (a {@code Map.of} is not: its order changes
   * from JVM to JVM).
   */
  private static <E extends Enum<E>> Map<E, Double> shares(Class<E> type, double... weights) {
    Map<E, Double> map = new EnumMap<>(type);
    E[] values = type.getEnumConstants();
    for (int i = 0; i < values.length; i++) {
      map.put(values[i], weights[i]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /** The local stack's 三社联动 time to accept an offer (Platform.SANSHE_ACCEPT_WITHIN). */
  static final Duration ACCEPT_WITHIN = Duration.ofMinutes(2);

  /** The local stack's time a volunteer has to answer an invitation. */
  static final Duration INVITE_WITHIN = Duration.ofMinutes(2);

  /** The volunteer records' daily cap (fourinone.volunteer.records.daily-cap). */
  static final long DAILY_CAP_MINUTES = 600;

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Time-bank points per hour by kind of service (fourinone.volunteer.timebank). */
  static final Map<String, BigDecimal> POINTS_PER_HOUR =
      Map.of(
          "MEDICAL_ESCORT", new BigDecimal("1.5"),
          "DISABILITY_ASSISTANCE", new BigDecimal("1.2"),
          "FIRST_AID", new BigDecimal("1.5"));

  static final String VOLUNTEER_NUMBER_PREFIX = "ZYZ110101";

  // databases (each service's own, named after its API segment) and collections
  static final String PARTY = "party";
  static final String PUBLIC = "public";
  static final String SANSHE = "sanshe";
  static final String VOLUNTEER = "volunteer";
  static final String ORDERS = "orders";
  static final String RESIDENTS = "residents";

  /** Where each database sits: the origin's name for it. */
  static String database(OriginSystem system) {
    return system.segment();
  }

  /** What is written to the store: documents to insert, then changes of what was there. */
  public interface Sink {
    void insert(String database, String collection, Document document);

    /** A change of documents written before: applied after every insert of the same load. */
    void write(String database, String collection, WriteModel<Document> write);
  }

  /** What one {@link #load} added. */
  public record Loaded(long residents, long orders, Map<String, Long> documents) {}

  private final District district;
  private final long seed;
  private final Instant end;
  private final Instant start;
  private final PersonalData pii;
  private final Tally tally = new Tally();

  private long ordersLoaded;
  private int residentsLoaded;
  private int residentsSeen; // residents [0, residentsSeen) are in the pools below
  private final Map<String, List<Integer>> volunteersByCommunity = new HashMap<>();
  private final Map<String, List<Integer>> partyMembersByCommunity = new HashMap<>();
  private final List<Integer> allVolunteers = new ArrayList<>();
  private final Map<Integer, VolunteerState> volunteerStates = new HashMap<>();
  private final Map<Integer, Served> memberService = new HashMap<>();
  private final Map<String, Long> lastOffered = new TreeMap<>();
  private boolean teamsWritten;

  // what the current load collects and writes at its end
  private Map<Integer, int[]> elsewhere;
  private Set<Integer> volunteersTouched;
  private Set<Integer> membersTouched;
  private Map<String, Long> counts;
  private Sink sink;

  /**
   * @param end the end of the year the orders are spread over (their created times are in the year
   *     before); every step of an order's life happens before it
   * @param pii the services' personal-data keys (the local stack runs the kit's development keys:
   *     {@code new PersonalData(new PersonalData.Settings("", "", "", "", "", "", ""))})
   */
  public DistrictGenerator(District district, long seed, Instant end, PersonalData pii) {
    this.district = district;
    this.seed = seed;
    this.end = end.truncatedTo(ChronoUnit.MILLIS);
    this.start = this.end.minus(Duration.ofDays(365));
    this.pii = pii;
    tally.year(Tally.yearOf(this.end.minusMillis(1)));
    district
        .catalogues()
        .forEach(
            (system, kinds) -> {
              // a few types are asked for much more often than the rest (1/rank^0.8)
              Map<Kind, Double> weights = new LinkedHashMap<>();
              for (int i = 0; i < kinds.size(); i++) {
                weights.put(kinds.get(i), 1 / Math.pow(i + 1, 0.8));
              }
              typeWeights.put(system, weights);
            });
  }

  private final Map<OriginSystem, Map<Kind, Double>> typeWeights =
      new EnumMap<>(OriginSystem.class);

  /** The residents a district of {@code orders} orders has. */
  public static int residentsFor(long orders) {
    return (int) ((orders + ORDERS_PER_RESIDENT - 1) / ORDERS_PER_RESIDENT);
  }

  public long ordersLoaded() {
    return ordersLoaded;
  }

  public int residentsLoaded() {
    return residentsLoaded;
  }

  /** What the generated district holds, for checking the platform's answers against. */
  public Tally tally() {
    return tally;
  }

  public District district() {
    return district;
  }

  public Instant end() {
    return end;
  }

  /**
   * Adds orders {@code [ordersLoaded(), toOrders)} with the residents they belong to and everything
   * the systems record about them.
   */
  public Loaded load(long toOrders, Sink sink) {
    if (toOrders < ordersLoaded) {
      throw new IllegalArgumentException(
          "the district has " + ordersLoaded + " orders already; it only grows");
    }
    this.sink = sink;
    this.elsewhere = new HashMap<>();
    this.volunteersTouched = new LinkedHashSet<>();
    this.membersTouched = new LinkedHashSet<>();
    this.counts = new TreeMap<>();
    int residentsBefore = residentsLoaded;
    int residentsAfter = residentsFor(toOrders);
    tally.residents(residentsAfter);
    grow(residentsAfter);
    // in the order of the ids: the store's B-trees then take each batch into a few neighbouring
    // pages instead of a page per document (the ids are random within a system and a day)
    for (long j : inIdOrder(ordersLoaded, toOrders)) {
      order(j);
    }
    for (int r = residentsBefore; r < residentsAfter; r++) {
      Person p = person(r);
      if (p.volunteer() && random(ACTIVITY, r).nextInt(4) == 0) {
        activity(p); // credits the volunteers who served before their documents are written
      }
    }
    long[] residents = new long[residentsAfter - residentsBefore];
    for (int r = residentsBefore; r < residentsAfter; r++) {
      residents[r - residentsBefore] = scramble(RESIDENT, r, 50);
    }
    java.util.Arrays.sort(residents);
    for (long x : residents) {
      resident((int) unscramble(RESIDENT, x, 50));
    }
    finish(residentsBefore);
    long added = toOrders - ordersLoaded;
    ordersLoaded = toOrders;
    residentsLoaded = residentsAfter;
    Map<String, Long> written = Map.copyOf(counts);
    this.sink = null;
    return new Loaded(residentsAfter - residentsBefore, added, written);
  }

  // ---------------------------------------------------------------- randomness

  private static final long RESIDENT = 1;
  private static final long ORDER = 2;
  private static final long VOLUNTEER_KIND = 3;
  private static final long TEAM = 4;
  private static final long ACTIVITY = 5;

  SplittableRandom random(long kind, long index) {
    return new SplittableRandom(
        mix(seed * 0x9E3779B97F4A7C15L + kind * 0xBF58476D1CE4E5B9L + index));
  }

  /** SplitMix64's finalizer: neighbouring inputs give unrelated seeds. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * {@code length} characters of the platform's id alphabet for {@code index}, distinct for every
   * index below 2^(5·length): an odd multiplier is a bijection modulo a power of two.
   */
  private String idChars(long kind, long index, int length) {
    long x = scramble(kind, index, 5 * length);
    char[] out = new char[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = RandomIds.ALPHABET.charAt((int) (x & 31));
      x >>>= 5;
    }
    return new String(out);
  }

  /** An odd multiplier: a bijection modulo every power of two. */
  private static final long SCRAMBLE = 0x5DEECE66DL * 2 + 1;

  /** {@code index}, scrambled to {@code bits} bits: distinct for every index below 2^bits. */
  long scramble(long kind, long index, int bits) {
    long mask = (1L << bits) - 1;
    return (index * SCRAMBLE + (mix(seed + kind) & mask)) & mask;
  }

  /** The index {@link #scramble} made {@code x} of. */
  long unscramble(long kind, long x, int bits) {
    long mask = (1L << bits) - 1;
    long inverse = SCRAMBLE; // Newton's iteration doubles the correct low bits each step
    for (int i = 0; i < 6; i++) {
      inverse *= 2 - SCRAMBLE * inverse;
    }
    return ((x - (mix(seed + kind) & mask)) * inverse) & mask;
  }

  /** {@code n} in {@code digits} digits, zeros in front. */
  static String pad(long n, int digits) {
    String s = Long.toString(n);
    return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
  }

  private static String uuid(SplittableRandom random) {
    long msb = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static <T> T weighted(SplittableRandom random, Map<T, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double x = random.nextDouble() * total;
    T last = null;
    for (Map.Entry<T, Double> e : weights.entrySet()) {
      last = e.getKey();
      x -= e.getValue();
      if (x < 0) {
        return last;
      }
    }
    return last;
  }

  /** Log-uniform between the two durations: most steps quick, a tail of slow ones. */
  private static Duration between(SplittableRandom random, Duration min, Duration max) {
    double lo = Math.log(min.toMillis());
    double hi = Math.log(max.toMillis());
    return Duration.ofMillis((long) Math.exp(lo + random.nextDouble() * (hi - lo)));
  }

  // ---------------------------------------------------------------- residents

  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗"
  };
  private static final String[] GIVEN = {
    "建国", "秀英", "伟", "芳", "志强", "丽娟", "明", "桂兰", "磊", "静", "淑珍", "海涛", "玉兰", "国华", "文", "敏", "晓东",
    "雪梅", "立新", "春燕", "德胜", "凤英", "浩然", "子涵", "红梅", "永刚"
  };
  private static final String[] MOBILE_PREFIXES = {
    "138", "139", "150", "186", "135", "177", "158", "189", "131", "199"
  };
  private static final String[] REGIONS = {
    "110101", "110105", "310104", "440305", "330106", "510107", "420106", "320102"
  };

  /** A resident, everything drawn from their own stream. */
  record Person(
      int index,
      String residentId,
      Community community,
      String name,
      String idNumber,
      String phone,
      String address,
      Instant registeredAt,
      boolean volunteer,
      boolean partyMember) {}

  /** The resident {@code r} (kept once drawn: orders look their residents up all the time). */
  Person person(int r) {
    if (r < people.length && people[r] != null) {
      return people[r];
    }
    return drawPerson(r);
  }

  private Person[] people = new Person[0];

  private Person drawPerson(int r) {
    SplittableRandom random = random(RESIDENT, r);
    Community community = district.communities().get(random.nextInt(district.communities().size()));
    boolean male = random.nextBoolean();
    String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    // ID numbers and phones unique by construction: (birth day, sequence) and the digits are
    // bijections of the index
    LocalDate birth =
        LocalDate.of(1940, 1, 1).plusDays(Math.floorMod((r / 500) * 7919L + seed, 24_000));
    String idNumber = IdNumbers.of(REGIONS[random.nextInt(REGIONS.length)], birth, r % 500, male);
    String phone =
        MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
            + pad(Math.floorMod(r * 7919L + seed, 100_000_000L), 8);
    String address =
        community.streetName()
            + community.name()
            + (1 + random.nextInt(24))
            + "号楼"
            + (1 + random.nextInt(4))
            + "单元"
            + (1 + random.nextInt(18))
            + "0"
            + (1 + random.nextInt(4))
            + "室";
    Instant registeredAt =
        start.minus(Duration.ofMinutes(60L * 24 * 365 + random.nextLong(60L * 24 * 365)));
    boolean volunteer = r == 0 || random.nextInt(VOLUNTEER_ONE_IN) == 0;
    boolean partyMember = r == 0 || random.nextInt(PARTY_MEMBER_ONE_IN) == 0;
    return new Person(
        r,
        "R-" + idChars(RESIDENT, r, 10),
        community,
        name,
        idNumber,
        phone,
        address,
        registeredAt.truncatedTo(ChronoUnit.MILLIS),
        volunteer,
        partyMember);
  }

  /**
   * Puts residents up to {@code residents} into the pools orders draw volunteers and members from.
   */
  private void grow(int residents) {
    if (residents > people.length) {
      people = java.util.Arrays.copyOf(people, Math.max(residents, people.length * 2));
    }
    for (int r = residentsSeen; r < residents; r++) {
      Person p = drawPerson(r);
      people[r] = p;
      if (p.volunteer()) {
        volunteersByCommunity
            .computeIfAbsent(p.community().communityId(), c -> new ArrayList<>())
            .add(r);
        allVolunteers.add(r);
        volunteerStates.put(
            r, new VolunteerState(volunteerNumber(allVolunteers.size()), drawSkills(r)));
      }
      if (p.partyMember()) {
        partyMembersByCommunity
            .computeIfAbsent(p.community().communityId(), c -> new ArrayList<>())
            .add(r);
      }
    }
    residentsSeen = Math.max(residentsSeen, residents);
  }

  private void resident(int r) {
    Person p = person(r);
    Community c = p.community();
    Document data =
        new Document("residentId", p.residentId())
            .append("sequence", 1L)
            .append("name", p.name())
            .append("communityId", c.communityId())
            .append("streetId", c.streetId())
            .append("idNumberMasked", Masking.idNumber(p.idNumber()))
            .append("phoneMasked", Masking.mobile(p.phone()))
            .append("registeredAt", p.registeredAt().toString());
    Document registry = new Document("_id", p.residentId());
    registry.putAll(data);
    registry
        .append("idNumberEncrypted", pii.encrypt(p.idNumber()))
        .append("idNumberHash", pii.hash(p.idNumber()))
        .append("idNumberHashKey", pii.activeHashKey())
        .append("phoneEncrypted", pii.encrypt(p.phone()))
        .append("phoneHash", pii.hash(p.phone()))
        .append("address", p.address())
        .append(OutboxRelay.FIELD, new ArrayList<>());
    int[] file = elsewhere.remove(r);
    if (file != null) {
      registry.append(ResidentFile.FIELD, ResidentFile.document(file));
    }
    insert(PUBLIC, RESIDENTS, registry);
    // the other three keep what community.residents.v1 tells them (ReferenceReplica)
    Document replica = new Document("_id", p.residentId());
    for (String field :
        List.of("name", "communityId", "streetId", "idNumberMasked", "phoneMasked")) {
      replica.put(field, data.get(field));
    }
    replica.put(SequencedUpsert.SEQUENCE, 1L);
    for (String db : List.of(PARTY, SANSHE, VOLUNTEER)) {
      insert(db, RESIDENTS, new Document(replica));
    }
    if (p.partyMember()) {
      membership(p);
    }
    if (p.volunteer()) {
      volunteer(p);
    }
  }

  /**
   * public-service's 一人一档 counts of the resident's orders elsewhere ({@code servicesElsewhere}).
   */
  static final class ResidentFile {
    static final String FIELD = "servicesElsewhere";
    static final List<OriginSystem> OTHERS =
        List.of(OriginSystem.PARTY, OriginSystem.SANSHE, OriginSystem.VOLUNTEER);

    static int slot(OriginSystem system, boolean completed) {
      return OTHERS.indexOf(system) * 2 + (completed ? 1 : 0);
    }

    static Document document(int[] counts) {
      Document file = new Document();
      for (OriginSystem system : OTHERS) {
        Document kinds = new Document();
        int placed = counts[slot(system, false)];
        int completed = counts[slot(system, true)];
        if (placed > 0) {
          kinds.append("placed", placed);
        }
        if (completed > 0) {
          kinds.append("completed", completed);
        }
        if (!kinds.isEmpty()) {
          file.append(system.name(), kinds);
        }
      }
      return file;
    }
  }

  // ---------------------------------------------------------------- party building (#8)

  private static String branchId(Community c, int n) {
    return "PB-" + c.suffix().toUpperCase(Locale.ROOT) + "-" + n;
  }

  private static String branchName(Community c, int n) {
    return c.name() + "第" + "一二三".charAt(n - 1) + "党支部";
  }

  private int branchOf(Person p) {
    return 1 + Math.floorMod(p.index(), 3);
  }

  /** 党员身份 as the party system records it (Memberships.record): one document per member. */
  private void membership(Person p) {
    Community c = p.community();
    int n = branchOf(p);
    Instant at = membershipRecordedAt(p);
    Document doc =
        new Document("_id", p.residentId())
            .append("member", true)
            .append("branchId", branchId(c, n))
            .append("branchName", branchName(c, n))
            .append("communityId", c.communityId())
            .append("recordedBy", "party-" + c.suffix())
            .append("recordedAt", at.toString())
            .append("sequence", 1L)
            .append(OutboxRelay.FIELD, new ArrayList<>());
    insert(PARTY, "memberships", doc);
  }

  private Instant membershipRecordedAt(Person p) {
    // after the volunteer registrations, so that the volunteer system confirmed them
    return start.minus(Duration.ofMinutes(1 + Math.floorMod(p.index() * 31L, 20 * 24 * 60)));
  }

  /** 党员服务记录 (MemberService): orders a member completed. */
  static final class Served {
    long orders;
    String lastOrderId;
    Instant lastServedAt;
    final Map<String, Long> bySystem = new TreeMap<>();
  }

  // ---------------------------------------------------------------- volunteers (#9, #13)

  /** What the volunteer registry holds of a volunteer beyond their registration. */
  static final class VolunteerState {
    final String number;
    final List<String> skills;
    long approvedMinutes;
    long ratingSum;
    long ratingCount;
    int stars;
    long sequence = 2; // registered, reviewed
    final java.util.TreeSet<Instant> matchedAt = new java.util.TreeSet<>();

    List<String> matchedAt() {
      return matchedAt.stream().map(Instant::toString).toList();
    }

    VolunteerState(String number, List<String> skills) {
      this.number = number;
      this.skills = skills;
    }
  }

  private static String volunteerNumber(int ordinal) {
    return VOLUNTEER_NUMBER_PREFIX + "2025" + pad(ordinal, 6);
  }

  String volunteerId(int r) {
    return "V-" + idChars(VOLUNTEER_KIND, r, 10);
  }

  private List<String> skillsOf(int r) {
    return volunteerStates.get(r).skills;
  }

  private List<String> drawSkills(int r) {
    SplittableRandom random = random(VOLUNTEER_KIND, r);
    List<String> all = district.volunteerSkills();
    Set<String> skills = new LinkedHashSet<>();
    int n = 2 + random.nextInt(3);
    while (skills.size() < n) {
      skills.add(all.get(random.nextInt(all.size())));
    }
    return List.copyOf(skills);
  }

  private Instant volunteerRegisteredAt(int r) {
    SplittableRandom random = random(VOLUNTEER_KIND, r + 1_000_000_000L);
    return start
        .minus(Duration.ofMinutes(30L * 24 * 60 + random.nextLong(300L * 24 * 60)))
        .truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A volunteer registered by their community's worker from the resident registry and reviewed
   * (Volunteers.register, changeStatus ACTIVE), with what the current load credited them.
   */
  private void volunteer(Person p) {
    int r = p.index();
    VolunteerState state = volunteerStates.get(r);
    Community c = p.community();
    String worker = "cw-" + c.suffix();
    Instant registered = volunteerRegisteredAt(r);
    Instant reviewed = registered.plus(Duration.ofHours(2 + Math.floorMod(r, 70)));
    SplittableRandom random = random(VOLUNTEER_KIND, r + 2_000_000_000L);
    List<Document> availability = new ArrayList<>();
    String[] days = {"SATURDAY", "SUNDAY", "WEDNESDAY", "FRIDAY", "MONDAY"};
    for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
      int from = 8 + random.nextInt(8);
      availability.add(
          new Document("day", days[(r + i) % days.length])
              .append("from", String.format(Locale.ROOT, "%02d:00", from))
              .append("to", String.format(Locale.ROOT, "%02d:00", from + 3)));
    }
    Document partyMember;
    if (p.partyMember()) {
      int n = branchOf(p);
      partyMember =
          new Document("declared", true)
              .append("confirmed", true)
              .append("branchId", branchId(c, n))
              .append("branchName", branchName(c, n))
              .append("sequence", 1L);
    } else {
      partyMember = new Document("declared", false).append("confirmed", false);
    }
    Document doc =
        new Document("residentId", p.residentId())
            .append("name", p.name())
            .append("idNumberMasked", Masking.idNumber(p.idNumber()))
            .append("phoneMasked", Masking.mobile(p.phone()))
            .append("identity", "REGISTRY")
            .append("homeCommunityId", c.communityId())
            .append("streetId", c.streetId())
            .append("skills", skillsOf(r))
            .append("languages", List.of("zh"))
            .append("availability", availability)
            .append("communityIds", List.of(c.communityId()))
            .append("streetIds", List.of(c.streetId()))
            .append("health", new Document("fit", true))
            .append(
                "insurance",
                random.nextInt(3) == 0
                    ? new Document("insured", false)
                    : new Document("insured", true).append("until", "2027-12-31"))
            .append("partyMember", partyMember)
            .append("accountId", null)
            .append("_id", volunteerId(r))
            .append("volunteerNumber", state.number)
            .append("status", "ACTIVE")
            .append(
                "statusHistory",
                List.of(
                    new Document("status", "PENDING_REVIEW")
                        .append("at", registered.toString())
                        .append("by", worker)
                        .append("reason", "注册"),
                    new Document("status", "ACTIVE")
                        .append("at", reviewed.toString())
                        .append("by", worker)
                        .append("reason", "实名信息核验通过")))
            .append("stars", state.stars)
            .append("approvedMinutes", state.approvedMinutes)
            .append(
                "rating", new Document("sum", state.ratingSum).append("count", state.ratingCount))
            .append("matchedAt", new ArrayList<>(state.matchedAt()))
            .append("registeredAt", registered.toString())
            .append("registeredBy", worker)
            .append("sequence", state.sequence)
            .append(OutboxRelay.FIELD, new ArrayList<>());
    volunteersTouched.remove(r); // written whole
    insert(VOLUNTEER, "volunteers", doc);
    tally.volunteer(c);
  }

  private int starsFor(long minutes) {
    int stars = 0;
    for (int hours : district.starHours()) {
      if (minutes >= hours * 60L) {
        stars++;
      }
    }
    return stars;
  }

  /** A volunteer of the community (else of its street, else any) with the skill if one has it. */
  private int pickVolunteer(SplittableRandom random, Community c, String skill, int pool) {
    List<Integer> candidates = within(volunteersByCommunity.get(c.communityId()), pool);
    if (candidates.isEmpty()) {
      for (Community other : district.communitiesOf(c.streetId())) {
        candidates = within(volunteersByCommunity.get(other.communityId()), pool);
        if (!candidates.isEmpty()) {
          break;
        }
      }
    }
    if (candidates.isEmpty()) {
      candidates = within(allVolunteers, pool);
    }
    int first = random.nextInt(candidates.size());
    for (int i = 0; i < Math.min(candidates.size(), 12); i++) {
      int r = candidates.get((first + i) % candidates.size());
      if (skill == null || skillsOf(r).contains(skill)) {
        return r;
      }
    }
    return candidates.get(first);
  }

  private int pickPartyMember(SplittableRandom random, Community c, int pool) {
    List<Integer> candidates = within(partyMembersByCommunity.get(c.communityId()), pool);
    if (candidates.isEmpty()) {
      candidates =
          within(
              partyMembersByCommunity.values().stream().flatMap(List::stream).sorted().toList(),
              pool);
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  /** The list's residents below {@code pool} (the list is in ascending order). */
  private static List<Integer> within(List<Integer> residents, int pool) {
    if (residents == null) {
      return List.of();
    }
    int n = 0;
    while (n < residents.size() && residents.get(n) < pool) {
      n++;
    }
    return residents.subList(0, n);
  }

  // ---------------------------------------------------------------- orders

  /**
   * Orders {@code [from, to)} in the order of their ids ({@code SYSTEM-yyMMdd-XXXXXXXX}): each id
   * as a number — the system, the day, the scrambled index — sorted, the index recovered from it.
   */
  private long[] inIdOrder(long from, long to) {
    long[] keys = new long[(int) (to - from)];
    for (long j = from; j < to; j++) {
      Draft d = draft(j);
      long day = LocalDate.ofInstant(d.createdAt(), ZoneOffset.UTC).toEpochDay() - EPOCH_DAY_BASE;
      keys[(int) (j - from)] =
          ((long) d.system().ordinal() << 61) | (day << 40) | scramble(ORDER, j, 40);
    }
    java.util.Arrays.sort(keys);
    for (int i = 0; i < keys.length; i++) {
      keys[i] = unscramble(ORDER, keys[i] & ((1L << 40) - 1), 40);
    }
    return keys;
  }

  /** Days before any order: 2000-01-01 (2^21 days after it are 5 700 years). */
  private static final long EPOCH_DAY_BASE = LocalDate.of(2000, 1, 1).toEpochDay();

  /** An order before its documents: what it is, whose, when, and its life's plan. */
  private record Draft(
      SplittableRandom random,
      OriginSystem system,
      Kind kind,
      Person person,
      Channel channel,
      Instant createdAt,
      Plan plan) {}

  /** One step of an order's life, in the order of time. */
  private record Step(
      Instant at, OrderAction action, String by, String text, Order.Assignment to) {}

  /** An order's events as the origin published them: the snapshot after each and its id. */
  private record Event(Order order, String eventId) {
    OrderAction action() {
      return order.lastAction();
    }
  }

  /** How the order's life goes: to its end, or stopped early. */
  private enum Fate {
    COMPLETED,
    CANCELLED,
    REJECTED,
    STALLED
  }

  /**
   * The need of an order that asks for a volunteer: who was invited and when; when they said yes
   * and the matcher told the order (null: the order was cancelled first).
   */
  private record Match(int volunteer, Instant invited, Instant accepted, Instant announced) {}

  /**
   * The steps an order takes after its placement and who takes part.
   *
   * @param mustReach when what the automation does right after placing is done (null: nothing)
   * @param volunteer the volunteer the order was assigned to (-1: none)
   * @param member the party member it was assigned to (-1: none)
   */
  private record Plan(
      List<Step> steps,
      SatisfactionLevel level,
      Match match,
      Organisation organisation,
      boolean unserved,
      Instant mustReach,
      int volunteer,
      int member) {}

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

  private static final long PLAN = 6;

  private static final String[] CANCEL_REASONS = {"居民撤单：问题已自行解决", "居民撤单：时间不方便", "重复下单"};
  private static final String[] REJECT_REASONS = {"材料不全，请补正后重新申请", "不属于本系统受理范围", "申请条件不符合"};
  private static final String[] COMMENTS = {"办事快，态度好", "很满意", "服务周到", null, null};

  private Draft draft(long j) {
    SplittableRandom random = random(ORDER, j);
    OriginSystem system = weighted(random, SYSTEM_SHARE);
    Kind kind = weighted(random, typeWeights.get(system));
    int pool = (int) (j / ORDERS_PER_RESIDENT) + 1;
    Person person = person(random.nextInt(pool));
    Community c = person.community();
    Map<Channel, Double> channelWeights = new EnumMap<>(Channel.class);
    for (Channel ch : Channel.values()) {
      if (kind.channels().contains(ch)) {
        channelWeights.put(ch, CHANNEL_SHARE.get(ch));
      }
    }
    Channel channel = weighted(random, channelWeights);
    int f = random.nextInt(1000);
    Fate fate =
        f < 40 ? Fate.CANCELLED : f < 60 ? Fate.REJECTED : f < 75 ? Fate.STALLED : Fate.COMPLETED;
    // created over the year, mostly in the daytime (UTC+8)
    long day = random.nextLong(365);
    int hour = random.nextInt(100) < 88 ? 8 + random.nextInt(12) : random.nextInt(24);
    Instant createdAt =
        LocalDate.ofInstant(start, ZONE)
            .plusDays(day)
            .atTime(hour, random.nextInt(60), random.nextInt(60))
            .atZone(ZONE)
            .toInstant()
            .plusMillis(random.nextInt(1000));
    if (createdAt.isBefore(start) || !createdAt.isBefore(end)) {
      createdAt = start.plus(Duration.ofMinutes(random.nextInt(600)));
    }
    Plan plan = plan(random(PLAN, j), system, kind, person, channel, fate, createdAt, pool);
    if (plan.mustReach() != null && plan.mustReach().isAfter(end)) {
      // what the automation does within minutes of a placement is done before the year ends: the
      // same plan, earlier
      createdAt = createdAt.minus(Duration.between(end, plan.mustReach()).plusMinutes(1));
      plan = plan(random(PLAN, j), system, kind, person, channel, fate, createdAt, pool);
    }
    return new Draft(
        random, system, kind, person, channel, createdAt.truncatedTo(ChronoUnit.MILLIS), plan);
  }

  private void order(long j) {
    Draft d = draft(j);
    SplittableRandom random = d.random();
    OriginSystem system = d.system();
    Kind kind = d.kind();
    Person person = d.person();
    Community c = person.community();
    Channel channel = d.channel();
    Instant createdAt = d.createdAt();
    Plan plan = d.plan();
    String orderId = system.name() + "-" + DAY.format(createdAt) + "-" + idChars(ORDER, j, 8);
    String operator =
        switch (channel) {
          case CALL_CENTER -> "cc-" + c.suffix();
          case DOOR_TO_DOOR -> "cw-" + c.suffix();
          default -> null;
        };
    Order.Consent consent =
        switch (channel) {
          case CALL_CENTER -> new Order.Consent(true, Order.ConsentMethod.PHONE_RECORDING);
          case DOOR_TO_DOOR ->
              new Order.Consent(
                  true,
                  random.nextBoolean()
                      ? Order.ConsentMethod.IN_PERSON
                      : Order.ConsentMethod.SIGNED_FORM);
          default -> null;
        };
    Order order =
        Order.place(
            orderId,
            system,
            kind.type(),
            person.residentId(),
            c.communityId(),
            c.streetId(),
            channel,
            operator,
            consent,
            kind.type().name() + "（" + person.name() + "）",
            person.name() + "申请" + kind.type().name() + "，请尽快联系处理。",
            person.address(),
            kind.volunteerWanted(),
            createdAt);
    List<Event> events = new ArrayList<>();
    events.add(new Event(order, uuid(random)));
    List<String> inbox = new ArrayList<>();
    for (Step step : plan.steps()) {
      if (step.at().isAfter(end)) {
        break; // still open when the year ends
      }
      Instant at = step.at().truncatedTo(ChronoUnit.MILLIS);
      if (step.action() == OrderAction.NOTED) {
        // the note's contribution id, as OrderNotes and Dispatches make it, in the order's inbox
        inbox.add(
            step.by().equals("sanshe-service")
                ? "SANSHE:dispatch-accepted-" + order.sequence() + ":" + orderId
                : "VOLUNTEER:volunteer-matched:N-"
                    + orderId
                    + ":"
                    + volunteerId(plan.match().volunteer()));
      }
      order =
          switch (step.action()) {
            case ACCEPTED -> order.accept(step.by(), step.text(), at);
            case ASSIGNED -> order.assign(step.to(), step.by(), step.text(), at);
            case STARTED -> order.start(step.by(), step.text(), at);
            case COMPLETED -> order.complete(step.by(), step.text(), at);
            case CANCELLED -> order.cancel(step.by(), step.text(), at);
            case REJECTED -> order.reject(step.by(), step.text(), at);
            case RATED -> order.rate(plan.level(), step.text(), step.by(), at);
            case NOTED -> order.note(step.by(), step.text(), at);
            case PLACED -> throw new IllegalStateException("placed twice");
          };
      events.add(new Event(order, uuid(random)));
    }
    orderCopies(order, inbox);
    tally.order(order, person.index());
    residentFile(order, person.index());
    if (system == OriginSystem.SANSHE) {
      dispatch(order, events, plan);
    }
    memberServed(order, plan);
    if (plan.match() != null) {
      need(order, events, plan.match());
    }
    volunteerTask(events);
    serviceRecords(random, order, plan);
  }

  /**
   * The order's documents: the origin's aggregate (what {@code Orders.document} writes, its outbox
   * emptied by the relay, the inbox of the notes it took in) and the projection in each other
   * system (what {@link SequencedUpsert#ifNewer} sets).
   */
  private void orderCopies(Order order, List<String> inbox) {
    Document fields = OrderJson.toDocument(order);
    fields.put("createdAtMillis", order.createdAt().toEpochMilli());
    // the time of the write, as Orders.document sets it: the statistics' refresher finds the
    // loaded orders by it (it is not the order's data, so a seeded load still gives the same
    // orders)
    fields.put(Orders.CHANGED_AT, System.currentTimeMillis());
    Document owner = new Document("_id", order.orderId());
    owner.putAll(fields);
    owner.put(OutboxRelay.FIELD, new ArrayList<>());
    if (!inbox.isEmpty()) {
      owner.put(Inbox.FIELD, inbox);
    }
    insert(database(order.originSystem()), ORDERS, owner);
    UpdateOneModel<Document> upsert =
        SequencedUpsert.ifNewer(order.orderId(), order.sequence(), fields);
    Document projected = new Document("_id", order.orderId());
    projected.putAll(((Document) upsert.getUpdate()).get("$set", Document.class));
    for (OriginSystem other : OriginSystem.values()) {
      if (other != order.originSystem()) {
        insert(database(other), ORDERS, new Document(projected));
      }
    }
  }

  private void residentFile(Order order, int resident) {
    if (order.originSystem() == OriginSystem.PUBLIC) {
      return;
    }
    int[] file = elsewhere.computeIfAbsent(resident, r -> new int[6]);
    file[ResidentFile.slot(order.originSystem(), false)]++;
    if (order.status() == OrderStatus.COMPLETED) {
      file[ResidentFile.slot(order.originSystem(), true)]++;
    }
  }

  private Plan plan(
      SplittableRandom random,
      OriginSystem system,
      Kind kind,
      Person person,
      Channel channel,
      Fate fate,
      Instant placed,
      int pool) {
    Community c = person.community();
    String worker = "cw-" + c.suffix();
    boolean volunteerOwn = system == OriginSystem.VOLUNTEER;
    boolean toOrganisations = system == OriginSystem.SANSHE && kind.toOrganisations();
    boolean cancels = fate == Fate.CANCELLED;
    boolean rejects = fate == Fate.REJECTED;
    if (rejects && (toOrganisations || volunteerOwn)) {
      // the automation accepts these at once: a person can only cancel them
      rejects = false;
      cancels = true;
    }
    Match match = null;
    Instant mustReach = null;
    if (kind.volunteerWanted() != null) {
      int v = pickVolunteer(random, c, kind.volunteerWanted().skill(), pool);
      Instant invited = placed.plusMillis(1000 + random.nextInt(4000));
      Instant accepted = invited.plusMillis(10_000 + random.nextInt(100_000));
      Instant announced = accepted.plusMillis(10_000 + random.nextInt(5000));
      match = new Match(v, invited, accepted, announced);
      mustReach = announced;
    }
    List<Step> lifecycle = new ArrayList<>();
    Organisation organisation = null;
    boolean unserved = false;
    boolean dispatched = false; // the automation assigns it (or the order must not wait for it)
    int volunteer = -1;
    int member = -1;
    Instant assignedAt;
    String doer; // who starts and completes it
    switch (system) {
      case SANSHE -> {
        List<Organisation> offering =
            toOrganisations ? district.offering(kind.type().code(), c.communityId()) : List.of();
        if (!offering.isEmpty()) {
          // Dispatcher: accepted and offered to the organisation; it accepts (接单), names a worker
          organisation = offering.get(random.nextInt(offering.size()));
          Instant accepted = placed.plusMillis(500 + random.nextInt(2500));
          lifecycle.add(
              new Step(accepted, OrderAction.ACCEPTED, "sanshe-dispatch", "按服务菜单自动受理", null));
          Instant offered = accepted.plusMillis(50 + random.nextInt(500));
          lifecycle.add(
              new Step(
                  offered,
                  OrderAction.ASSIGNED,
                  "sanshe-dispatch",
                  "派单至 " + organisation.name() + "（第 1 家）",
                  new Order.Assignment(AssigneeType.ORGANISATION, organisation.organisationId())));
          Instant taken = offered.plusMillis(15_000 + random.nextInt(95_000));
          lifecycle.add(
              new Step(
                  taken, OrderAction.NOTED, "sanshe-service", organisation.name() + " 已接单", null));
          assignedAt = taken.plus(between(random, Duration.ofMinutes(5), Duration.ofHours(4)));
          String sw = organisation.workers().get(random.nextInt(organisation.workers().size()));
          lifecycle.add(
              new Step(
                  assignedAt,
                  OrderAction.ASSIGNED,
                  organisation.staff(),
                  null,
                  new Order.Assignment(
                      AssigneeType.SOCIAL_WORKER, sw, organisation.organisationId())));
          doer = sw;
          dispatched = true;
        } else {
          // nobody offers it here (UNSERVED), or it never goes to organisations: by hand
          unserved = toOrganisations;
          dispatched = unserved;
          Instant accepted =
              placed.plus(between(random, Duration.ofMinutes(10), Duration.ofHours(24)));
          lifecycle.add(new Step(accepted, OrderAction.ACCEPTED, worker, null, null));
          List<String> workers = district.communitySocialWorkers(c);
          String sw = workers.get(random.nextInt(workers.size()));
          assignedAt = accepted.plus(between(random, Duration.ofMinutes(5), Duration.ofHours(4)));
          lifecycle.add(
              new Step(
                  assignedAt,
                  OrderAction.ASSIGNED,
                  worker,
                  null,
                  new Order.Assignment(AssigneeType.SOCIAL_WORKER, sw)));
          doer = sw;
        }
        if (dispatched) {
          mustReach = max(mustReach, assignedAt);
        }
      }
      case VOLUNTEER -> {
        dispatched = true;
        if (match != null) {
          // the matcher's announcement accepts the order and assigns it to who said yes
          lifecycle.add(
              new Step(
                  match.announced(), OrderAction.ACCEPTED, "volunteer-matching", "需求对接自动受理", null));
          assignedAt = match.announced().plusMillis(5 + random.nextInt(40));
          volunteer = match.volunteer();
          lifecycle.add(
              new Step(
                  assignedAt,
                  OrderAction.ASSIGNED,
                  "volunteer-matching",
                  "需求对接：志愿者接受邀请",
                  new Order.Assignment(AssigneeType.VOLUNTEER, volunteerId(volunteer))));
        } else {
          // a type without a volunteer companion: the community assigns a volunteer by hand
          Instant accepted =
              placed.plus(between(random, Duration.ofMinutes(10), Duration.ofHours(24)));
          lifecycle.add(new Step(accepted, OrderAction.ACCEPTED, worker, null, null));
          volunteer = pickVolunteer(random, c, null, pool);
          assignedAt = accepted.plus(between(random, Duration.ofMinutes(5), Duration.ofHours(4)));
          lifecycle.add(
              new Step(
                  assignedAt,
                  OrderAction.ASSIGNED,
                  worker,
                  null,
                  new Order.Assignment(AssigneeType.VOLUNTEER, volunteerId(volunteer))));
          dispatched = false;
        }
        doer = worker;
      }
      case PUBLIC -> {
        Instant accepted =
            placed.plus(between(random, Duration.ofMinutes(10), Duration.ofHours(24)));
        lifecycle.add(new Step(accepted, OrderAction.ACCEPTED, worker, null, null));
        assignedAt = accepted.plus(between(random, Duration.ofMinutes(1), Duration.ofHours(2)));
        lifecycle.add(
            new Step(
                assignedAt,
                OrderAction.ASSIGNED,
                worker,
                null,
                new Order.Assignment(AssigneeType.DEPARTMENT, kind.department())));
        doer = worker;
      }
      default -> {
        Instant accepted =
            placed.plus(between(random, Duration.ofMinutes(10), Duration.ofHours(24)));
        lifecycle.add(new Step(accepted, OrderAction.ACCEPTED, worker, null, null));
        member = pickPartyMember(random, c, pool);
        assignedAt = accepted.plus(between(random, Duration.ofMinutes(5), Duration.ofHours(4)));
        lifecycle.add(
            new Step(
                assignedAt,
                OrderAction.ASSIGNED,
                worker,
                null,
                new Order.Assignment(AssigneeType.PARTY_MEMBER, person(member).residentId())));
        doer = worker;
      }
    }
    Instant started =
        assignedAt.plus(between(random, Duration.ofMinutes(20), Duration.ofHours(48)));
    lifecycle.add(new Step(started, OrderAction.STARTED, doer, null, null));
    Instant completed = started.plus(between(random, Duration.ofMinutes(30), Duration.ofHours(6)));
    lifecycle.add(new Step(completed, OrderAction.COMPLETED, doer, "已办结，居民确认。", null));
    SatisfactionLevel level = null;
    if (random.nextInt(100) < 60) {
      level = weighted(random, LEVEL_SHARE);
      Instant rated = completed.plus(between(random, Duration.ofMinutes(10), Duration.ofHours(72)));
      lifecycle.add(
          new Step(
              rated,
              OrderAction.RATED,
              person.residentId(),
              COMMENTS[random.nextInt(COMMENTS.length)],
              null));
    }
    int automation = dispatched ? automationSteps(lifecycle) : 0;
    if (fate == Fate.STALLED) {
      // stuck for good after some of its steps (never before the automation's, never done)
      int completedIndex = indexOf(lifecycle, OrderAction.COMPLETED);
      lifecycle =
          new ArrayList<>(
              lifecycle.subList(
                  0, Math.min(Math.max(automation, random.nextInt(4)), completedIndex)));
      level = null;
    } else if (cancels || rejects) {
      List<Integer> allowed = endings(lifecycle, rejects, automation);
      int cut = allowed.get(random.nextInt(allowed.size()));
      Instant at;
      if (volunteerOwn && match != null && random.nextInt(3) == 0) {
        // cancelled while the matcher was still looking: before anyone said yes
        cut = 0;
        at =
            placed.plusMillis(
                500 + random.nextLong(Duration.between(placed, match.accepted()).toMillis() - 500));
      } else {
        Instant before = cut == 0 ? placed : lifecycle.get(cut - 1).at();
        at = before.plus(between(random, Duration.ofMinutes(2), Duration.ofHours(12)));
      }
      List<Step> cutShort = new ArrayList<>(lifecycle.subList(0, cut));
      cutShort.add(
          rejects
              ? new Step(
                  at,
                  OrderAction.REJECTED,
                  worker,
                  REJECT_REASONS[random.nextInt(REJECT_REASONS.length)],
                  null)
              : new Step(
                  at,
                  OrderAction.CANCELLED,
                  channel.assisted() ? worker : person.residentId(),
                  CANCEL_REASONS[random.nextInt(CANCEL_REASONS.length)],
                  null));
      lifecycle = cutShort;
      level = null;
    }
    List<Step> steps = new ArrayList<>(lifecycle);
    if (match != null) {
      VolunteerState state = volunteerStates.get(match.volunteer());
      String text =
          "志愿者已匹配："
              + person(match.volunteer()).name()
              + "（志愿者编号 "
              + state.number
              + "），由志愿者服务系统需求对接";
      // for its own order the matcher assigns first, then notes; another system's order gets the
      // note through its origin a little later
      Instant at = match.announced().plusMillis(volunteerOwn ? 60 : 200);
      steps.add(new Step(at, OrderAction.NOTED, "volunteer-service", text, null));
    }
    steps.sort(Comparator.comparing(Step::at));
    List<Step> ordered = new ArrayList<>();
    for (Step s : steps) {
      ordered.add(s);
      if (s.action() == OrderAction.CANCELLED || s.action() == OrderAction.REJECTED) {
        break; // nothing lands on an order that has ended
      }
    }
    boolean told =
        ordered.stream()
            .anyMatch(s -> s.action() == OrderAction.NOTED && s.by().equals("volunteer-service"));
    if (match != null && !told) {
      // cancelled before the volunteer said yes: the need closed with its invitation pending
      match = new Match(match.volunteer(), match.invited(), null, null);
      if (volunteerOwn) {
        volunteer = -1;
      }
    }
    if (ordered.stream().noneMatch(s -> s.action() == OrderAction.RATED)) {
      level = null;
    }
    return new Plan(ordered, level, match, organisation, unserved, mustReach, volunteer, member);
  }

  private static Instant max(Instant a, Instant b) {
    return a == null ? b : (b == null ? a : (a.isAfter(b) ? a : b));
  }

  private static int indexOf(List<Step> lifecycle, OrderAction action) {
    for (int i = 0; i < lifecycle.size(); i++) {
      if (lifecycle.get(i).action() == action) {
        return i;
      }
    }
    return lifecycle.size();
  }

  /** How many steps the automation takes: through the last assignment before the start. */
  private static int automationSteps(List<Step> lifecycle) {
    int last = 0;
    for (int i = 0; i < lifecycle.size(); i++) {
      if (lifecycle.get(i).action() == OrderAction.STARTED) {
        break;
      }
      if (lifecycle.get(i).action() == OrderAction.ASSIGNED) {
        last = i + 1;
      }
    }
    return last;
  }

  /**
   * After how many lifecycle steps a cancellation (from SUBMITTED, ACCEPTED or ASSIGNED) or a
   * rejection (from SUBMITTED or ACCEPTED) may come, not before the automation's steps.
   */
  private static List<Integer> endings(List<Step> lifecycle, boolean reject, int automation) {
    List<Integer> allowed = new ArrayList<>();
    OrderStatus status = OrderStatus.SUBMITTED;
    for (int i = 0; i <= lifecycle.size(); i++) {
      boolean open =
          status == OrderStatus.SUBMITTED
              || status == OrderStatus.ACCEPTED
              || (!reject && status == OrderStatus.ASSIGNED);
      if (open && i >= automation) {
        allowed.add(i);
      }
      if (i == lifecycle.size()) {
        break;
      }
      status =
          switch (lifecycle.get(i).action()) {
            case ACCEPTED -> OrderStatus.ACCEPTED;
            case ASSIGNED -> OrderStatus.ASSIGNED;
            case STARTED -> OrderStatus.IN_PROGRESS;
            case COMPLETED -> OrderStatus.COMPLETED;
            default -> status;
          };
    }
    if (allowed.isEmpty()) {
      allowed.add(automation);
    }
    return allowed;
  }

  // ---------------------------------------------------------------- 三社联动 (#9)

  /**
   * The order's {@code dispatches} document as the dispatch feature leaves it after each event
   * (Dispatches.onOwnOrder, accept): its state, the organisation's acceptance and the times the
   * statistics read, and the inbox of the events it applied.
   */
  private void dispatch(Order order, List<Event> events, Plan plan) {
    Kind kind = kindOf(order);
    Document doc = new Document("_id", order.orderId());
    List<String> inbox = new ArrayList<>();
    List<String> tried = new ArrayList<>();
    List<Document> history = new ArrayList<>();
    long placedAtMillis = order.createdAt().toEpochMilli();
    for (Event event : events) {
      Order o = event.order();
      long at = o.updatedAt().toEpochMilli();
      doc.put("orderSequence", o.sequence());
      doc.put("orderStatus", o.status().name());
      switch (event.action()) {
        case PLACED -> {
          doc.append("tried", tried)
              .append("history", history)
              .append("claimedUntil", 0L)
              .append("itemCode", o.orderType().code())
              .append("itemName", o.orderType().name())
              .append("communityId", o.communityId())
              .append("streetId", o.streetId())
              .append("residentId", o.residentId())
              .append("categoryName", o.orderType().category())
              .append("placedAt", o.createdAt().toString())
              .append("placedAtMillis", placedAtMillis)
              .append("state", kind.toOrganisations() ? "WAITING" : "MANUAL")
              .append("dueAtMillis", at);
          if (plan.unserved()) {
            // the dispatcher found nobody offering the item here: the community dispatches by hand
            doc.put("state", "UNSERVED");
            doc.put("dueAtMillis", at + Duration.ofMinutes(10).toMillis());
          }
        }
        case ASSIGNED -> {
          Order.Assignment to = o.assignment();
          boolean byDispatch = "sanshe-dispatch".equals(lastBy(o));
          if (to.assigneeType() == AssigneeType.ORGANISATION && byDispatch) {
            doc.put("state", "OFFERED");
            doc.put("organisationId", to.assignee());
            doc.put("offeredAt", o.updatedAt().toString());
            doc.put("dueAtMillis", at + ACCEPT_WITHIN.toMillis());
            doc.put("claimedUntil", 0L);
            tried.add(to.assignee());
            history.add(
                new Document("organisationId", to.assignee())
                    .append("outcome", "OFFERED")
                    .append("at", o.updatedAt().toString()));
            lastOffered.merge(to.assignee(), at, Math::max);
          } else if (to.assigneeType() == AssigneeType.SOCIAL_WORKER
              && to.organisationId() != null) {
            doc.put("state", "WORKER_ASSIGNED");
            doc.put("organisationId", to.organisationId());
            doc.put("workerId", to.assignee());
            doc.put("claimedUntil", 0L);
          } else {
            doc.put("state", "MANUAL");
            doc.put(
                "organisationId",
                to.assigneeType() == AssigneeType.ORGANISATION
                    ? to.assignee()
                    : to.organisationId());
            doc.put("claimedUntil", 0L);
          }
          doc.put("assignment", to.assigneeType() + ":" + to.assignee());
        }
        case NOTED -> {
          if ("sanshe-service".equals(lastBy(o)) && plan.organisation() != null) {
            // the organisation's 接单 wrote this note with its own update (Dispatches.accept)
            Organisation org = plan.organisation();
            doc.put("state", "ACCEPTED");
            doc.put("acceptedOrganisationId", org.organisationId());
            doc.put("acceptedAtMillis", at);
            doc.put("acceptMillis", at - placedAtMillis);
            doc.put("acceptedBy", org.staff());
            history.add(
                new Document("organisationId", org.organisationId())
                    .append("outcome", "ACCEPTED")
                    .append("at", o.updatedAt().toString())
                    .append("by", org.staff()));
            doc.put(OutboxRelay.FIELD, new ArrayList<>());
          }
        }
        case STARTED -> {
          doc.put("state", "IN_PROGRESS");
          doc.put("startedAtMillis", at);
        }
        case COMPLETED -> {
          doc.put("state", "COMPLETED");
          doc.put("completedAtMillis", at);
          doc.put("completeMillis", at - placedAtMillis);
        }
        case CANCELLED, REJECTED -> doc.put("state", "CLOSED");
        case RATED -> doc.put("rating", o.rating().level().name());
        default -> {}
      }
      inbox.add(event.eventId());
      doc.put(Inbox.FIELD, inbox);
    }
    tally.dispatch(doc);
    changedNow(doc); // as Dispatches.CHANGED_AT: the 三社联动 statistics refresher finds it by it
    insert(SANSHE, "dispatches", doc);
  }

  private static String lastBy(Order o) {
    return o.timeline().get(o.timeline().size() - 1).by();
  }

  private Kind kindOf(Order order) {
    for (Kind kind : district.catalogues().get(order.originSystem())) {
      if (kind.type().code().equals(order.orderType().code())) {
        return kind;
      }
    }
    throw new IllegalStateException("no type " + order.orderType().code());
  }

  /** 党员服务记录 (MemberService): the orders a party member completed. */
  private void memberServed(Order order, Plan plan) {
    Order.Assignment a = order.assignment();
    if (order.status() != OrderStatus.COMPLETED
        || a == null
        || a.assigneeType() != AssigneeType.PARTY_MEMBER) {
      return;
    }
    Served served = memberService.computeIfAbsent(plan.member(), m -> new Served());
    served.orders++;
    served.bySystem.merge(order.originSystem().name(), 1L, Long::sum);
    Instant at = order.completedAt();
    if (served.lastServedAt == null || at.isAfter(served.lastServedAt)) {
      served.lastServedAt = at;
      served.lastOrderId = order.orderId();
    }
    membersTouched.add(plan.member());
  }

  // ---------------------------------------------------------------- needs, tasks, records

  /**
   * The need of an order that asked for a volunteer (NeedReactions, Matcher, Needs): invited and
   * matched (announced), or closed when the order was cancelled first.
   */
  private void need(Order order, List<Event> events, Match match) {
    Order.VolunteerWanted wanted = order.volunteerWanted();
    String volunteer = volunteerId(match.volunteer());
    Instant until = match.invited().plus(INVITE_WITHIN);
    List<String> inbox = new ArrayList<>();
    Instant closedAt = null;
    for (Event e : events) {
      if (OrderQueries.OPEN.contains(e.order().status())) {
        inbox.add(e.eventId());
      } else if ((e.action() == OrderAction.CANCELLED || e.action() == OrderAction.REJECTED)
          && match.accepted() == null) {
        inbox.add(e.eventId());
        closedAt = e.order().updatedAt();
      }
    }
    List<Document> history = new ArrayList<>();
    history.add(
        new Document("volunteerId", volunteer)
            .append("outcome", "INVITED")
            .append("at", match.invited().toString())
            .append("reason", "得分 0." + (60 + Math.floorMod(match.volunteer(), 39))));
    Document doc =
        new Document("_id", "N-" + order.orderId())
            .append("source", "ORDER")
            .append("orderId", order.orderId())
            .append("originSystem", order.originSystem().name())
            .append("orderType", order.orderType().code())
            .append("title", order.title())
            .append("skill", wanted.skill())
            .append("note", wanted.note())
            .append("communityId", order.communityId())
            .append("streetId", order.streetId())
            .append("residentId", order.residentId())
            .append("state", "INVITED")
            .append("asked", List.of(volunteer))
            .append("history", history)
            .append("dueAt", until.toString())
            .append("createdAt", order.createdAt().toString())
            // the statistics' day of the need, as NeedReactions sets it (Needs.CREATED_AT_MILLIS)
            .append("createdAtMillis", order.createdAt().toEpochMilli())
            .append("announced", false)
            .append("sequence", 2L)
            .append(Inbox.FIELD, inbox)
            .append("leaseUntil", null)
            .append(
                "invitation",
                new Document("volunteerId", volunteer)
                    .append("at", match.invited().toString())
                    .append("until", until.toString())
                    .append("by", "volunteer-matching"));
    if (match.accepted() != null) {
      history.add(
          new Document("volunteerId", volunteer)
              .append("outcome", "ACCEPTED")
              .append("at", match.accepted().toString())
              .append("reason", null));
      doc.put("state", "MATCHED");
      doc.put("sequence", 3L);
      doc.append("volunteerId", volunteer)
          .append("volunteerName", person(match.volunteer()).name())
          .append("matchedAt", match.accepted().toString())
          .append("matchedBy", "invitation")
          .append(OutboxRelay.FIELD, new ArrayList<>());
      doc.put("announced", true);
      VolunteerState state = volunteerStates.get(match.volunteer());
      // Volunteers.matched keeps the latest 20
      state.matchedAt.add(match.accepted());
      while (state.matchedAt.size() > 20) {
        state.matchedAt.pollFirst();
      }
      volunteersTouched.add(match.volunteer());
    } else {
      doc.put("state", "CLOSED");
      doc.put("closedAt", (closedAt == null ? order.updatedAt() : closedAt).toString());
    }
    changedNow(doc);
    tally.need(doc);
    insert(VOLUNTEER, "needs", doc);
  }

  /** 志愿者服务任务 (VolunteerTasks): one per dispatch of an order to a volunteer. */
  private void volunteerTask(List<Event> events) {
    for (Event e : events) {
      Order.Assignment a = e.order().assignment();
      if (e.action() == OrderAction.ASSIGNED
          && a != null
          && a.assigneeType() == AssigneeType.VOLUNTEER) {
        Order o = e.order();
        Document task =
            new Document("volunteerId", a.assignee())
                .append("orderId", o.orderId())
                .append("originSystem", o.originSystem().name())
                .append("orderType", o.orderType().code())
                .append("title", o.title())
                .append("communityId", o.communityId())
                .append("residentId", o.residentId())
                .append("assignedAt", o.updatedAt().toString())
                .append("status", "ASSIGNED");
        insert(
            VOLUNTEER,
            "volunteer_tasks",
            Inbox.insertOnce("task", e.eventId(), task).getDocument());
      }
    }
  }

  /**
   * 自动生成服务记录 (NeedReactions.recordService, ServiceRecords.fromOrder and approve): a completed
   * order's record for its volunteer assignee and its matched helper, approved by the community's
   * worker when that came before the end of the year, credited.
   */
  private void serviceRecords(SplittableRandom random, Order order, Plan plan) {
    if (order.status() != OrderStatus.COMPLETED) {
      return;
    }
    Instant startedAt =
        order.timeline().stream()
            .filter(e -> e.action() == OrderAction.STARTED)
            .map(Order.TimelineEntry::at)
            .findFirst()
            .orElse(null);
    Instant completedAt = order.completedAt();
    String skill = order.volunteerWanted() == null ? "GENERAL" : order.volunteerWanted().skill();
    Order.Assignment a = order.assignment();
    List<Integer> volunteers = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    if (a != null && a.assigneeType() == AssigneeType.VOLUNTEER && plan.volunteer() >= 0) {
      volunteers.add(plan.volunteer());
      roles.add("ASSIGNEE");
    }
    if (plan.match() != null
        && plan.match().accepted() != null
        && (a == null || !volunteerId(plan.match().volunteer()).equals(a.assignee()))) {
      volunteers.add(plan.match().volunteer());
      roles.add("HELPER");
    }
    for (int i = 0; i < volunteers.size(); i++) {
      int v = volunteers.get(i);
      Person p = person(v);
      String id = volunteerId(v);
      long minutes =
          Math.min(Duration.between(startedAt, completedAt).toMinutes(), DAILY_CAP_MINUTES);
      List<String> flags = new ArrayList<>();
      if (minutes < Duration.between(startedAt, completedAt).toMinutes()) {
        flags.add("OVER_DAILY_CAP");
      }
      Instant created = completedAt.plusMillis(300 + random.nextInt(2000));
      Document doc =
          new Document("volunteerId", id)
              .append("accountId", null)
              .append("volunteerName", p.name())
              .append("residentId", p.residentId())
              .append("source", "ORDER")
              .append("status", "PENDING")
              .append("communityId", order.communityId())
              .append("streetId", order.streetId())
              .append("serviceKind", skill)
              .append("creditState", "NONE")
              .append("createdAt", created.toString())
              .append("_id", "SR-" + order.orderId() + "-" + id)
              .append("description", order.title())
              .append("orderId", order.orderId())
              .append("originSystem", order.originSystem().name())
              .append("role", roles.get(i))
              .append("start", startedAt.toString())
              .append("end", startedAt.plus(Duration.ofMinutes(minutes)).toString())
              // the statistics' day of the record, as ServiceRecords sets it with the end
              .append("endMillis", startedAt.plus(Duration.ofMinutes(minutes)).toEpochMilli())
              .append("minutes", minutes)
              .append("flags", flags);
      Instant decided = created.plus(between(random, Duration.ofMinutes(30), Duration.ofDays(5)));
      if (!decided.isAfter(end) && minutes > 0) {
        approve(doc, minutes, skill, decided, "cw-" + p.community().suffix(), v);
      }
      if (order.rating() != null) {
        doc.append("rating", order.rating().level().name());
        VolunteerState state = volunteerStates.get(v);
        state.ratingSum += 5 - order.rating().level().ordinal();
        state.ratingCount++;
        volunteersTouched.add(v);
      }
      changedNow(doc);
      tally.record(doc);
      insert(VOLUNTEER, "service_records", doc);
    }
  }

  /**
   * The time of the write, as every write of a dispatch, a need or a service record sets it
   * (Needs.CHANGED_AT, ServiceRecords.CHANGED_AT): the volunteer statistics' refreshers find the
   * loaded documents by it (it is not the district's data, so a seeded load still gives the same
   * documents).
   */
  private static void changedNow(Document doc) {
    doc.put("changedAtMillis", System.currentTimeMillis());
  }

  /** 审核通过 and the credit to the time bank (ServiceRecords.approve, credit). */
  private void approve(Document doc, long minutes, String kind, Instant decided, String by, int v) {
    BigDecimal rate = POINTS_PER_HOUR.getOrDefault(kind, BigDecimal.ONE);
    long points =
        rate.multiply(BigDecimal.valueOf(minutes))
            .multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(60), 0, RoundingMode.DOWN)
            .longValueExact();
    doc.put("status", "APPROVED");
    doc.append("points", points)
        .append("pointsPerHour", rate.toPlainString())
        .append("decidedBy", by)
        .append("decidedAt", decided.toString())
        .append("decisionNote", null);
    doc.put("creditState", "DONE");
    doc.append("transactionId", "hours:" + doc.getString("_id"))
        .append("creditedAt", decided.plusMillis(40).toString())
        .append(OutboxRelay.FIELD, new ArrayList<>());
    VolunteerState state = volunteerStates.get(v);
    state.approvedMinutes += minutes;
    int stars = starsFor(state.approvedMinutes);
    if (stars > state.stars) {
      state.stars = stars;
      state.sequence++;
    }
    volunteersTouched.add(v);
  }

  /**
   * 志愿活动 (Activities.publish, signUp): one published by the volunteer's community worker with one
   * or two shifts, the community's volunteers signed up, and their shift records (check-in and out
   * by the organiser, approved).
   */
  private void activity(Person organiserOf) {
    int r = organiserOf.index();
    SplittableRandom random = random(ACTIVITY, r + 1_000_000_000L);
    Community c = organiserOf.community();
    List<Integer> here = within(volunteersByCommunity.get(c.communityId()), r + 1);
    String id = "A-" + idChars(ACTIVITY, r, 10);
    Instant first =
        LocalDate.ofInstant(start, ZONE)
            .plusDays(random.nextLong(365))
            .atTime(9 + random.nextInt(6), 0)
            .atZone(ZONE)
            .toInstant();
    String[] kinds = {"ENVIRONMENT", "ELDERLY_COMPANION", "TECH_HELP", "CULTURE_ARTS", "GENERAL"};
    String kind = kinds[random.nextInt(kinds.length)];
    List<Document> shifts = new ArrayList<>();
    int nShifts = 1 + random.nextInt(2);
    for (int s = 0; s < nShifts; s++) {
      Instant from = first.plus(Duration.ofDays(7L * s));
      Instant to = from.plus(Duration.ofHours(2 + random.nextInt(2)));
      List<Document> signups = new ArrayList<>();
      int places = 10;
      int n = Math.min(places, Math.min(here.size(), 2 + random.nextInt(8)));
      int offset = here.isEmpty() ? 0 : random.nextInt(here.size());
      for (int k = 0; k < n; k++) {
        int v = here.get((offset + k) % here.size());
        Instant signed = from.minus(Duration.ofHours(24 + random.nextInt(100)));
        signups.add(
            new Document("volunteerId", volunteerId(v))
                .append("name", person(v).name())
                .append("at", signed.toString()));
        if (to.isBefore(end)) {
          shiftRecord(id, "S" + (s + 1), from, to, v, c, kind, random);
        }
      }
      shifts.add(
          new Document("shiftId", "S" + (s + 1))
              .append("start", from.toString())
              .append("end", to.toString())
              .append("places", places)
              .append("skills", List.of())
              .append("signups", signups)
              .append("waiting", new ArrayList<Document>()));
    }
    Document doc =
        new Document("_id", id)
            .append("title", c.name() + "志愿服务活动")
            .append("description", "社区志愿者参与" + c.name() + "的志愿服务。")
            .append("communityId", c.communityId())
            .append("streetId", c.streetId())
            .append("address", c.address())
            .append("location", new Document("lat", c.lat()).append("lng", c.lng()))
            .append("serviceKind", kind)
            .append("teamId", null)
            .append("organiser", "cw-" + c.suffix())
            .append("status", "OPEN")
            .append("shifts", shifts)
            .append("firstStart", shifts.get(0).getString("start"))
            .append("publishedAt", first.minus(Duration.ofDays(10)).toString())
            .append(
                "sequence",
                1L
                    + shifts.stream()
                        .mapToInt(s -> s.getList("signups", Document.class).size())
                        .sum());
    tally.activity(doc);
    insert(VOLUNTEER, "activities", doc);
  }

  private void shiftRecord(
      String activity,
      String shift,
      Instant from,
      Instant to,
      int v,
      Community c,
      String kind,
      SplittableRandom random) {
    Person p = person(v);
    String id = volunteerId(v);
    Instant in = from.plus(Duration.ofMinutes(random.nextInt(10)));
    Instant out = to.minus(Duration.ofMinutes(random.nextInt(10)));
    long minutes = Duration.between(in, out).toMinutes();
    Instant decided = out.plus(between(random, Duration.ofMinutes(30), Duration.ofDays(3)));
    Document doc =
        new Document("volunteerId", id)
            .append("accountId", null)
            .append("volunteerName", p.name())
            .append("residentId", p.residentId())
            .append("source", "SHIFT")
            .append("status", "PENDING")
            .append("communityId", c.communityId())
            .append("streetId", c.streetId())
            .append("serviceKind", kind)
            .append("creditState", "NONE")
            .append("createdAt", in.toString())
            .append("_id", "SR-" + activity + "-" + shift + "-" + id)
            .append("description", c.name() + "志愿服务活动")
            .append("activityId", activity)
            .append("shiftId", shift)
            .append("shiftStart", from.toString())
            .append("shiftEnd", to.toString())
            .append(
                "checkIn",
                new Document("at", in.toString())
                    .append("lat", c.lat())
                    .append("lng", c.lng())
                    .append("metres", 0L))
            .append("flags", new ArrayList<>(List.of()))
            .append("start", in.toString())
            .append("end", in.plus(Duration.ofMinutes(minutes)).toString())
            .append("endMillis", in.plus(Duration.ofMinutes(minutes)).toEpochMilli())
            .append("minutes", minutes)
            .append(
                "checkOut",
                new Document("at", out.toString()).append("lat", c.lat()).append("lng", c.lng()));
    if (!decided.isAfter(end)) {
      approve(doc, minutes, kind, decided, "cw-" + c.suffix(), v);
    }
    changedNow(doc);
    tally.record(doc);
    insert(VOLUNTEER, "service_records", doc);
  }

  /** 志愿队伍: the district's, one per street and one per community, with a few members each. */
  private void teams() {
    Instant created = start.minus(Duration.ofDays(200));
    String district = "T-" + idChars(TEAM, 0, 8);
    team(district, "东城区志愿服务总队", "DISTRICT", null, null, null, "admin", created, List.of());
    int n = 1;
    for (String street : this.district.streets()) {
      List<Community> communities = this.district.communitiesOf(street);
      String streetTeam = "T-" + idChars(TEAM, n++, 8);
      team(
          streetTeam,
          communities.get(0).streetName() + "志愿服务队",
          "STREET",
          district,
          street,
          null,
          "street-" + street.substring(2).toLowerCase(Locale.ROOT),
          created,
          List.of());
      for (Community c : communities) {
        List<Integer> members = within(volunteersByCommunity.get(c.communityId()), residentsSeen);
        team(
            "T-" + idChars(TEAM, n++, 8),
            c.name() + "邻里互助志愿服务队",
            "COMMUNITY",
            streetTeam,
            street,
            c.communityId(),
            "cw-" + c.suffix(),
            created.plus(Duration.ofDays(1)),
            members.subList(0, Math.min(10, members.size())));
      }
    }
  }

  private void team(
      String id,
      String name,
      String level,
      String parent,
      String street,
      String community,
      String by,
      Instant at,
      List<Integer> members) {
    List<Document> joined = new ArrayList<>();
    List<Document> history = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      int v = members.get(i);
      Instant when = at.plus(Duration.ofHours(i + 1L));
      joined.add(
          new Document("volunteerId", volunteerId(v))
              .append("name", person(v).name())
              .append("leader", i == 0)
              .append("joinedAt", when.toString()));
      history.add(
          new Document("volunteerId", volunteerId(v))
              .append("action", i == 0 ? "LEADER" : "JOINED")
              .append("at", when.toString())
              .append("by", by));
    }
    Document doc =
        new Document("_id", id)
            .append("name", name)
            .append("level", level)
            .append("parentTeamId", parent)
            .append(
                "attachedTo",
                new Document("kind", "COMMUNITY")
                    .append("id", community == null ? (street == null ? "东城区" : street) : community)
                    .append("name", name))
            .append("streetId", street)
            .append("communityId", community)
            .append("members", joined)
            .append("history", history)
            .append("createdBy", by)
            .append("createdAt", at.toString())
            .append("sequence", 1L + members.size());
    tally.team(doc);
    insert(VOLUNTEER, "volunteer_teams", doc);
  }

  // ---------------------------------------------------------------- the end of a load

  /**
   * What the load changes in documents written before: the resident file of earlier residents, the
   * volunteers' hours, stars, ratings and matches, the party members' service counts, the
   * organisations' last offers, the volunteer number counter; and the teams, once.
   */
  private void finish(int residentsBefore) {
    UpdateOptions upsert = new UpdateOptions().upsert(true);
    new TreeMap<>(elsewhere)
        .forEach(
            (r, file) -> {
              Document inc = new Document();
              ResidentFile.document(file)
                  .forEach(
                      (system, kinds) ->
                          ((Document) kinds)
                              .forEach(
                                  (k, n) ->
                                      inc.append(ResidentFile.FIELD + "." + system + "." + k, n)));
              write(
                  PUBLIC,
                  RESIDENTS,
                  new UpdateOneModel<>(
                      Filters.eq("_id", person(r).residentId()), new Document("$inc", inc)));
            });
    for (int v : volunteersTouched) {
      if (v >= residentsBefore) {
        continue; // written whole with the resident
      }
      VolunteerState s = volunteerStates.get(v);
      write(
          VOLUNTEER,
          "volunteers",
          new UpdateOneModel<>(
              Filters.eq("_id", volunteerId(v)),
              new Document(
                  "$set",
                  new Document("approvedMinutes", s.approvedMinutes)
                      .append("stars", s.stars)
                      .append("sequence", s.sequence)
                      .append(
                          "rating", new Document("sum", s.ratingSum).append("count", s.ratingCount))
                      .append("matchedAt", new ArrayList<>(s.matchedAt())))));
    }
    for (int m : membersTouched) {
      Served s = memberService.get(m);
      Document set = new Document("ordersServed", s.orders);
      s.bySystem.forEach((system, n) -> set.append("bySystem." + system, n));
      set.append("lastOrderId", s.lastOrderId).append("lastServedAt", s.lastServedAt.toString());
      write(
          PARTY,
          "member_service",
          new UpdateOneModel<>(
              Filters.eq("_id", person(m).residentId()), new Document("$set", set), upsert));
    }
    lastOffered.forEach(
        (org, at) ->
            write(
                SANSHE,
                "dispatch_load",
                new UpdateOneModel<>(
                    Filters.eq("_id", org),
                    new Document("$max", new Document("lastOfferedAt", at)),
                    upsert)));
    write(
        VOLUNTEER,
        "volunteer_counters",
        new UpdateOneModel<>(
            Filters.eq("_id", "volunteer-number-2025"),
            new Document("$max", new Document("value", (long) allVolunteers.size())),
            upsert));
    if (!teamsWritten) {
      teams();
      teamsWritten = true;
    }
  }

  private void insert(String database, String collection, Document document) {
    counts.merge(database + "." + collection, 1L, Long::sum);
    sink.insert(database, collection, document);
  }

  private void write(String database, String collection, WriteModel<Document> write) {
    sink.write(database, collection, write);
  }
}
