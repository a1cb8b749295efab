package org.fourinone.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in identity provider for tests: an RSA key whose JWKS is served on a local port, and
 * access tokens signed with it carrying the platform's claims (docs/security.md).
 *
 * <p>The services are pointed at it with {@link #register} (a fixed {@link #ISSUER}, the JWKS at
 * {@code /jwks}); the gateway, which finds the JWKS at the OIDC default {@code
 * <issuer>/oauth2/jwks}, with {@link #registerAsIssuer}, its tokens naming {@link #issuerUrl()}.
 * For tests of refusal it also forges tokens: signed by a key it does not publish, unsigned,
 * HMAC-signed with its public key, or with a payload changed after signing.
 */
public final class TestTokens {

  public static final String ISSUER = "https://identity.test.fourinone.org";
  public static final String AUDIENCE = "fourinone-api";
  private static RSAKey key;
  private static String baseUrl;

  private TestTokens() {}

  public static synchronized void start() {
    if (key != null) {
      return;
    }
    try {
      RSAKey generated = generate("test-" + UUID.randomUUID());
      byte[] jwks = new JWKSet(generated.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      HttpHandler serveJwks =
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
          };
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/jwks", serveJwks);
      server.createContext("/oauth2/jwks", serveJwks);
      server.start();
      baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
      key = generated;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points a Spring Boot test's token validation at this provider. */
  public static void register(DynamicPropertyRegistry registry) {
    start();
    registry.add("fourinone.security.issuer", () -> ISSUER);
    registry.add("fourinone.security.jwks-uri", () -> baseUrl + "/jwks");
    registry.add("fourinone.security.audience", () -> AUDIENCE);
  }

  /**
   * This provider as an OIDC issuer, {@code http://127.0.0.1:<port>}: its JWKS is at the default
   * location {@code <issuer>/oauth2/jwks}. Tokens for it: {@link #token(Subject, String)}.
   */
  public static String issuerUrl() {
    start();
    return baseUrl;
  }

  /** Sets {@code property} (the gateway's {@code OIDC_ISSUER_URI}) to {@link #issuerUrl()}. */
  public static void registerAsIssuer(DynamicPropertyRegistry registry, String property) {
    registry.add(property, TestTokens::issuerUrl);
  }

  /** A person or client, as the token describes them. */
  public record Subject(String sub, List<String> roles, Map<String, String> claims) {
    public Subject with(String claim, String value) {
      var more = new java.util.HashMap<>(claims);
      more.put(claim, value);
      return new Subject(sub, roles, Map.copyOf(more));
    }
  }

  public static Subject resident(String residentId, String communityId, String streetId) {
    return new Subject(
        "resident-" + residentId,
        List.of("RESIDENT"),
        Map.of("resident_id", residentId, "community_id", communityId, "street_id", streetId));
  }

  /** A resident nobody else is, for tests where who they are does not matter (own subject). */
  public static Subject anyResident() {
    return resident("R-" + UUID.randomUUID(), "C-DZM-01", "S-DZM");
  }

  public static Subject worker(String role, String sub, String communityId, String streetId) {
    return new Subject(
        sub, List.of(role), Map.of("community_id", communityId, "street_id", streetId));
  }

  public static Subject of(String role, String sub) {
    return new Subject(sub, List.of(role), Map.of());
  }

  public static String token(Subject subject) {
    return token(subject, ISSUER);
  }

  /** A valid token for the platform from {@code issuer}, e.g. {@link #issuerUrl()}. */
  public static String token(Subject subject, String issuer) {
    return sign(subject, issuer, AUDIENCE, Instant.now().plus(Duration.ofMinutes(15)));
  }

  public static String bearer(Subject subject) {
    return "Bearer " + token(subject);
  }

  public static String bearer(Subject subject, String issuer) {
    return "Bearer " + token(subject, issuer);
  }

  /** A token with any issuer, audience and expiry, for tests of refusal. */
  public static String sign(Subject subject, String issuer, String audience, Instant expiry) {
    start();
    return signed(key, claims(subject, issuer, audience, expiry));
  }

  /** Signed (RS256) by a second key whose public half this provider never publishes. */
  public static String signWithUnknownKey(
      Subject subject, String issuer, String audience, Instant expiry) {
    return signed(UnknownKey.KEY, claims(subject, issuer, audience, expiry));
  }

  /** {@code alg: none}, no signature at all. */
  public static String unsigned(Subject subject, String issuer, String audience, Instant expiry) {
    return new PlainJWT(
            new PlainHeader.Builder().type(JOSEObjectType.JWT).build(),
            claims(subject, issuer, audience, expiry))
        .serialize();
  }

  /**
   * HS256 keyed with the published public key (under its key id): the classic algorithm-confusion
   * attack on a verifier that takes the algorithm from the token.
   */
  public static String signWithPublicKeyAsHmacSecret(
      Subject subject, String issuer, String audience, Instant expiry) {
    start();
    try {
      SignedJWT jwt =
          new SignedJWT(header(JWSAlgorithm.HS256, key), claims(subject, issuer, audience, expiry));
      jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code token} with one claim of its payload changed; the signature is left as it was. */
  public static String tampered(String token, String claim, Object value) {
    String[] parts = token.split("\\.", -1);
    try {
      JWTClaimsSet payload =
          new JWTClaimsSet.Builder(
                  JWTClaimsSet.parse(
                      new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))
              .claim(claim, value)
              .build();
      return parts[0]
          + "."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8))
          + "."
          + parts[2];
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWT: " + token, e);
    }
  }

  private static JWTClaimsSet claims(
      Subject subject, String issuer, String audience, Instant expiry) {
    Instant fiveSecondsAgo = Instant.now().minusSeconds(5);
    // never issued after it expired: an expired token was issued ten minutes before that
    Instant issued =
        expiry.isAfter(fiveSecondsAgo) ? fiveSecondsAgo : expiry.minus(Duration.ofMinutes(10));
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(subject.sub())
            .issueTime(Date.from(issued))
            .expirationTime(Date.from(expiry))
            .jwtID(UUID.randomUUID().toString())
            .claim("roles", subject.roles());
    subject.claims().forEach(claims::claim);
    return claims.build();
  }

  private static String signed(RSAKey signingKey, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256, signingKey), claims);
      jwt.sign(new RSASSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWSHeader header(JWSAlgorithm algorithm, RSAKey signingKey) {
    return new JWSHeader.Builder(algorithm)
        .keyID(signingKey.getKeyID())
        .type(JOSEObjectType.JWT)
        .build();
  }

  private static RSAKey generate(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Made only when a test asks for it. */
  private static final class UnknownKey {
    static final RSAKey KEY = generate("unknown-" + UUID.randomUUID());
  }
}
