package org.fourinone.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

  static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** Each token the verifying decoder behind the cache was asked to check. */
  final List<String> verified = new ArrayList<>();

  /** Tokens "good-<seconds until exp>" pass, anything else fails as a bad signature would. */
  final JwtDecoder verifier =
      token -> {
        verified.add(token);
        if (!token.startsWith("good-")) {
          throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
            .header("alg", "RS256")
            .subject("worker")
            .issuedAt(NOW)
            .expiresAt(NOW.plusSeconds(Long.parseLong(token.substring(5))))
            .build();
      };

  final AtomicLong nanos = new AtomicLong();

  VerifiedTokenCache cache(long maxTokens) {
    return new VerifiedTokenCache(
        verifier,
        maxTokens,
        MAX_AGE,
        SecurityConfiguration.CLOCK_SKEW,
        Clock.fixed(NOW, ZoneOffset.UTC),
        nanos::get);
  }

  @Test
  void verifiesATokenOnceUntilItExpiresAllowingTheClockSkew() {
    VerifiedTokenCache cache = cache(100);
    Jwt first = cache.decode("good-30");

    advance(Duration.ofSeconds(30).plus(SecurityConfiguration.CLOCK_SKEW).minusSeconds(1));
    assertThat(cache.decode("good-30")).isSameAs(first);
    assertThat(verified).containsExactly("good-30");

    advance(Duration.ofSeconds(2));
    cache.decode("good-30");
    assertThat(verified).containsExactly("good-30", "good-30");
  }

  @Test
  void forgetsALongLivedTokenAfterTheMaximumAge() {
    VerifiedTokenCache cache = cache(100);
    cache.decode("good-86400");

    advance(MAX_AGE.minusSeconds(1));
    cache.decode("good-86400");
    advance(Duration.ofSeconds(2));
    cache.decode("good-86400");

    assertThat(verified).hasSize(2);
  }

  @Test
  void neverRemembersATokenThatFailedNorMoreTokensThanItsBound() {
    VerifiedTokenCache cache = cache(100);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
    }
    for (int i = 0; i < 300; i++) {
      cache.decode("good-" + (600 + i));
    }

    assertThat(verified.stream().filter("forged"::equals)).hasSize(2);
    assertThat(cache.size()).isBetween(1L, 100L);
  }

  @Test
  void remembersNothingWhenTheBoundIsZero() {
    VerifiedTokenCache none = cache(0);

    none.decode("good-600");
    none.decode("good-600");

    assertThat(verified).containsExactly("good-600", "good-600");
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
