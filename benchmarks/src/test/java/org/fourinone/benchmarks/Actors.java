package org.fourinone.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fourinone.local.OidcLogin;
import org.fourinone.testing.Http;
import org.fourinone.testing.Residents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who the simulation acts as, each with their own token from the platform's OIDC provider: the
 * district administrator (client credentials), residents registered here (their logins written to
 * the provider's {@code residents.json} first), and per community its worker ({@code cw-…}) and its
 * call-centre operator ({@code cc-…}). Its calls to the gateway go through the tests' {@link Http}
 * client; the sign-ins through {@link OidcLogin}, against the real provider.
 */
final class Actors {

  static final JsonMapper JSON = Http.JSON;
  static final List<String> SYSTEMS = List.of("party", "public", "sanshe", "volunteer");

  record Resident(String residentId, String communityId, String token) {}

  final String gateway;
  final String adminToken;
  final List<Resident> residents = new ArrayList<>();
  final Map<String, String> workerTokens = new LinkedHashMap<>();
  final Map<String, String> operatorTokens = new LinkedHashMap<>();

  /** Per community a social worker it employs, registered in 三社联动 (the assignee of its orders). */
  final Map<String, String> socialWorkers = new LinkedHashMap<>();

  final Map<String, List<String>> orderTypes = new LinkedHashMap<>();

  /** public-service's items and the department that decides each (GET /api/public/departments). */
  final Map<String, String> departmentOfType = new LinkedHashMap<>();

  /** The gateway as the district administrator. */
  private final Http admin;

  Actors(String gateway, String issuer, Path residentsFile, int count) throws Exception {
    this.gateway = gateway;
    this.adminToken =
        OidcLogin.clientCredentials(issuer, OidcLogin.ADMIN_CLIENT, OidcLogin.ADMIN_SECRET);
    this.admin = new Http(gateway).as("Bearer " + adminToken);
    Map<String, String> streetOfCommunity = new LinkedHashMap<>();
    for (JsonNode c : get("/api/public/communities")) {
      streetOfCommunity.put(c.get("communityId").asString(), c.get("streetId").asString());
    }
    List<String> communities = new ArrayList<>(streetOfCommunity.keySet());
    for (String system : SYSTEMS) {
      List<String> codes = new ArrayList<>();
      // the mix draws a channel at random: only the types offered through all four channels
      get("/api/" + system + "/order-types")
          .forEach(
              t -> {
                if (t.get("channels").size() == 4) {
                  codes.add(t.get("code").asString());
                }
              });
      orderTypes.put(system, codes);
    }
    for (JsonNode department : get("/api/public/departments")) {
      department
          .get("decides")
          .forEach(
              code ->
                  departmentOfType.putIfAbsent(code.asString(), department.get("code").asString()));
    }
    List<String[]> registered = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String community = communities.get(i % communities.size());
      JsonNode body =
          expect(
              201,
              "POST /api/public/residents",
              admin.post("/api/public/residents", Residents.aResident(community)));
      registered.add(new String[] {body.get("residentId").asString(), community});
    }
    writeLogins(residentsFile, registered, streetOfCommunity);
    for (String[] r : registered) {
      awaitKnownEverywhere(r[0]);
      String username = "st-" + r[0].toLowerCase(Locale.ROOT);
      residents.add(
          new Resident(
              r[0], r[1], OidcLogin.accessToken(issuer, username, OidcLogin.DEMO_PASSWORD)));
    }
    for (String community : registered.stream().map(r -> r[1]).distinct().toList()) {
      String suffix = community.substring(2).toLowerCase(Locale.ROOT); // C-DZM-01 -> dzm-01
      workerTokens.put(
          community, OidcLogin.accessToken(issuer, "cw-" + suffix, OidcLogin.DEMO_PASSWORD));
      operatorTokens.put(
          community, OidcLogin.accessToken(issuer, "cc-" + suffix, OidcLogin.DEMO_PASSWORD));
      String worker = "sw-bench-" + suffix;
      int status =
          admin
              .post(
                  "/api/sanshe/social-workers",
                  Map.of(
                      "workerId", worker,
                      "name", "压测社工",
                      "kind", "SOCIAL_WORKER",
                      "employer", Map.of("type", "COMMUNITY", "id", community),
                      "joinedOn", "2024-01-01"))
              .status();
      if (status != 201 && status != 409) {
        throw new IllegalStateException("POST /api/sanshe/social-workers → " + status);
      }
      socialWorkers.put(community, worker);
    }
  }

  private static void writeLogins(Path file, List<String[]> registered, Map<String, String> streets)
      throws IOException {
    ArrayNode logins =
        Files.exists(file)
            ? (ArrayNode) JSON.readTree(Files.readString(file))
            : JSON.createArrayNode();
    for (String[] r : registered) {
      ObjectNode login = logins.addObject();
      login.put("username", "st-" + r[0].toLowerCase(Locale.ROOT));
      login.put("name", "压测居民");
      login.put("residentId", r[0]);
      login.put("communityId", r[1]);
      login.put("streetId", streets.get(r[1]));
    }
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "residents", ".json");
    Files.writeString(temp, JSON.writeValueAsString(logins));
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void awaitKnownEverywhere(String residentId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (String system : SYSTEMS) {
      while (status("/api/" + system + "/residents/" + residentId + "/orders") != 200) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(residentId + " not known in " + system + " after 60 s");
        }
        Thread.sleep(100);
      }
    }
  }

  private JsonNode get(String path) {
    return expect(200, "GET " + path, admin.get(path));
  }

  private int status(String path) {
    return admin.get(path).status();
  }

  private static JsonNode expect(int status, String request, Http.Response response) {
    if (response.status() != status) {
      throw new IllegalStateException(
          request + " answered " + response.status() + ": " + response.text());
    }
    return response.json();
  }
}
