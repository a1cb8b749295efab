package org.fourinone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code --demo}: residents and orders through the gateway, like a person would enter them, each
 * step as the person who would take it, with their own access token from the OIDC provider: the
 * district administrator {@code admin} registers the residents; the residents place their WEB and
 * APP orders themselves and rate them; the call-centre operator {@code cc-<community>} places
 * CALL_CENTER orders and the community worker {@code cw-<community>} DOOR_TO_DOOR ones (both with
 * the resident's consent); that community worker moves the orders along. Every resident gets a
 * login {@code resident-01} … in {@code <dataDir>/oidc/residents.json}, which the provider reads at
 * login. Without an issuer (provider skipped) the requests go without tokens. Deterministic (fixed
 * seed, idempotency keys derived from each item), so a second run does not double anything.
 */
public final class DemoData {

  /** A demo person; everything but the community is fixed by the seed. */
  record Person(String name, boolean male, String idNumber, String phone, String building) {}

  /** Systems as they appear in gateway paths, with whom their orders are dispatched to. */
  record SystemPath(String path, String label, String assigneeType, String assignee) {
    /** The same system, dispatching to another assignee. */
    SystemPath to(String other) {
      return new SystemPath(path, label, assigneeType, other);
    }
  }

  /**
   * public-service's items go to the department that decides them (GET /api/public/departments).
   */
  private String departmentDeciding(SystemPath system, String typeCode)
      throws IOException, InterruptedException {
    if (!system.assigneeType().equals("DEPARTMENT")) {
      return system.assignee();
    }
    if (departmentOfType.isEmpty()) {
      for (JsonNode department : get("/api/public/departments")) {
        department
            .get("decides")
            .forEach(code -> departmentOfType.putIfAbsent(code.asText(), text(department, "code")));
      }
    }
    return departmentOfType.getOrDefault(typeCode, system.assignee());
  }

  private final java.util.Map<String, String> departmentOfType = new java.util.HashMap<>();

  static final List<SystemPath> SYSTEMS =
      List.of(
          new SystemPath("party", "党建", "PARTY_MEMBER", "pm-0007"),
          new SystemPath("public", "公共服务", "DEPARTMENT", "STREET_OFFICE"),
          new SystemPath("sanshe", "三社联动", "SOCIAL_WORKER", "sw-dzm-01"),
          new SystemPath("volunteer", "志愿者", "VOLUNTEER", "vol-0031"));

  private static final String[][] NAMES = {
    {"王建国", "M"}, {"李秀英", "F"}, {"张伟", "M"}, {"刘芳", "F"}, {"陈志强", "M"},
    {"杨丽娟", "F"}, {"赵明", "M"}, {"黄桂兰", "F"}, {"周磊", "M"}, {"吴静", "F"}
  };
  private static final String[] MOBILE_PREFIXES = {
    "138", "139", "150", "186", "135", "177", "158", "189", "131", "199"
  };
  private static final String[] CHANNELS = {"WEB", "APP", "CALL_CENTER", "DOOR_TO_DOOR"};

  /**
   * The n-th of the four channels if the type is offered through it, else the first channel it is
   * offered through.
   */
  static String channelFor(JsonNode type, int n) {
    JsonNode offered = type.get("channels");
    if (offered == null || !offered.isArray() || offered.isEmpty()) {
      return CHANNELS[n];
    }
    for (JsonNode channel : offered) {
      if (channel.asText().equals(CHANNELS[n])) {
        return CHANNELS[n];
      }
    }
    return offered.get(0).asText();
  }

  private static final long SEED = 20_260_101L;

  /** A registered demo resident and their login. */
  record DemoResident(
      String username, String name, String residentId, String communityId, String streetId) {}

  /** Who registers the residents. */
  static final String ADMIN = "admin";

  private final String gateway;
  private final String issuer;
  private final Path residentsFile;
  private final Map<String, String> tokens = new HashMap<>();
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param issuer the OIDC provider to log in at; {@code null}: send no tokens
   * @param residentsFile where the provider reads residents' logins ({@code
   *     <dataDir>/oidc/residents.json}); {@code null}: none
   */
  public DemoData(String gatewayUrl, String issuer, Path residentsFile, PrintStream out) {
    this.gateway = gatewayUrl;
    this.issuer = issuer;
    this.residentsFile = residentsFile;
    this.out = out;
  }

  /** {@code resident-01} … {@code resident-10}: the login of the i-th demo person (0-based). */
  static String residentUsername(int index) {
    return String.format("resident-%02d", index + 1);
  }

  /** The community worker of a community: {@code C-DZM-01} → {@code cw-dzm-01}. */
  static String communityWorker(String communityId) {
    return "cw-" + communitySuffix(communityId);
  }

  /** The call-centre operator of a community: {@code C-DZM-01} → {@code cc-dzm-01}. */
  static String callCentreOperator(String communityId) {
    return "cc-" + communitySuffix(communityId);
  }

  private static String communitySuffix(String communityId) {
    String lower = communityId.toLowerCase(Locale.ROOT);
    return lower.startsWith("c-") ? lower.substring(2) : lower;
  }

  /** Ten people with valid ID numbers and mobile numbers, the same on every run. */
  static List<Person> people() {
    Random random = new Random(SEED);
    List<Person> people = new ArrayList<>();
    for (String[] name : NAMES) {
      boolean male = "M".equals(name[1]);
      String phone =
          MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
              + String.format("%08d", random.nextInt(100_000_000));
      String building =
          (1 + random.nextInt(12))
              + "号楼"
              + (1 + random.nextInt(4))
              + "单元"
              + (1 + random.nextInt(18))
              + "0"
              + (1 + random.nextInt(4))
              + "室";
      people.add(new Person(name[0], male, IdNumbers.random(random, male), phone, building));
    }
    return people;
  }

  void load() throws IOException, InterruptedException {
    long started = System.nanoTime();
    out.println();
    out.println("Loading demo data through " + gateway + " …");
    if (issuer != null) {
      out.println("  as " + ADMIN + " (DISTRICT_ADMIN) from " + issuer);
    }
    JsonNode communities = get("/api/public/communities");
    if (!communities.isArray() || communities.isEmpty()) {
      throw new IOException("GET /api/public/communities returned no communities");
    }

    List<String> residentIds = new ArrayList<>();
    List<DemoResident> residents = new ArrayList<>();
    List<Person> people = people();
    for (int i = 0; i < people.size(); i++) {
      Person person = people.get(i);
      JsonNode community = communities.get(i % communities.size());
      String address = text(community, "streetName") + text(community, "name") + person.building();
      ObjectNode body =
          json.createObjectNode()
              .put("name", person.name())
              .put("idNumber", person.idNumber())
              .put("phone", person.phone())
              .put("communityId", text(community, "communityId"))
              .put("address", address);
      Response response =
          post(ADMIN, "/api/public/residents", body, "demo-resident-" + person.idNumber());
      String residentId = response.id("residentId");
      if (residentId == null) {
        out.printf(
            "  ! resident %s not registered (HTTP %d): %s%n",
            person.name(), response.status(), response.snippet());
        continue;
      }
      residentIds.add(residentId);
      residents.add(
          new DemoResident(
              residentUsername(i),
              person.name(),
              residentId,
              text(community, "communityId"),
              text(community, "streetId")));
      out.printf(
          "  [%2d/%d] resident %s %s — %s%s%n",
          i + 1,
          people.size(),
          residentId,
          person.name(),
          text(community, "name"),
          response.status() == 201 ? "" : " (already there)");
    }
    if (residentIds.isEmpty()) {
      throw new IOException("no resident could be registered");
    }
    writeResidentLogins(residents);

    out.print("  waiting until every resident is known in all four systems ");
    for (String residentId : residentIds) {
      for (SystemPath system : SYSTEMS) {
        awaitKnown(system, residentId);
      }
      out.print(".");
      out.flush();
    }
    out.println(" done");

    loadSanshe();
    loadVolunteers();

    int placed = 0;
    int advanced = 0;
    for (int s = 0; s < SYSTEMS.size(); s++) {
      SystemPath system = SYSTEMS.get(s);
      JsonNode types = get("/api/" + system.path() + "/order-types");
      if (!types.isArray() || types.isEmpty()) {
        out.printf("  ! %s has no order types; skipped%n", system.path());
        continue;
      }
      for (int j = 0; j < 4; j++) {
        int residentIndex = (s * 4 + j) % residents.size();
        DemoResident resident = residents.get(residentIndex);
        String residentId = resident.residentId();
        Person person =
            people.stream().filter(p -> p.name().equals(resident.name())).findFirst().orElseThrow();
        JsonNode type =
            system.path().equals("sanshe")
                ? typeNamed(types, SANSHE_ITEMS.get(j))
                : types.get(j % types.size());
        String channel = channelFor(type, (s + j) % CHANNELS.length);
        String typeName = text(type, "name");
        ObjectNode order =
            json.createObjectNode()
                .put("residentId", residentId)
                .put("type", text(type, "code"))
                .put("channel", channel)
                .put("title", typeName + "（" + person.name() + "）")
                .put("description", person.name() + "申请" + typeName + "，请尽快联系处理。")
                .put("address", person.building());
        // WEB and APP: the resident themself; assisted channels: an operator of their community,
        // with consent
        String placedBy = resident.username();
        if ("CALL_CENTER".equals(channel)) {
          placedBy = callCentreOperator(resident.communityId());
          order.put("operatorId", placedBy);
          order.putObject("consent").put("given", true).put("how", "PHONE_RECORDING");
        } else if ("DOOR_TO_DOOR".equals(channel)) {
          placedBy = communityWorker(resident.communityId());
          order.put("operatorId", placedBy);
          order.putObject("consent").put("given", true).put("how", "IN_PERSON");
        }
        String key = "demo-order-" + system.path() + "-" + j + "-" + residentId;
        Response response = post(placedBy, "/api/" + system.path() + "/orders", order, key);
        String orderId = response.id("orderId");
        if (orderId == null) {
          out.printf(
              "  ! %s order %s not placed (HTTP %d): %s%n",
              system.path(), typeName, response.status(), response.snippet());
          continue;
        }
        placed++;
        String stage =
            system.path().equals("sanshe")
                ? advanceSanshe(system, orderId, resident, j)
                : advance(
                    system.to(departmentDeciding(system, text(type, "code"))),
                    orderId,
                    resident,
                    j);
        if (j > 0) {
          advanced++;
        }
        out.printf(
            "  [%2d/16] %-9s %s %s via %s by %s → %s%n",
            placed, system.path(), orderId, typeName, channel, placedBy, stage);
      }
    }
    out.printf(
        "Demo data: %d residents, %d orders (%d moved along) in %s.%n",
        residentIds.size(),
        placed,
        advanced,
        Progress.seconds(Duration.ofNanos(System.nanoTime() - started)));
    if (issuer != null) {
      DemoResident first = residents.get(0);
      out.println(
          "Try: curl -H \"Authorization: Bearer $("
              + LocalStack.tokenShellPrefix(issuer)
              + "./deploy/local/token.sh "
              + first.username()
              + ")\" "
              + gateway
              + "/api/volunteer/residents/"
              + first.residentId()
              + "/orders");
    } else {
      out.println(
          "Try: curl " + gateway + "/api/volunteer/residents/" + residentIds.get(0) + "/orders");
    }
  }

  /** The demo organisations of 三社联动, with their offers (服务菜单). */
  static final String SANSHE_ORGANISATIONS =
      "sanshe-service/src/main/resources/org/fourinone/sanshe/demo/organisations.json";

  /** The menu items the demo orders of 三社联动 (one per resident, in the loop's order). */
  static final List<String> SANSHE_ITEMS =
      List.of("HOME_CARE", "MEAL_DELIVERY", "HOME_CARE", "HOUSEKEEPING");

  /** A social worker employed by the community C-DZM-01, for orders dispatched by hand. */
  static final String SANSHE_COMMUNITY_WORKER = "sw-dzm-01";

  private static JsonNode typeNamed(JsonNode types, String code) {
    for (JsonNode type : types) {
      if (code.equals(text(type, "code"))) {
        return type;
      }
    }
    return types.get(0);
  }

  /**
   * 三社联动: the district registers the demo organisations (as {@code admin}), publishes their offers
   * and registers one social worker of each (the accounts {@code org-<x>} and {@code sw-<x>-01} of
   * the provider), before any order is placed, so that menu orders are dispatched.
   */
  public void loadSanshe() throws IOException, InterruptedException {
    Path file = ProjectRoot.find().resolve(SANSHE_ORGANISATIONS);
    JsonNode organisations = json.readTree(file.toFile());
    int registered = 0;
    int offers = 0;
    int workers = 0;
    for (JsonNode organisation : organisations) {
      String id = text(organisation, "id");
      ObjectNode body = organisation.deepCopy();
      body.remove("id");
      body.remove("offers");
      body.put("organisationId", id);
      Response created = post(ADMIN, "/api/sanshe/organisations", body, "demo-organisation-" + id);
      if (created.status() / 100 != 2 && created.status() != 409) {
        out.printf(
            "  ! organisation %s not registered (HTTP %d): %s%n",
            id, created.status(), created.snippet());
        continue;
      }
      registered++;
      for (JsonNode offer : organisation.get("offers")) {
        ObjectNode published = json.createObjectNode();
        published.set("price", offer.get("price"));
        published.set("capacityPerWeek", offer.get("capacityPerWeek"));
        published.set("communities", offer.get("communities"));
        Response response =
            send(
                "PUT",
                ADMIN,
                "/api/sanshe/organisations/" + id + "/offers/" + text(offer, "item"),
                published);
        if (response.status() == 200) {
          offers++;
        } else {
          out.printf(
              "  ! offer %s of %s (HTTP %d): %s%n",
              text(offer, "item"), id, response.status(), response.snippet());
        }
      }
      if (!"COMMUNITY_ORGANISATION".equals(text(organisation, "kind"))) {
        String worker = "sw-" + id.substring(4).toLowerCase(Locale.ROOT) + "-01";
        if (registerWorker(worker, "社工" + (workers + 1) + "号", "ORGANISATION", id)) {
          workers++;
        }
      }
    }
    if (registerWorker(SANSHE_COMMUNITY_WORKER, "陈静", "COMMUNITY", "C-DZM-01")) {
      workers++;
    }
    out.printf(
        "  三社联动: %d organisations, %d menu items offered, %d social workers%n",
        registered, offers, workers);
  }

  static final String VOLUNTEERS =
      "volunteer-service/src/main/resources/org/fourinone/volunteer/demo/volunteers.json";

  /**
   * 志愿者: the demo volunteers register themselves (their own logins, validated ID numbers from a
   * fixed seed) and their community's worker reviews them; a community team, gifts and a service to
   * exchange points for. Idempotent: a second run finds them registered.
   */
  public void loadVolunteers() throws IOException, InterruptedException {
    JsonNode volunteers = json.readTree(ProjectRoot.find().resolve(VOLUNTEERS).toFile());
    Random random = new Random(SEED + 13);
    int active = 0;
    List<String> logins = new ArrayList<>();
    for (JsonNode v : volunteers) {
      String account = text(v, "account");
      logins.add(account);
      String community = text(v, "community");
      ObjectNode person =
          json.createObjectNode()
              .put("name", text(v, "name"))
              .put("idNumber", IdNumbers.random(random, random.nextBoolean()))
              .put(
                  "phone",
                  MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
                      + String.format("%08d", random.nextInt(100_000_000)))
              .put("communityId", community);
      ObjectNode body = json.createObjectNode();
      body.set("person", person);
      body.set("skills", v.get("skills"));
      body.set("communityIds", v.get("communities"));
      body.set("availability", v.get("availability"));
      body.set("health", json.createObjectNode().put("fit", true));
      body.set(
          "insurance", json.createObjectNode().put("insured", true).put("until", "2027-12-31"));
      Response registered =
          post(account, "/api/volunteer/volunteers", body, "demo-volunteer-" + account);
      if (registered.status() / 100 != 2 && registered.status() != 409) {
        out.printf(
            "  ! volunteer %s not registered (HTTP %d): %s%n",
            account, registered.status(), registered.snippet());
        continue;
      }
      ObjectNode review =
          json.createObjectNode().put("status", "ACTIVE").put("reason", "实名信息核验通过（演示数据）");
      Response reviewed =
          post(
              "cw-" + community.toLowerCase(Locale.ROOT).substring(2),
              "/api/volunteer/volunteers/" + account + "/status",
              review,
              null);
      if (reviewed.status() == 200 || reviewed.status() == 409) {
        active++;
      }
    }
    ObjectNode team =
        json.createObjectNode()
            .put("name", "东直门社区邻里互助志愿服务队")
            .put("level", "COMMUNITY")
            .put("communityId", "C-DZM-01");
    team.set(
        "attachedTo",
        json.createObjectNode()
            .put("kind", "ORGANISATION")
            .put("id", "ORG-DZM-ZHIYUAN")
            .put("name", "东直门社区邻里互助队"));
    Response created = post("cw-dzm-01", "/api/volunteer/teams", team, null);
    String teamId = created.id("teamId");
    if (teamId != null) {
      post(
          "cw-dzm-01",
          "/api/volunteer/teams/" + teamId + "/members",
          json.createObjectNode().put("volunteerId", "vol-li").put("leader", true),
          null);
    }
    int items = 0;
    for (String[] gift :
        new String[][] {
          {"GIFT", "爱心大米 5kg", "5", "40", "MERCHANT", "东直门爱心超市"},
          {"GIFT", "社区理发券", "2", "100", "COMMUNITY", "东直门社区"},
          {"GIFT", "文创帆布袋", "1", "200", "PARTNER_UNIT", "区图书馆"},
          {"SERVICE", "居家养老照护一次（2小时）", "10", "20", "PARTNER_UNIT", "安康养老服务中心"}
        }) {
      ObjectNode item =
          json.createObjectNode()
              .put("name", gift[1])
              .put("kind", gift[0])
              .put("points", Integer.parseInt(gift[2]))
              .put("stock", Integer.parseInt(gift[3]));
      item.set("supplier", json.createObjectNode().put("kind", gift[4]).put("name", gift[5]));
      item.set(
          "communityIds",
          json.createArrayNode().add("C-DZM-01").add("C-DZM-02").add("C-HPL-01").add("C-HPL-02"));
      if (gift[0].equals("SERVICE")) {
        item.set(
            "service",
            json.createObjectNode().put("system", "SANSHE").put("orderType", "HOME_CARE"));
      }
      if (post(ADMIN, "/api/volunteer/exchange/items", item, null).status() == 201) {
        items++;
      }
    }
    out.printf(
        "  志愿者: %d volunteers active (logins %s), a community team, %d exchange items%n",
        active, String.join(", ", logins), items);
  }

  private boolean registerWorker(String workerId, String name, String employerType, String employer)
      throws IOException, InterruptedException {
    ObjectNode body =
        json.createObjectNode()
            .put("workerId", workerId)
            .put("name", name)
            .put("kind", "SOCIAL_WORKER")
            .put("joinedOn", "2024-03-01");
    body.putObject("employer").put("type", employerType).put("id", employer);
    body.putObject("post").put("category", "STAFF").put("grade", 3);
    Response response = post(ADMIN, "/api/sanshe/social-workers", body, null);
    if (response.status() == 201) {
      ObjectNode qualification =
          json.createObjectNode()
              .put("level", "INTERMEDIATE")
              .put("certificateNumber", "SW2024" + Math.abs(workerId.hashCode() % 1_000_000))
              .put("year", 2024);
      post(ADMIN, "/api/sanshe/social-workers/" + workerId + "/qualification", qualification, null);
      return true;
    }
    return response.status() == 409;
  }

  /**
   * 三社联动's orders go through dispatch: once the dispatcher has offered one to an organisation, its
   * staff accept (stage 1), name their social worker, who starts (2), completes, and the resident
   * rates it (3). Stage 0 stays offered, and times out to the next organisation. An order nobody
   * offers goes by hand, as elsewhere.
   */
  private String advanceSanshe(SystemPath system, String orderId, DemoResident resident, int stage)
      throws IOException, InterruptedException {
    JsonNode dispatch = awaitDispatch(orderId);
    if (dispatch == null || !"OFFERED".equals(text(dispatch, "state"))) {
      return advance(system, orderId, resident, stage);
    }
    String organisation = text(dispatch, "organisationId");
    String suffix = organisation.substring(4).toLowerCase(Locale.ROOT);
    String staff = "org-" + suffix;
    String worker = "sw-" + suffix + "-01";
    String base = "/api/sanshe/orders/" + orderId;
    String reached = "OFFERED to " + organisation;
    if (stage >= 1
        && command(
            staff, "/api/sanshe/dispatches/" + orderId + "/accept", json.createObjectNode())) {
      reached = "ACCEPTED by " + organisation;
    }
    if (stage >= 2) {
      command(
          staff,
          "/api/sanshe/dispatches/" + orderId + "/worker",
          json.createObjectNode().put("workerId", worker).put("note", "明天上午上门"));
      if (command(worker, base + "/start", json.createObjectNode())) {
        reached = "IN_PROGRESS (" + worker + ")";
      }
    }
    if (stage >= 3) {
      command(worker, base + "/complete", json.createObjectNode().put("note", "服务完成，居民确认。"));
      if (command(
          resident.username(),
          base + "/rate",
          json.createObjectNode().put("level", "VERY_SATISFIED").put("comment", "社工很专业，非常满意！"))) {
        reached = "RATED";
      }
    }
    return reached;
  }

  /** The order's dispatch once the dispatcher has looked at it (offered, unserved), or null. */
  private JsonNode awaitDispatch(String orderId) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response =
          http.send(
              request(ADMIN, "/api/sanshe/dispatches/" + orderId).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        JsonNode dispatch = json.readTree(response.body());
        String state = text(dispatch, "state");
        if (!state.equals("WAITING")) {
          return dispatch;
        }
      }
      Thread.sleep(500);
    }
    return null;
  }

  /** Stage 0 stays submitted; 1 accepted; 2 assigned and started; 3 completed and rated. */
  private String advance(SystemPath system, String orderId, DemoResident resident, int stage)
      throws IOException, InterruptedException {
    String base = "/api/" + system.path() + "/orders/" + orderId;
    String reached = "SUBMITTED";
    // the community worker of the order's community accepts, assigns and records the work
    String worker = communityWorker(resident.communityId());
    if (stage >= 1
        && command(worker, base + "/accept", json.createObjectNode().put("actorId", worker))) {
      reached = "ACCEPTED";
    }
    if (stage >= 2) {
      command(
          worker,
          base + "/assign",
          json.createObjectNode()
              .put("actorId", worker)
              .put("assigneeType", system.assigneeType())
              .put("assignee", system.assignee()));
      if (command(
          worker, base + "/start", json.createObjectNode().put("actorId", system.assignee()))) {
        reached = "IN_PROGRESS";
      }
    }
    if (stage >= 3) {
      command(
          worker,
          base + "/complete",
          json.createObjectNode().put("actorId", system.assignee()).put("note", "已上门处理完毕，居民确认。"));
      if (command(
          resident.username(),
          base + "/rate",
          json.createObjectNode()
              .put("actorId", resident.residentId())
              .put("level", "VERY_SATISFIED")
              .put("comment", "办事快，态度好，非常满意！"))) {
        reached = "RATED";
      }
    }
    return reached;
  }

  /** A lifecycle command; 409 (already moved on a previous run) is not an error. */
  private boolean command(String actor, String path, ObjectNode body)
      throws IOException, InterruptedException {
    Response response = post(actor, path, body, null);
    if (response.status() / 100 == 2) {
      return true;
    }
    if (response.status() != 409) {
      out.printf("  ! POST %s → HTTP %d: %s%n", path, response.status(), response.snippet());
    }
    return false;
  }

  private void awaitKnown(SystemPath system, String residentId)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    String path = "/api/" + system.path() + "/residents/" + residentId + "/orders";
    while (true) {
      HttpResponse<String> response =
          http.send(request(ADMIN, path).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 404 && response.statusCode() / 100 != 5) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException(
            "resident "
                + residentId
                + " not known in "
                + system.path()
                + " after 90 s (HTTP "
                + response.statusCode()
                + ")");
      }
      Thread.sleep(300);
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request(ADMIN, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " → HTTP " + response.statusCode() + ": " + snippet(response.body()));
    }
    return json.readTree(response.body());
  }

  private Response send(String method, String actor, String path, JsonNode body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request(actor, path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), null);
  }

  private Response post(String actor, String path, JsonNode body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        request(actor, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Location").orElse(null));
  }

  /** A request to the gateway as this demo account (its access token; none without an issuer). */
  private HttpRequest.Builder request(String actor, String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(gateway + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .header("Accept-Language", "zh-CN");
    if (issuer != null) {
      builder.header("Authorization", "Bearer " + token(actor));
    }
    return builder;
  }

  /** One login per account and run; the demo takes far less than the tokens' 15 minutes. */
  private String token(String username) {
    return tokens.computeIfAbsent(
        username, name -> OidcLogin.accessToken(issuer, name, OidcLogin.DEMO_PASSWORD));
  }

  /**
   * {@code residents.json} for the provider: one login per registered demo resident, merged with
   * what is there (keyed by username), written atomically.
   */
  private void writeResidentLogins(List<DemoResident> residents) throws IOException {
    if (residentsFile == null) {
      return;
    }
    Map<String, JsonNode> byUsername = new LinkedHashMap<>();
    if (Files.isRegularFile(residentsFile)) {
      JsonNode existing = json.readTree(residentsFile.toFile());
      if (existing != null && existing.isArray()) {
        existing.forEach(node -> byUsername.put(text(node, "username"), node));
      }
    }
    for (DemoResident resident : residents) {
      byUsername.put(resident.username(), json.valueToTree(resident));
    }
    ArrayNode array = json.createArrayNode();
    byUsername.values().forEach(array::add);
    Files.createDirectories(residentsFile.toAbsolutePath().getParent());
    Path tmp = residentsFile.resolveSibling(residentsFile.getFileName() + ".tmp");
    json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), array);
    Files.move(
        tmp, residentsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    out.printf(
        "  %d resident logins (resident-01 …, password %s) in %s%n",
        residents.size(), OidcLogin.DEMO_PASSWORD, residentsFile);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static String snippet(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  /** A POST's outcome; the created id comes from the body, or else from the Location header. */
  private final class Response {
    private final int status;
    private final String body;
    private final String location;

    Response(int status, String body, String location) {
      this.status = status;
      this.body = body;
      this.location = location;
    }

    int status() {
      return status;
    }

    String snippet() {
      return DemoData.snippet(body);
    }

    String id(String field) {
      JsonNode tree;
      try {
        tree = body == null || body.isBlank() ? null : json.readTree(body);
      } catch (IOException e) {
        tree = null;
      }
      if (tree != null) {
        for (String name : List.of(field, "id")) {
          JsonNode value = tree.get(name);
          if (value != null && value.isTextual() && !value.asText().isBlank()) {
            return value.asText();
          }
        }
      }
      if (status / 100 == 2 && location != null && !location.isBlank()) {
        return location.substring(location.lastIndexOf('/') + 1);
      }
      return null;
    }
  }
}
