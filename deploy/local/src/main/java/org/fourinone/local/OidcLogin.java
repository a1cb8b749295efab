package org.fourinone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets access tokens from the platform's OIDC provider ({@code deploy/oidc}) the way real clients
 * do.
 *
 * <pre>{@code
 * String issuer = platform.oidcUrl();
 * String worker = OidcLogin.accessToken(issuer, "cw-dzm-01", OidcLogin.DEMO_PASSWORD); // a person, through the login form
 * String admin  = OidcLogin.clientCredentials(issuer, OidcLogin.ADMIN_CLIENT, OidcLogin.ADMIN_SECRET); // a machine
 * http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + worker)...);
 * }</pre>
 *
 * <p>{@link #accessToken} is authorization code + PKCE (S256) for the public client {@value
 * #WEB_CLIENT}, driven like a browser: {@code GET /oauth2/authorize} → the login form → {@code POST
 * /login} with its CSRF token and the session cookie → the redirect to the loopback address {@value
 * #REDIRECT_URI} (never listened on; the code is read from the {@code Location} header) → {@code
 * POST /oauth2/token} with the code verifier. Endpoints come from the discovery document. Each call
 * is a fresh session, so calls for different people never mix.
 *
 * <p>{@code java -cp local-stack.jar:lib/* org.fourinone.local.OidcLogin <username> [password]}
 * prints a token (what {@code deploy/local/token.sh} runs); the issuer is {@code OIDC_ISSUER_URI},
 * default {@code http://localhost:9000}.
 */
public final class OidcLogin {

  /** The password of every demo account of the local provider. */
  public static final String DEMO_PASSWORD = "demo1234";

  /** The public front-end client (authorization code + PKCE). */
  public static final String WEB_CLIENT = "fourinone-web";

  /** Loopback redirect registered for {@value #WEB_CLIENT}; any port matches (RFC 8252). */
  public static final String REDIRECT_URI = "http://127.0.0.1/callback";

  /** Machine client with DISTRICT_ADMIN, for tools. */
  public static final String ADMIN_CLIENT = "local-stack-admin";

  /** Its local default secret ({@code OIDC_ADMIN_SECRET} of the provider). */
  public static final String ADMIN_SECRET = "local-stack-admin-secret";

  /** Machine client with PARTNER_SYSTEM. */
  public static final String PARTNER_CLIENT = "partner-civil-affairs";

  /** Its local default secret ({@code OIDC_PARTNER_SECRET} of the provider). */
  public static final String PARTNER_SECRET = "partner-secret";

  private static final Pattern CSRF =
      Pattern.compile(
          "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private OidcLogin() {}

  /**
   * An access token for a person: authorization code + PKCE through the provider's login form.
   *
   * @throws OidcLoginException when the provider is unreachable, the login is refused (wrong
   *     username or password) or any step answers unexpectedly
   */
  public static String accessToken(String issuer, String username, String password) {
    return tokens(issuer, username, password).get("access_token").asText();
  }

  /**
   * The whole token response ({@code access_token}, {@code id_token}, {@code refresh_token}, {@code
   * expires_in} …).
   */
  public static JsonNode tokens(String issuer, String username, String password) {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      JsonNode discovery = discovery(http, issuer);
      String verifier = randomUrlSafe(32);
      String state = randomUrlSafe(16);
      Map<String, String> query = new LinkedHashMap<>();
      query.put("response_type", "code");
      query.put("client_id", WEB_CLIENT);
      query.put("redirect_uri", REDIRECT_URI);
      query.put("scope", "openid profile");
      query.put("state", state);
      query.put("code_challenge", challenge(verifier));
      query.put("code_challenge_method", "S256");
      URI authorize = URI.create(field(discovery, "authorization_endpoint") + "?" + form(query));

      // 1. the authorization request; without a session the provider sends us to its login form
      HttpResponse<String> response = send(http, browser(authorize).GET().build());
      URI location = redirect(authorize, response, "GET /oauth2/authorize");
      // 2. the login form, for its CSRF token
      HttpResponse<String> loginPage = send(http, browser(location).GET().build());
      if (loginPage.statusCode() != 200) {
        throw new OidcLoginException(
            "GET " + location + " → HTTP " + loginPage.statusCode() + " (expected the login form)");
      }
      Map<String, String> credentials = new LinkedHashMap<>();
      credentials.put("username", username);
      credentials.put("password", password);
      csrfToken(loginPage.body()).ifPresent(token -> credentials.put("_csrf", token));
      // 3. log in; success redirects back to the saved authorization request
      HttpResponse<String> login =
          send(
              http,
              browser(location)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form(credentials)))
                  .build());
      URI afterLogin = redirect(location, login, "POST /login");
      if (afterLogin.getPath() != null && afterLogin.getPath().endsWith("/login")) {
        throw new OidcLoginException(
            "Login refused for " + username + " (wrong username or password)");
      }
      // 4. resume the authorization request: redirect to the client with the code
      URI callback = afterLogin;
      for (int hops = 0; hops < 5 && !callback.toString().startsWith(REDIRECT_URI); hops++) {
        callback =
            redirect(
                callback, send(http, browser(callback).GET().build()), "GET " + callback.getPath());
      }
      Map<String, String> result = parseQuery(callback.getRawQuery());
      if (result.containsKey("error")) {
        throw new OidcLoginException(
            "Authorization refused: "
                + result.get("error")
                + " "
                + result.getOrDefault("error_description", ""));
      }
      if (!state.equals(result.get("state")) || result.get("code") == null) {
        throw new OidcLoginException(
            "Unexpected redirect " + callback + " (no code or wrong state)");
      }
      // 5. exchange the code, proving possession of the verifier
      Map<String, String> exchange = new LinkedHashMap<>();
      exchange.put("grant_type", "authorization_code");
      exchange.put("code", result.get("code"));
      exchange.put("redirect_uri", REDIRECT_URI);
      exchange.put("client_id", WEB_CLIENT);
      exchange.put("code_verifier", verifier);
      return tokenRequest(http, field(discovery, "token_endpoint"), exchange, null);
    } catch (IOException e) {
      throw new OidcLoginException("Cannot reach the identity provider at " + issuer + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OidcLoginException("Interrupted while logging in at " + issuer, e);
    }
  }

  /** An access token for a machine client (client credentials, secret in HTTP Basic). */
  public static String clientCredentials(String issuer, String clientId, String secret) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      JsonNode discovery = discovery(http, issuer);
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (urlEncode(clientId) + ":" + urlEncode(secret)).getBytes(StandardCharsets.UTF_8));
      return tokenRequest(
              http,
              field(discovery, "token_endpoint"),
              Map.of("grant_type", "client_credentials"),
              basic)
          .get("access_token")
          .asText();
    } catch (IOException e) {
      throw new OidcLoginException("Cannot reach the identity provider at " + issuer + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OidcLoginException("Interrupted while getting a token from " + issuer, e);
    }
  }

  /** {@code token.sh}: prints an access token for a demo account. */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
      System.err.println(
          "Usage: token.sh <username> [password]   (password default "
              + DEMO_PASSWORD
              + "; issuer from OIDC_ISSUER_URI, default http://localhost:9000)");
      System.exit(2);
    }
    String issuer =
        Optional.ofNullable(System.getenv("OIDC_ISSUER_URI"))
            .filter(s -> !s.isBlank())
            .orElse("http://localhost:9000");
    try {
      System.out.println(accessToken(issuer, args[0], args.length > 1 ? args[1] : DEMO_PASSWORD));
    } catch (OidcLoginException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  private static JsonNode tokenRequest(
      HttpClient http, String tokenEndpoint, Map<String, String> body, String basic)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tokenEndpoint))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(body)));
    if (basic != null) {
      request.header("Authorization", "Basic " + basic);
    }
    HttpResponse<String> response = send(http, request.build());
    if (response.statusCode() != 200) {
      throw new OidcLoginException(
          "POST " + tokenEndpoint + " → HTTP " + response.statusCode() + ": " + response.body());
    }
    JsonNode tokens = JSON.readTree(response.body());
    if (!tokens.hasNonNull("access_token")) {
      throw new OidcLoginException("No access_token in the token response: " + response.body());
    }
    return tokens;
  }

  private static JsonNode discovery(HttpClient http, String issuer)
      throws IOException, InterruptedException {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI uri = URI.create(base + "/.well-known/openid-configuration");
    HttpResponse<String> response =
        send(
            http,
            HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build());
    if (response.statusCode() != 200) {
      throw new OidcLoginException(
          "GET "
              + uri
              + " → HTTP "
              + response.statusCode()
              + " (is the identity provider running?)");
    }
    return JSON.readTree(response.body());
  }

  private static String field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw new OidcLoginException("The discovery document has no " + name);
    }
    return value.asText();
  }

  private static HttpRequest.Builder browser(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Accept", "text/html,application/xhtml+xml")
        .header("Accept-Language", "zh-CN");
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request)
      throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static URI redirect(URI from, HttpResponse<String> response, String step) {
    Optional<String> location = response.headers().firstValue("Location");
    if (response.statusCode() / 100 != 3 || location.isEmpty()) {
      String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
      throw new OidcLoginException(
          step
              + " → HTTP "
              + response.statusCode()
              + " without a redirect: "
              + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }
    return from.resolve(location.get());
  }

  static Optional<String> csrfToken(String html) {
    Matcher matcher = CSRF.matcher(html == null ? "" : html);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2))
        .map(token -> token.replace("&#45;", "-").replace("&#x2d;", "-").replace("&amp;", "&"));
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomUrlSafe(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          java.net.URLDecoder.decode(key, StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  /** A login or token request that did not give a token. */
  public static final class OidcLoginException extends RuntimeException {
    public OidcLoginException(String message) {
      super(message);
    }

    public OidcLoginException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
