package org.fourinone.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in identity provider for service tests: an RSA key whose JWKS is served on a local port,
 * and access tokens signed with it carrying the platform's claims (docs/security.md).
 */
public final class TestTokens {

  public static final String ISSUER = "https://identity.test.fourinone.org";
  public static final String AUDIENCE = "fourinone-api";
  private static RSAKey key;
  private static String jwksUri;

  private TestTokens() {}

  public static synchronized void start() {
    if (key != null) {
      return;
    }
    try {
      key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/jwks",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
          });
      server.start();
      jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Points a Spring Boot test's token validation at this provider. */
  public static void register(DynamicPropertyRegistry registry) {
    start();
    registry.add("fourinone.security.issuer", () -> ISSUER);
    registry.add("fourinone.security.jwks-uri", () -> jwksUri);
    registry.add("fourinone.security.audience", () -> AUDIENCE);
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

  public static Subject worker(String role, String sub, String communityId, String streetId) {
    return new Subject(
        sub, List.of(role), Map.of("community_id", communityId, "street_id", streetId));
  }

  public static Subject of(String role, String sub) {
    return new Subject(sub, List.of(role), Map.of());
  }

  public static String token(Subject subject) {
    return sign(subject, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(15)));
  }

  /** A token with any issuer, audience and expiry, for tests of refusal. */
  public static String sign(Subject subject, String issuer, String audience, Instant expiry) {
    start();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(subject.sub())
            .issueTime(Date.from(Instant.now().minusSeconds(5)))
            .expirationTime(Date.from(expiry))
            .jwtID(UUID.randomUUID().toString())
            .claim("roles", subject.roles());
    subject.claims().forEach(claims::claim);
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String bearer(Subject subject) {
    return "Bearer " + token(subject);
  }
}
