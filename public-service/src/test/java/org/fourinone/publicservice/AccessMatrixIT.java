package org.fourinone.publicservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.fourinone.testing.Http;
import org.fourinone.testing.Residents;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.fourinone.testing.TestTokens.Subject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The access matrix of docs/security.md, route by route: every role × where the target lies from
 * the caller (own / same community / other community in the same street / other street) → the
 * expected answer. {@code 2} = 2xx, {@code 3} = 403, {@code 4} = 404, {@code U} = 422 (a resident
 * outside the caller's scope is an unknown resident when named in a body). For a list or a search
 * (the queue, the resident look-up) {@code 4} means the target is not in the answer. A route of the
 * service that has no row fails the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

  // columns: the roles; each cell: OWN, SAME_COMMUNITY, OTHER_COMMUNITY (same street), OTHER_STREET
  static final List<String> ROLES =
      List.of(
          "RESIDENT",
          "COMMUNITY_WORKER",
          "CALL_CENTER_OPERATOR",
          "SOCIAL_WORKER",
          "ORGANISATION_STAFF",
          "VOLUNTEER",
          "PARTY_STAFF",
          "STREET_OFFICER",
          "DISTRICT_ADMIN",
          "PARTNER_SYSTEM",
          "PLATFORM_OPERATOR");

  static final String MATRIX =
      """
      # party staff do not handle public-service applications (the item's rules: handledBy): 403 where they
      # could see the order, 404 elsewhere (nothing about an order outside their territory is revealed)
      # route                                            RES  CW   CC   SW   ORG  VOL  PTY  STR  ADM  PRT  OPS
      GET  /api/public/communities                       2222 2222 2222 2222 2222 2222 2222 2222 2222 2222 3333
      GET  /api/public/communities/{communityId}         2222 2222 2222 2222 2222 2222 2222 2222 2222 2222 3333
      POST /api/public/residents                         3333 2233 2233 3333 3333 3333 3333 3333 2222 3333 3333
      GET  /api/public/residents/{residentId}            2444 2244 2244 2244 3333 3333 2244 2224 2222 2222 3333
      GET  /api/public/residents                         3333 2244 2244 2244 3333 3333 2244 2224 2222 3333 3333
      GET  /api/public/residents/{residentId}/personal-data 2444 2244 3333 3333 3333 3333 3333 3333 2222 3333 3333
      GET  /api/public/order-types                       2222 2222 2222 2222 2222 2222 2222 2222 2222 2222 3333
      GET  /api/public/departments                       2222 2222 2222 2222 2222 2222 2222 2222 2222 2222 3333
      POST /api/public/orders                            2UUU 22UU 22UU 22UU 3333 3333 3333 3333 3333 3333 3333
      GET  /api/public/orders/{orderId}                  2444 2244 2244 2244 2444 2444 2244 2224 2222 2222 3333
      GET  /api/public/orders                            2444 2244 2244 2244 2444 2444 2244 2224 2222 2222 3333
      GET  /api/public/orders/statistics                 3333 2222 2222 2222 3333 3333 2222 2222 2222 2222 3333
      GET  /api/public/residents/{residentId}/orders     2444 2244 2244 2244 2444 2444 2244 2224 2222 2222 3333
      POST /api/public/orders/{orderId}/accept           3333 2244 3333 2244 3333 3333 3344 2224 2222 3333 3333
      POST /api/public/orders/{orderId}/assign           3333 2244 3333 2244 3333 3333 3344 2224 2222 3333 3333
      POST /api/public/orders/{orderId}/reject           3333 2244 3333 2244 3333 3333 3344 2224 2222 3333 3333
      POST /api/public/orders/{orderId}/start            3333 2244 3333 2244 2444 2444 3344 3333 2222 3333 3333
      POST /api/public/orders/{orderId}/complete         3333 2244 3333 2244 2444 2444 3344 3333 2222 3333 3333
      POST /api/public/orders/{orderId}/cancel           2444 2244 2244 2244 3333 3333 3333 3333 2222 3333 3333
      POST /api/public/orders/{orderId}/rate             2444 3333 3333 3333 3333 3333 3333 3333 3333 3333 3333
      GET  /api/public/audit-log                         3333 3333 3333 3333 3333 3333 3333 3333 2222 3333 3333
      POST /api/public/admin/personal-data/re-encrypt    3333 3333 3333 3333 3333 3333 3333 3333 2222 3333 3333
      """;

  enum Relation {
    OWN,
    SAME_COMMUNITY,
    OTHER_COMMUNITY,
    OTHER_STREET
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, "access-" + UUID.randomUUID());
  }

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  Http anonymous;
  Http admin;
  Http placer;
  String target;
  String targetPhone;

  @BeforeAll
  void residents() {
    anonymous = new Http("http://localhost:" + port);
    admin = anonymous.as(TestTokens.bearer(TestTokens.of("DISTRICT_ADMIN", "admin")));
    placer =
        anonymous.as(
            TestTokens.bearer(
                TestTokens.worker("COMMUNITY_WORKER", "cw-placer", "C-DZM-01", "S-DZM")));
    Map<String, Object> resident = Residents.aResident("C-DZM-01");
    targetPhone = (String) resident.get("phone");
    target = admin.post("/api/public/residents", resident).json().get("residentId").asText();
  }

  /**
   * The caller of a role, placed relative to the target resident (who lives in C-DZM-01, street
   * S-DZM).
   */
  Subject caller(String role, Relation relation) {
    String community =
        switch (relation) {
          case OWN, SAME_COMMUNITY -> "C-DZM-01";
          case OTHER_COMMUNITY -> "C-DZM-02";
          case OTHER_STREET -> "C-HPL-01";
        };
    String street = relation == Relation.OTHER_STREET ? "S-HPL" : "S-DZM";
    return switch (role) {
      case "RESIDENT" ->
          TestTokens.resident(
              relation == Relation.OWN ? target : "R-OTHER00001", community, street);
      // organisation staff and volunteers see what is assigned to them: ORG-A and vol-a get
      // assignments, ORG-C and vol-c never
      case "ORGANISATION_STAFF" ->
          TestTokens.of(role, "org-staff-1")
              .with("organisation_id", relation == Relation.OWN ? "ORG-A" : "ORG-C");
      case "VOLUNTEER" -> TestTokens.of(role, relation == Relation.OWN ? "vol-a" : "vol-c");
      case "STREET_OFFICER" -> TestTokens.of(role, "street-1").with("street_id", street);
      case "DISTRICT_ADMIN", "PARTNER_SYSTEM", "PLATFORM_OPERATOR" ->
          TestTokens.of(role, role.toLowerCase());
      default -> TestTokens.worker(role, role.toLowerCase() + "-1", community, street);
    };
  }

  /**
   * An order of the target resident, moved as far as {@code state}, assigned per the relation: a
   * 百姓诉求 (APPEAL), the one public-service item that can go to an organisation or a volunteer.
   */
  String anOrder(String state, String role, Relation relation) {
    var body = new LinkedHashMap<String, Object>();
    body.put("residentId", target);
    body.put("type", "APPEAL");
    body.put("channel", "DOOR_TO_DOOR");
    body.put("title", "楼道灯坏了");
    body.put("description", "3号楼2单元楼道灯不亮已一周");
    body.put("consent", Map.of("given", true, "how", "IN_PERSON"));
    var placed = placer.post("/api/public/orders", body);
    assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    String id = placed.json().get("orderId").asText();
    String path = "/api/public/orders/" + id;
    boolean mine = relation == Relation.OWN;
    Map<String, Object> assignment =
        switch (role) {
          case "ORGANISATION_STAFF" ->
              Map.of("assigneeType", "ORGANISATION", "assignee", mine ? "ORG-A" : "ORG-B");
          case "VOLUNTEER" ->
              Map.of("assigneeType", "VOLUNTEER", "assignee", mine ? "vol-a" : "vol-b");
          default -> Map.of("assigneeType", "ORGANISATION", "assignee", "ORG-B");
        };
    List<String> steps =
        switch (state) {
          case "SUBMITTED" -> List.of();
          case "ACCEPTED" -> List.of("accept");
          case "ASSIGNED" -> List.of("accept", "assign");
          case "IN_PROGRESS" -> List.of("accept", "assign", "start");
          case "COMPLETED" -> List.of("accept", "assign", "start", "complete");
          default -> throw new IllegalArgumentException(state);
        };
    for (String step : steps) {
      var moved = admin.post(path + "/" + step, step.equals("assign") ? assignment : Map.of());
      assertThat(moved.status()).as(step + " " + moved.text()).isEqualTo(200);
    }
    return id;
  }

  record Row(String method, String route, Map<String, String> cells) {}

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : MATRIX.strip().split("\n")) {
      line = line.strip();
      if (line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      Map<String, String> cells = new LinkedHashMap<>();
      for (int i = 0; i < ROLES.size(); i++) {
        cells.put(ROLES.get(i), parts[2 + i]);
      }
      rows.add(new Row(parts[0], parts[1], cells));
    }
    return rows;
  }

  @Test
  void everyRouteOfTheServiceHasARow() {
    Set<String> routes = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (handler.getBeanType().getPackageName().startsWith("org.fourinone")) {
                for (String pattern : info.getPatternValues()) {
                  for (var method : info.getMethodsCondition().getMethods()) {
                    routes.add(method + " " + pattern.replace("{command}", "*"));
                  }
                }
              }
            });
    Set<String> covered = new TreeSet<>();
    for (Row row : rows()) {
      covered.add(
          row.method()
              + " "
              + row.route()
                  .replaceAll("/(accept|assign|reject|start|complete|cancel|rate)$", "/*"));
    }
    assertThat(covered).containsAll(routes);
    assertThat(routes).containsAll(covered);
  }

  /**
   * The cases run four at a time (each places its own orders, so none waits on another's), but the
   * queue's: it finds the order it just placed among the newest five of the caller's queue, which
   * orders placed beside it could push out, so its cases run alone, after the others.
   */
  @Test
  void everyRoleGetsWhatTheMatrixSaysWhereverTheTargetLies() throws Exception {
    record Case(Row row, String role, Relation relation) {}
    List<Case> cases = new ArrayList<>();
    for (Row row : rows()) {
      for (String role : ROLES) {
        for (Relation relation : Relation.values()) {
          cases.add(new Case(row, role, relation));
        }
      }
    }
    Function<Case, String> mismatch =
        c -> {
          char want = c.row().cells().get(c.role()).charAt(c.relation().ordinal());
          int status = call(c.row(), c.role(), c.relation());
          return matches(want, status)
              ? null
              : c.row().method()
                  + " "
                  + c.row().route()
                  + " as "
                  + c.role()
                  + " ("
                  + c.relation()
                  + "): expected "
                  + want
                  + ", got "
                  + status;
        };
    Predicate<Case> alone = c -> c.row().route().equals("/api/public/orders");
    List<String> mismatches = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> side = new ArrayList<>();
      for (Case c : cases) {
        if (!alone.test(c)) {
          side.add(pool.submit(() -> mismatch.apply(c)));
        }
      }
      for (var f : side) {
        mismatches.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    cases.stream().filter(alone).map(mismatch).forEach(mismatches::add);
    mismatches.removeIf(Objects::isNull);
    assertThat(mismatches).as("%d cases", cases.size()).isEmpty();
    assertThat(cases).hasSize(rows().size() * ROLES.size() * Relation.values().length);
  }

  @Test
  void noRouteBeyondHealthAndApiDocsAnswersWithoutAToken() {
    for (Row row : rows()) {
      String path =
          row.route()
              .replace("{communityId}", "C-DZM-01")
              .replace("{residentId}", target)
              .replace("{orderId}", "X");
      int status =
          row.method().equals("GET")
              ? anonymous.get(path).status()
              : anonymous.post(path, Map.of()).status();
      assertThat(status).as(row.method() + " " + path).isEqualTo(401);
    }
    var health = anonymous.get("/actuator/health");
    assertThat(health.status()).as(health.text()).isEqualTo(200);
    assertThat(anonymous.get("/api/public/v3/api-docs").status()).isEqualTo(200);
  }

  private int call(Row row, String role, Relation relation) {
    Http http = anonymous.as(TestTokens.bearer(caller(role, relation)));
    String route = row.route();
    Function<String, String> withOrder =
        state -> route.replace("{orderId}", anOrder(state, role, relation));
    return switch (row.method() + " " + route) {
      case "GET /api/public/communities",
          "GET /api/public/order-types",
          "GET /api/public/departments",
          "GET /api/public/audit-log" ->
          http.get(route).status();
      case "GET /api/public/communities/{communityId}" ->
          http.get(route.replace("{communityId}", "C-DZM-01")).status();
      case "POST /api/public/residents" ->
          http.post(route, Residents.aResident("C-DZM-01")).status();
      case "POST /api/public/admin/personal-data/re-encrypt" -> http.post(route, Map.of()).status();
      case "GET /api/public/residents/{residentId}",
          "GET /api/public/residents/{residentId}/personal-data" ->
          http.get(route.replace("{residentId}", target)).status();
      case "GET /api/public/residents/{residentId}/orders" -> {
        anOrder(
            "ASSIGNED", role, relation); // something for organisation staff and volunteers to see
        yield http.get(route.replace("{residentId}", target)).status();
      }
      case "POST /api/public/orders" -> {
        var body = new LinkedHashMap<String, Object>();
        body.put("residentId", target);
        body.put("type", "SENIOR_CARD");
        body.put("title", "办理老年证");
        if (role.equals("RESIDENT")) {
          body.put("channel", "APP");
        } else {
          body.put("channel", "DOOR_TO_DOOR");
          body.put("consent", Map.of("given", true, "how", "IN_PERSON"));
        }
        yield http.post(route, body).status();
      }
      case "GET /api/public/orders/{orderId}" -> http.get(withOrder.apply("ASSIGNED")).status();
      case "GET /api/public/orders" -> {
        // the order just placed is the newest of every queue that holds it
        String id = anOrder("ASSIGNED", role, relation);
        yield found(http.get(route + "?size=5"), "items", "orderId", id);
      }
      case "GET /api/public/orders/statistics" -> http.get(route).status();
      case "GET /api/public/residents" ->
          found(http.get(route + "?phone=" + targetPhone), "items", "residentId", target);
      case "POST /api/public/orders/{orderId}/accept",
          "POST /api/public/orders/{orderId}/reject",
          "POST /api/public/orders/{orderId}/cancel" ->
          http.post(withOrder.apply("SUBMITTED"), Map.of("reason", "测试")).status();
      case "POST /api/public/orders/{orderId}/assign" ->
          http.post(
                  withOrder.apply("ACCEPTED"),
                  Map.of("assigneeType", "SOCIAL_WORKER", "assignee", "sw-9"))
              .status();
      case "POST /api/public/orders/{orderId}/start" ->
          http.post(withOrder.apply("ASSIGNED"), Map.of()).status();
      case "POST /api/public/orders/{orderId}/complete" ->
          http.post(withOrder.apply("IN_PROGRESS"), Map.of("note", "好")).status();
      case "POST /api/public/orders/{orderId}/rate" ->
          http.post(withOrder.apply("COMPLETED"), Map.of("level", "SATISFIED")).status();
      default -> throw new AssertionError("no way to call " + row.method() + " " + route);
    };
  }

  /** 200 if the answer's list holds the id, 404 if it does not, else the answer's status. */
  private static int found(Http.Response response, String list, String field, String id) {
    if (response.status() != 200) {
      return response.status();
    }
    return response.json().get(list).findValuesAsString(field).contains(id) ? 200 : 404;
  }

  private static boolean matches(char want, int status) {
    return switch (want) {
      case '2' -> status >= 200 && status < 300;
      case '3' -> status == 403;
      case '4' -> status == 404;
      case 'U' -> status == 422;
      default -> throw new IllegalArgumentException("unknown cell " + want);
    };
  }
}
