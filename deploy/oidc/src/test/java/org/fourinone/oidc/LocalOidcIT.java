package org.fourinone.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider on a random port, used the way the platform's clients use it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalOidcIT {

  static final String ISSUER = "http://localhost:19000";
  static final String REDIRECT = "http://127.0.0.1/callback";
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @TempDir static Path dataDir;

  @LocalServerPort int port;

  final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the issuer is a fixed name here; requests go to the random port
    registry.add("oidc.issuer", () -> ISSUER);
    registry.add("oidc.data-dir", () -> dataDir.toString());
  }

  @BeforeAll
  static void residentsFile() throws Exception {
    Files.writeString(
        dataDir.resolve("residents.json"),
        """
                [{"username": "resident-01", "name": "王建国", "residentId": "R-7F3K2M9Q",
                  "communityId": "C-HPL-02", "streetId": "S-HPL", "note": "ignored"}]
                """);
  }

  String base() {
    return "http://localhost:" + port;
  }

  @Test
  void publishesDiscoveryAndKeys() throws Exception {
    JsonNode discovery = json.readTree(get(base() + "/.well-known/openid-configuration").body());
    assertThat(discovery.get("issuer").asString()).isEqualTo(ISSUER);
    assertThat(discovery.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
    assertThat(discovery.get("authorization_endpoint").asString())
        .isEqualTo(ISSUER + "/oauth2/authorize");
    assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");

    JWKSet keys = JWKSet.parse(get(base() + "/oauth2/jwks").body());
    assertThat(keys.getKeys()).hasSize(1);
    assertThat(keys.getKeys().get(0).isPrivate()).isFalse();
    assertThat(Files.readString(dataDir.resolve("signing-key.json")))
        .contains(keys.getKeys().get(0).getKeyID());
  }

  @Test
  void issuesAMachineTokenWithThePartnerRoleAndThePlatformAudience() throws Exception {
    HttpResponse<String> response =
        post(
            base() + "/oauth2/token",
            Map.of("grant_type", "client_credentials"),
            "partner-civil-affairs",
            "partner-secret");
    assertThat(response.statusCode()).isEqualTo(200);

    JWTClaimsSet claims = verified(json.readTree(response.body()).get("access_token").asString());
    assertThat(claims.getSubject()).isEqualTo("partner-civil-affairs");
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly("fourinone-api");
    assertThat(claims.getStringListClaim("roles")).containsExactly("PARTNER_SYSTEM");
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void letsTheWebAppCallItFromItsOriginAndFrameItForTheSilentRenewalOnly() throws Exception {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    // the browser app fetches discovery and exchanges its code from a script: CORS for its origins
    HttpResponse<String> preflight =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://localhost:8080");
    HttpResponse<String> discovery =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/.well-known/openid-configuration"))
                .header("Origin", "http://localhost:5173")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://localhost:5173");
    HttpResponse<String> foreign =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/.well-known/openid-configuration"))
                .header("Origin", "https://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    // silent renewal: with the session of the sign-in, prompt=none gives a new code to the app's
    // renewal page (in a hidden iframe: a public client gets no refresh token)
    Browser browser = new Browser();
    browser.get(
        local(browser.logIn("cw-dzm-01", "demo1234", "a-verifier-of-enough-length-0123456789")));
    String silent = "http://localhost:8080/silent-renew.html";
    HttpResponse<String> renewal =
        browser.get(
            URI.create(
                base()
                    + "/oauth2/authorize?response_type=code&client_id=fourinone-web"
                    + "&scope=openid&prompt=none&state=s1"
                    + "&code_challenge="
                    + challenge("renewal-verifier-of-enough-length-0123456789")
                    + "&code_challenge_method=S256&redirect_uri="
                    + enc(silent)));
    assertThat(renewal.statusCode()).isEqualTo(302);
    assertThat(renewal.headers().firstValue("Location").orElseThrow())
        .startsWith(silent + "?code=")
        .endsWith("&state=s1");
    // only the app's origins may frame the provider
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("X-Frame-Options")).isEmpty();
    assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
        .isEqualTo(
            "frame-ancestors 'self' http://localhost:8080 http://127.0.0.1:8080"
                + " http://localhost:5173 http://127.0.0.1:5173");
  }

  @Test
  void refusesAMachineClientWithAWrongSecret() throws Exception {
    HttpResponse<String> response =
        post(
            base() + "/oauth2/token",
            Map.of("grant_type", "client_credentials"),
            "local-stack-admin",
            "guessed");
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void logsACommunityWorkerInWithAuthorizationCodeAndPkce() throws Exception {
    JWTClaimsSet claims = verified(login("cw-dzm-01", "demo1234").get("access_token").asString());
    assertThat(claims.getSubject()).isEqualTo("cw-dzm-01");
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly("fourinone-api");
    assertThat(claims.getStringListClaim("roles")).containsExactly("COMMUNITY_WORKER");
    assertThat(claims.getStringClaim("community_id")).isEqualTo("C-DZM-01");
    assertThat(claims.getStringClaim("street_id")).isEqualTo("S-DZM");
    assertThat(claims.getStringClaim("name")).isNotBlank();
    assertThat(claims.getClaim("resident_id")).isNull();
    assertThat(claims.getExpirationTime().toInstant())
        .isBefore(Instant.now().plus(Duration.ofMinutes(16)));
  }

  @Test
  void logsAResidentFromResidentsJsonInWithTheirResidentId() throws Exception {
    JWTClaimsSet claims = verified(login("resident-01", "demo1234").get("access_token").asString());
    assertThat(claims.getSubject()).isEqualTo("resident-01");
    assertThat(claims.getStringListClaim("roles")).containsExactly("RESIDENT");
    assertThat(claims.getStringClaim("resident_id")).isEqualTo("R-7F3K2M9Q");
    assertThat(claims.getStringClaim("community_id")).isEqualTo("C-HPL-02");
  }

  @Test
  void givesEveryCommunityItsOwnWorkerAndOperator() throws Exception {
    JWTClaimsSet claims = verified(login("cc-jgm-03", "demo1234").get("access_token").asString());
    assertThat(claims.getStringListClaim("roles")).containsExactly("CALL_CENTER_OPERATOR");
    assertThat(claims.getStringClaim("community_id")).isEqualTo("C-JGM-03");
    assertThat(claims.getStringClaim("street_id")).isEqualTo("S-JGM");
  }

  @Test
  void refusesAWrongPassword() throws Exception {
    assertThat(loginLocation("cw-dzm-01", "wrong-password").getQuery()).contains("error");
    assertThat(loginLocation("nobody", "demo1234").getQuery()).contains("error");
  }

  // ---------------------------------------------------------------- a browser, step by step

  /** Authorization code + PKCE: authorize → login form → POST /login → code → token. */
  JsonNode login(String username, String password) throws Exception {
    Browser browser = new Browser();
    String verifier =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("a-verifier-of-enough-length-0123456789".getBytes());
    URI afterLogin = browser.logIn(username, password, verifier);
    assertThat(afterLogin.getPath()).isEqualTo("/oauth2/authorize");

    HttpResponse<String> redirect = browser.get(local(afterLogin));
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(REDIRECT);
    Map<String, String> query = query(callback.getRawQuery());
    assertThat(query).containsEntry("state", "xyz").containsKey("code");

    HttpResponse<String> tokens =
        post(
            base() + "/oauth2/token",
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                query.get("code"),
                "redirect_uri",
                REDIRECT,
                "client_id",
                "fourinone-web",
                "code_verifier",
                verifier),
            null,
            null);
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    return json.readTree(tokens.body());
  }

  URI loginLocation(String username, String password) throws Exception {
    return new Browser().logIn(username, password, "another-verifier-of-enough-length-0123456789");
  }

  /** A cookie-keeping client that does not follow redirects. */
  final class Browser {
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    URI logIn(String username, String password, String verifier) throws Exception {
      String authorize =
          base()
              + "/oauth2/authorize?response_type=code&client_id=fourinone-web"
              + "&redirect_uri="
              + enc(REDIRECT)
              + "&scope="
              + enc("openid profile")
              + "&state=xyz"
              + "&code_challenge="
              + challenge(verifier)
              + "&code_challenge_method=S256";
      HttpResponse<String> toLogin = get(URI.create(authorize));
      assertThat(toLogin.statusCode()).isEqualTo(302);
      URI loginPage = local(URI.create(toLogin.headers().firstValue("Location").orElseThrow()));
      assertThat(loginPage.getPath()).isEqualTo("/login");

      HttpResponse<String> form = get(loginPage);
      assertThat(form.statusCode()).isEqualTo(200);
      Matcher csrf = CSRF.matcher(form.body());
      assertThat(csrf.find()).as("CSRF token in the login form").isTrue();

      HttpResponse<String> loggedIn =
          http.send(
              HttpRequest.newBuilder(loginPage)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form(
                              Map.of(
                                  "username",
                                  username,
                                  "password",
                                  password,
                                  "_csrf",
                                  csrf.group(1)))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(loggedIn.statusCode()).isEqualTo(302);
      return URI.create(loggedIn.headers().firstValue("Location").orElseThrow());
    }

    HttpResponse<String> get(URI uri) throws Exception {
      return http.send(
          HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Redirects name the issuer's host; the test server listens on its random port. */
  URI local(URI uri) {
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return URI.create(base() + path);
  }

  JWTClaimsSet verified(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    RSAKey key =
        JWKSet.parse(get(base() + "/oauth2/jwks").body())
            .getKeyByKeyId(jwt.getHeader().getKeyID())
            .toRSAKey();
    assertThat(jwt.verify(new RSASSAVerifier(key)))
        .as("signature verifies with the published key")
        .isTrue();
    return jwt.getJWTClaimsSet();
  }

  HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String url, Map<String, String> form, String clientId, String secret)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (clientId != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String challenge(String verifier) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }
}
