package org.fourinone.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the access tokens this service has verified, so that a caller's next request with the
 * same token skips parsing and the RSA signature check — a fifth of a service's CPU for a simple
 * GET when profiled (issue #14). Only a token that passed every check is kept, and only until it
 * expires ({@code exp} plus the validator's clock skew), never longer than {@code maxAge} (so a key
 * withdrawn from the issuer's key set stops being accepted after at most that long). A token that
 * failed is never remembered. The key is the whole token string. The gateway keeps its own,
 * reactive, twin ({@code org.fourinone.gateway.security.VerifiedTokenCache}: the gateway does not
 * depend on this kit's servlet stack).
 */
final class VerifiedTokenCache implements JwtDecoder {

  private final JwtDecoder delegate;

  /** {@code null} when no token is to be remembered. */
  private final Cache<String, Jwt> verified;

  private final Clock clock;

  private final Duration clockSkew;

  private final Duration maxAge;

  VerifiedTokenCache(
      JwtDecoder delegate,
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
                // evictions on the caller's thread: microseconds, no pool needed
                .executor(Runnable::run)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt)))
                .build();
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    if (verified == null) {
      return delegate.decode(token);
    }
    Jwt known = verified.getIfPresent(token);
    if (known != null) {
      return known;
    }
    Jwt jwt = delegate.decode(token);
    verified.put(token, jwt);
    return jwt;
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
