package org.fourinone.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the access tokens the gateway has verified, so that a client's next request with the
 * same token skips parsing and the RSA signature check — a tenth of the gateway's CPU per request
 * when profiled (issue #14). Only a token that passed every check is kept, and only until it
 * expires: {@code exp} plus the clock skew the validator allows, and never longer than {@code
 * maxAge} (so a key withdrawn from the issuer's key set stops being accepted after at most that
 * long). A token that failed is never remembered: a forged or expired token is checked in full each
 * time. The key is the whole token string, so a token differing in any character is a miss.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

  private final ReactiveJwtDecoder delegate;

  /** {@code null} when no token is to be remembered. */
  private final Cache<String, Jwt> verified;

  private final Clock clock;

  private final Duration clockSkew;

  private final Duration maxAge;

  VerifiedTokenCache(
      ReactiveJwtDecoder delegate,
      long maxTokens,
      Duration maxAge,
      Duration clockSkew,
      Clock clock,
      Ticker ticker) {
    this.delegate = delegate;
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.maxAge = maxAge;
    this.verified =
        maxTokens == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .ticker(ticker)
                // evictions on the caller's thread: a request's thread, microseconds, no pool
                // needed
                .executor(Runnable::run)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt)))
                .build();
  }

  @Override
  public Mono<Jwt> decode(String token) throws JwtException {
    if (verified == null) {
      return delegate.decode(token);
    }
    Jwt known = verified.getIfPresent(token);
    if (known != null) {
      return Mono.just(known);
    }
    return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
  }

  /** How long a verified token may be taken on trust: until it expires, at most {@code maxAge}. */
  private Duration lifetime(Jwt jwt) {
    Instant expiresAt = jwt.getExpiresAt();
    if (expiresAt == null) {
      return maxAge;
    }
    Duration left = Duration.between(clock.instant(), expiresAt.plus(clockSkew));
    if (left.isNegative()) {
      return Duration.ZERO;
    }
    return left.compareTo(maxAge) < 0 ? left : maxAge;
  }

  long size() {
    if (verified == null) {
      return 0;
    }
    verified.cleanUp();
    return verified.estimatedSize();
  }
}
