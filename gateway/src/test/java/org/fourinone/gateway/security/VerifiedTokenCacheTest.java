package org.fourinone.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
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
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

  static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

  static final Duration SKEW = Duration.ofSeconds(60);

  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** The verifying decoder behind the cache: records each token it was asked to check. */
  final List<String> verified = new ArrayList<>();

  /** Tokens are "good-<seconds until exp>" or anything else, which fails verification. */
  final ReactiveJwtDecoder verifier =
      token -> {
        verified.add(token);
        if (!token.startsWith("good-")) {
          return Mono.error(new BadJwtException("bad signature"));
        }
        long expiresIn = Long.parseLong(token.substring(5));
        return Mono.just(
            Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("resident")
                .issuedAt(NOW)
                .expiresAt(NOW.plusSeconds(expiresIn))
                .build());
      };

  final AtomicLong nanos = new AtomicLong();

  final Ticker ticker = nanos::get;

  final VerifiedTokenCache cache =
      new VerifiedTokenCache(
          verifier, 100, MAX_AGE, SKEW, Clock.fixed(NOW, ZoneOffset.UTC), ticker);

  @Test
  void verifiesATokenOnceAndAnswersItsNextUsesFromMemory() {
    Jwt first = cache.decode("good-600").block();
    Jwt second = cache.decode("good-600").block();

    assertThat(second).isSameAs(first);
    assertThat(second.getSubject()).isEqualTo("resident");
    assertThat(verified).containsExactly("good-600");
  }

  @Test
  void verifiesEveryDifferentToken() {
    cache.decode("good-600").block();
    cache.decode("good-601").block();

    assertThat(verified).containsExactly("good-600", "good-601");
  }

  @Test
  void neverRemembersATokenThatFailed() {
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
    }

    assertThat(verified).containsExactly("forged", "forged", "forged");
    assertThat(cache.size()).isZero();
  }

  @Test
  void forgetsATokenWhenItExpiresAllowingTheClockSkew() {
    cache.decode("good-30").block();

    advance(Duration.ofSeconds(30).plus(SKEW).minusSeconds(1));
    cache.decode("good-30").block();
    assertThat(verified).hasSize(1);

    advance(Duration.ofSeconds(2));
    cache.decode("good-30").block();
    assertThat(verified).hasSize(2);
  }

  @Test
  void forgetsALongLivedTokenAfterTheMaximumAge() {
    cache.decode("good-86400").block();

    advance(MAX_AGE.minusSeconds(1));
    cache.decode("good-86400").block();
    assertThat(verified).hasSize(1);

    advance(Duration.ofSeconds(2));
    cache.decode("good-86400").block();
    assertThat(verified).hasSize(2);
  }

  @Test
  void keepsNoMoreTokensThanItsBound() {
    for (int i = 0; i < 300; i++) {
      cache.decode("good-" + (600 + i)).block();
    }

    assertThat(cache.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void remembersNothingWhenTheBoundIsZero() {
    VerifiedTokenCache none =
        new VerifiedTokenCache(
            verifier, 0, MAX_AGE, SKEW, Clock.fixed(NOW, ZoneOffset.UTC), ticker);

    none.decode("good-600").block();
    none.decode("good-600").block();

    assertThat(verified).containsExactly("good-600", "good-600");
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
