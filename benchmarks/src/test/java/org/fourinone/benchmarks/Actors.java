package org.fourinone.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.fourinone.testing.Residents;

/**
 * Who the simulation acts as, each with their own token from the platform's OIDC provider: the
 * district administrator (client credentials), residents registered here (their logins written to
 * the provider's {@code residents.json} first), and per community its worker ({@code cw-…}) and its
 * call-centre operator ({@code cc-…}).
 */
final class Actors {

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> SYSTEMS = List.of("party", "public", "sanshe", "volunteer");

  record Resident(String residentId, String communityId, String token) {}

  final String gateway;
  final String adminToken;
  final List<Resident> residents = new ArrayList<>();
  final Map<String, String> workerTokens = new LinkedHashMap<>();
  final Map<String, String> operatorTokens = new LinkedHashMap<>();
  final Map<String, List<String>> orderTypes = new LinkedHashMap<>();

  /** public-service's items and the department that decides each (GET /api/public/departments). */
  final Map<String, String> departmentOfType = new LinkedHashMap<>();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Actors(String gateway, String issuer, Path residentsFile, int count) throws Exception {
    this.gateway = gateway;
    this.adminToken =
        OidcLogin.clientCredentials(issuer, OidcLogin.ADMIN_CLIENT, OidcLogin.ADMIN_SECRET);
    Map<String, String> streetOfCommunity = new LinkedHashMap<>();
    for (JsonNode c : get("/api/public/communities")) {
      streetOfCommunity.put(c.get("communityId").asText(), c.get("streetId").asText());
    }
    List<String> communities = new ArrayList<>(streetOfCommunity.keySet());
    for (String system : SYSTEMS) {
      List<String> codes = new ArrayList<>();
      // the mix draws a channel at random: only the types offered through all four channels
      get("/api/" + system + "/order-types")
          .forEach(
              t -> {
                if (t.get("channels").size() == 4) {
                  codes.add(t.get("code").asText());
                }
              });
      orderTypes.put(system, codes);
    }
    for (JsonNode department : get("/api/public/departments")) {
      department
          .get("decides")
          .forEach(
              code -> departmentOfType.putIfAbsent(code.asText(), department.get("code").asText()));
    }
    List<String[]> registered = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String community = communities.get(i % communities.size());
      JsonNode body =
          send(
              "POST",
              "/api/public/residents",
              JSON.writeValueAsString(Residents.aResident(community)),
              201);
      registered.add(new String[] {body.get("residentId").asText(), community});
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

  private JsonNode get(String path) throws Exception {
    return send("GET", path, null, 200);
  }

  private int status(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(gateway + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + adminToken)
        .header("Content-Type", "application/json");
  }

  private JsonNode send(String method, String path, String body, int expected) throws Exception {
    HttpRequest req =
        request(path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response =
        http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
