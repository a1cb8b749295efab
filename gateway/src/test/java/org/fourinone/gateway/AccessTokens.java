package org.fourinone.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A test identity provider: an RSA key whose JWKS a WireMock server publishes at {@code
 * <issuer>/oauth2/jwks}, and a builder for the access tokens it would issue, valid by default.
 */
final class AccessTokens {

  static final String AUDIENCE = "fourinone-api";

  private static final RSAKey SIGNING_KEY = generate("fourinone-test-key");

  private static final RSAKey UNKNOWN_KEY = generate("some-other-key");

  private static final WireMockServer ISSUER = startIssuer();

  private AccessTokens() {}

  /** Points the gateway at the test issuer; its JWKS location follows from the default. */
  static void register(DynamicPropertyRegistry registry) {
    registry.add("OIDC_ISSUER_URI", AccessTokens::issuer);
  }

  static String issuer() {
    return ISSUER.baseUrl();
  }

  /** A resident's token from the test issuer for the platform, valid for five minutes. */
  static Token aResidentToken() {
    return new Token().subject("resident-" + UUID.randomUUID());
  }

  static final class Token {

    private String subject;

    private String issuer = AccessTokens.issuer();

    private String audience = AUDIENCE;

    private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));

    private RSAKey key = SIGNING_KEY;

    Token subject(String subject) {
      this.subject = subject;
      return this;
    }

    Token issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    Token audience(String audience) {
      this.audience = audience;
      return this;
    }

    Token expiredFor(Duration ago) {
      this.expiresAt = Instant.now().minus(ago);
      return this;
    }

    Token signedByAnUnknownKey() {
      this.key = UNKNOWN_KEY;
      return this;
    }

    String subject() {
      return subject;
    }

    JWTClaimsSet claims() {
      return new JWTClaimsSet.Builder()
          .subject(subject)
          .issuer(issuer)
          .audience(audience)
          .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
          .expirationTime(Date.from(expiresAt))
          .claim("roles", List.of("RESIDENT"))
          .claim("resident_id", "R-1")
          .build();
    }

    /** Signed with RS256 by the configured key. */
    String signed() {
      try {
        SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256, key.getKeyID()), claims());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
      } catch (JOSEException ex) {
        throw new IllegalStateException(ex);
      }
    }

    /**
     * The signed token with another subject put into its payload; the signature is left as it was.
     */
    String tamperedWith() {
      String[] parts = signed().split("\\.");
      String forged =
          new JWTClaimsSet.Builder(claims()).subject("district-admin").build().toString();
      return parts[0] + "." + base64Url(forged) + "." + parts[2];
    }

    /** {@code alg: none}, no signature at all. */
    String unsigned() {
      return new PlainJWT(claims()).serialize();
    }

    /** HS256 keyed with the issuer's public key, the classic algorithm-confusion attack. */
    String hmacSignedWithThePublicKey() {
      try {
        SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256, SIGNING_KEY.getKeyID()), claims());
        jwt.sign(new MACSigner(SIGNING_KEY.toRSAPublicKey().getEncoded()));
        return jwt.serialize();
      } catch (JOSEException ex) {
        throw new IllegalStateException(ex);
      }
    }

    String bearer() {
      return "Bearer " + signed();
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String keyId) {
      return new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build();
    }

    private static String base64Url(String json) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static RSAKey generate(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static WireMockServer startIssuer() {
    WireMockServer issuer = new WireMockServer(options().dynamicPort());
    issuer.start();
    issuer.stubFor(
        get("/oauth2/jwks").willReturn(okJson(new JWKSet(SIGNING_KEY.toPublicJWK()).toString())));
    Runtime.getRuntime().addShutdownHook(new Thread(issuer::stop));
    return issuer;
  }
}
