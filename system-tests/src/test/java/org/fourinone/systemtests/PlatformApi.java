package org.fourinone.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fourinone.local.OidcLogin;
import org.fourinone.local.Platform;
import org.fourinone.testing.Http;
import org.fourinone.testing.Residents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the platform's users do through the gateway, each with their own token from the platform's
 * OIDC provider: the district administrator (client credentials) registers residents, reads and
 * moves orders along; residents place WEB/APP orders and rate them; the call-centre operator
 * ({@code cc-…}) and the community worker ({@code cw-…}) of the resident's community place
 * CALL_CENTER and DOOR_TO_DOOR orders with the resident's consent.
 */
public final class PlatformApi {

  private final Http anonymous;
  private final Http http;
  private final String issuer;
  private final Path residentsFile;
  private final Map<String, Http> users = new ConcurrentHashMap<>();
  private final Map<String, Resident> residents = new ConcurrentHashMap<>();
  private final Map<String, String> residentOfOrder = new ConcurrentHashMap<>();
  private final Map<String, String> streetOfCommunity = new ConcurrentHashMap<>();

  public PlatformApi(Platform platform) {
    this(
        platform.gatewayUrl(),
        platform.oidcUrl(),
        platform.oidcDataDir().resolve("residents.json"));
  }

  public PlatformApi(String gatewayUrl, String issuer, Path residentsFile) {
    this.anonymous = new Http(gatewayUrl);
    this.issuer = issuer;
    this.residentsFile = residentsFile;
    this.http =
        anonymous.as(
            "Bearer "
                + OidcLogin.clientCredentials(
                    issuer, OidcLogin.ADMIN_CLIENT, OidcLogin.ADMIN_SECRET));
  }

  /** The district administrator's client. */
  public Http http() {
    return http;
  }

  /** A client without a token. */
  public Http anonymous() {
    return anonymous;
  }

  /**
   * A demo account's client (password {@code demo1234}), logged in through the provider's login
   * form.
   */
  public Http as(String username) {
    return users.computeIfAbsent(
        username,
        u -> anonymous.as("Bearer " + OidcLogin.accessToken(issuer, u, OidcLogin.DEMO_PASSWORD)));
  }

  /** The resident's own client: their login is added to the provider's residents file first. */
  public Http asResident(String residentId) {
    Resident resident = residents.get(residentId);
    if (resident == null) {
      throw new IllegalArgumentException("not registered by this client: " + residentId);
    }
    return as(login(resident));
  }

  /**
   * Registers {@code count} residents spread over the communities, in turn, and waits until all
   * four systems know them; returns their ids (the benchmarks' residents).
   */
  public List<String> residentsKnownEverywhere(int count) {
    List<String> communities =
        communities().stream().map(c -> c.get("communityId").asString()).toList();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(registerResident(communities.get(i % communities.size())).residentId());
    }
    ids.forEach(this::awaitKnownEverywhere);
    return ids;
  }

  /**
   * Takes a resident this client did not register (one written straight into the store, e.g. by the
   * district generator), so that {@link #residentBearer} and {@link #asResident} can sign them in.
   */
  public void know(Resident resident) {
    if (streetOfCommunity.isEmpty()) {
      communities();
    }
    residents.put(resident.residentId(), resident);
  }

  /**
   * The resident's {@code Authorization} header value ({@code Bearer …}), signed in afresh: for a
   * client that sends its own requests (the benchmark's asynchronous load).
   */
  public String residentBearer(String residentId) {
    Resident resident = residents.get(residentId);
    if (resident == null) {
      throw new IllegalArgumentException("not registered by this client: " + residentId);
    }
    return "Bearer " + OidcLogin.accessToken(issuer, login(resident), OidcLogin.DEMO_PASSWORD);
  }

  /** {@code C-DZM-01} → {@code dzm-01}, as the provider names the community's accounts. */
  static String accountSuffix(String communityId) {
    return communityId.substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Gives a resident registered by this client a login at the provider under a chosen username
   * (e.g. the demo's {@code resident-01}; password {@code demo1234}), to sign in in a browser.
   */
  public String loginOf(String residentId, String username) {
    Resident resident = residents.get(residentId);
    if (resident == null) {
      throw new IllegalArgumentException("not registered by this client: " + residentId);
    }
    return login(resident, username);
  }

  private String login(Resident resident) {
    return login(resident, "st-" + resident.residentId().toLowerCase(java.util.Locale.ROOT));
  }

  private synchronized String login(Resident resident, String username) {
    try {
      ArrayNode logins =
          Files.exists(residentsFile)
              ? (ArrayNode) Http.JSON.readTree(Files.readString(residentsFile))
              : Http.JSON.createArrayNode();
      boolean known = false;
      for (JsonNode login : logins) {
        known |= username.equals(login.get("username").asString());
      }
      if (!known) {
        ObjectNode login = logins.addObject();
        login.put("username", username);
        login.put("name", "测试居民");
        login.put("residentId", resident.residentId());
        login.put("communityId", resident.communityId());
        login.put("streetId", streetOfCommunity.get(resident.communityId()));
        Files.createDirectories(residentsFile.getParent());
        Path temp = Files.createTempFile(residentsFile.getParent(), "residents", ".json");
        Files.writeString(temp, Http.JSON.writeValueAsString(logins));
        Files.move(
            temp,
            residentsFile,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return username;
  }

  /**
   * A resident registered in public-service, with the clear ID number and phone it was registered
   * with.
   */
  public record Resident(String residentId, String communityId, String idNumber, String phone) {}

  public List<JsonNode> communities() {
    Http.Response response = http.get("/api/public/communities");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<JsonNode> communities = new ArrayList<>();
    response.json().forEach(communities::add);
    communities.forEach(
        c -> streetOfCommunity.put(c.get("communityId").asString(), c.get("streetId").asString()));
    assertThat(communities).isNotEmpty();
    return communities;
  }

  public Resident registerResident() {
    return registerResident(communities().get(0).get("communityId").asString());
  }

  public Resident registerResident(String communityId) {
    return registerResident(communityId, null);
  }

  /** A resident of the community; named {@code name} if given (a unique name to search for). */
  public Resident registerResident(String communityId, String name) {
    if (streetOfCommunity.isEmpty()) {
      communities();
    }
    Map<String, Object> body = Residents.aResident(communityId);
    if (name != null) {
      body.put("name", name);
    }
    Http.Response response = http.post("/api/public/residents", body);
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    Resident resident =
        new Resident(
            response.json().get("residentId").asString(),
            communityId,
            (String) body.get("idNumber"),
            (String) body.get("phone"));
    residents.put(resident.residentId(), resident);
    return resident;
  }

  /**
   * A social worker employed by the community, registered in 三社联动 by the district (an order can
   * only be assigned to a worker the registry knows); returns their id.
   */
  public String registerSocialWorker(String communityId) {
    String workerId = "sw-st-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Http.Response response =
        http.post(
            "/api/sanshe/social-workers",
            Map.of(
                "workerId", workerId,
                "name", "系统测试社工",
                "kind", "SOCIAL_WORKER",
                "employer", Map.of("type", "COMMUNITY", "id", communityId),
                "joinedOn", "2024-01-01"));
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return workerId;
  }

  /**
   * Who places an order through a channel: the resident themself, or an operator of their
   * community.
   */
  public Http placer(String residentId, String channel) {
    String community = residents.get(residentId).communityId();
    return switch (channel) {
      case "CALL_CENTER" -> as("cc-" + accountSuffix(community));
      case "DOOR_TO_DOOR" -> as("cw-" + accountSuffix(community));
      default -> asResident(residentId);
    };
  }

  /**
   * Waits until party, sanshe and volunteer have the resident from {@code community.residents.v1}.
   */
  public void awaitKnownEverywhere(String residentId) {
    awaitKnownEverywhere(residentId, Duration.ofSeconds(30));
  }

  public void awaitKnownEverywhere(String residentId, Duration atMost) {
    await("resident " + residentId + " known in all four systems")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              for (SubSystem system : SubSystem.ALL) {
                assertThat(http.get(system.residentOrders(residentId)).status())
                    .as(system.name())
                    .isEqualTo(200);
              }
            });
  }

  public List<String> orderTypes(SubSystem system) {
    Http.Response response = http.get(system.api() + "/order-types");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    response.json().forEach(type -> codes.add(type.get("code").asString()));
    assertThat(codes).as("order types of " + system).isNotEmpty();
    return codes;
  }

  /** The codes of the system's order types that can be placed through all four channels. */
  public List<String> orderTypesOfEveryChannel(SubSystem system) {
    Http.Response response = http.get(system.api() + "/order-types");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    response
        .json()
        .forEach(
            type -> {
              if (type.get("channels").size() == 4) {
                codes.add(type.get("code").asString());
              }
            });
    assertThat(codes).as("order types of " + system + " for every channel").isNotEmpty();
    return codes;
  }

  public String firstOrderType(SubSystem system) {
    return orderTypes(system).get(0);
  }

  /** Places an order and returns its id; fails unless the answer is 201 SUBMITTED. */
  public String place(SubSystem system, String residentId, String channel) {
    return place(system, residentId, channel, firstOrderType(system));
  }

  public String place(SubSystem system, String residentId, String channel, String type) {
    Http.Response response =
        placer(residentId, channel)
            .post(system.orders(), Orders.anOrder(residentId, type, channel));
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    JsonNode order = response.json();
    assertThat(order.get("status").asString()).isEqualTo("SUBMITTED");
    assertThat(order.get("originSystem").asString()).isEqualTo(system.name());
    assertThat(response.header("Location")).endsWith("/orders/" + order.get("orderId").asString());
    residentOfOrder.put(order.get("orderId").asString(), residentId);
    return order.get("orderId").asString();
  }

  /** A lifecycle command in the origin system; returns the order after it. */
  public JsonNode act(SubSystem origin, String orderId, String command, Map<String, Object> body) {
    // rating (好差评) is the resident's; the district administrator takes every other step
    Http actor = command.equals("rate") ? asResident(residentOfOrder.get(orderId)) : http;
    Http.Response response = actor.post(origin.order(orderId) + "/" + command, body);
    assertThat(response.status())
        .as(command + " " + orderId + ": " + response.text())
        .isEqualTo(200);
    return response.json();
  }

  public Http.Response order(SubSystem system, String orderId) {
    return http.get(system.order(orderId));
  }

  /** The order as the origin system holds it (the source of truth). */
  public JsonNode orderIn(SubSystem system, String orderId) {
    Http.Response response = order(system, orderId);
    assertThat(response.status())
        .as(system + " " + orderId + ": " + response.text())
        .isEqualTo(200);
    return response.json();
  }

  public JsonNode residentOrders(SubSystem system, String residentId) {
    Http.Response response = http.get(system.residentOrders(residentId) + "?page=0&size=50");
    assertThat(response.status()).as(system + ": " + response.text()).isEqualTo(200);
    return response.json();
  }

  public List<String> residentOrderIds(SubSystem system, String residentId) {
    List<String> ids = new ArrayList<>();
    residentOrders(system, residentId)
        .get("items")
        .forEach(item -> ids.add(item.get("orderId").asString()));
    return ids;
  }

  /**
   * Waits until every system shows the order with the same status, sequence and timeline as {@code
   * origin}.
   */
  public void awaitSameEverywhere(
      SubSystem origin, String orderId, List<SubSystem> systems, Duration atMost) {
    JsonNode truth = orderIn(origin, orderId);
    await(orderId + " the same in " + systems)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              for (SubSystem system : systems) {
                Http.Response response = order(system, orderId);
                assertThat(response.status())
                    .as(system + " " + orderId + ": " + response.text())
                    .isEqualTo(200);
                assertSameState(system, response.json(), truth);
              }
            });
  }

  public static void assertSameState(SubSystem system, JsonNode actual, JsonNode expected) {
    String what = system + " " + expected.get("orderId").asString();
    assertThat(actual.get("status")).as(what + " status").isEqualTo(expected.get("status"));
    assertThat(actual.get("sequence")).as(what + " sequence").isEqualTo(expected.get("sequence"));
    assertThat(actual.get("timeline")).as(what + " timeline").isEqualTo(expected.get("timeline"));
    assertThat(actual.get("originSystem"))
        .as(what + " origin")
        .isEqualTo(expected.get("originSystem"));
  }
}
