package org.fourinone.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.fourinone.gateway.problem.ProblemLocales;
import org.fourinone.gateway.problem.ProblemResponses;
import org.fourinone.gateway.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket per client (Bucket4j, in memory): an authenticated caller is counted by its
 * token's {@code sub} (a machine client without one by {@code azp} or {@code client_id}), anyone
 * else by the connection's IP address. Over the limit the gateway answers 429 problem+json with
 * {@code Retry-After} and forwards nothing. Runs inside the security chain after authentication, so
 * a subject cannot be claimed with an unverified token; {@code /actuator/**} (probes, Prometheus)
 * is never limited.
 *
 * <p>Buckets live in a Caffeine cache bounded by {@code maxClients}. A bucket unused for as long as
 * it takes to refill completely is full again, so dropping it after that time loses nothing. Each
 * gateway replica counts on its own: with n replicas a client gets up to n times the rate.
 */
public class RateLimit {

  private final RateLimitProperties limits;

  private final Cache<String, Bucket> buckets;

  private final Problems problems;

  private final ProblemResponses responses;

  private final Counter rejectedSubjects;

  private final Counter rejectedAddresses;

  public RateLimit(
      RateLimitProperties limits,
      Problems problems,
      ProblemResponses responses,
      MeterRegistry meters) {
    this.limits = limits;
    this.problems = problems;
    this.responses = responses;
    long refillNanos = TimeUnit.SECONDS.toNanos(1) * limits.burst() / limits.perSecond();
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(limits.maxClients())
            .expireAfterAccess(Duration.ofNanos(Math.max(refillNanos, TimeUnit.SECONDS.toNanos(1))))
            .build();
    this.rejectedSubjects = rejected(meters, "subject");
    this.rejectedAddresses = rejected(meters, "address");
  }

  private static Counter rejected(MeterRegistry meters, String client) {
    return Counter.builder("gateway.rate-limit.rejected")
        .description("Requests refused with 429 because the client was over its rate limit")
        .tag("client", client)
        .register(meters);
  }

  /**
   * The filter's body; as a {@link WebFilter} bean it would also run outside the security chain.
   */
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/actuator/")) {
      return chain.filter(exchange);
    }
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .mapNotNull(RateLimit::subjectKey)
        .switchIfEmpty(Mono.fromSupplier(() -> addressKey(exchange)))
        .flatMap(
            key -> {
              ConsumptionProbe probe =
                  buckets.get(key, this::newBucket).tryConsumeAndReturnRemaining(1);
              if (probe.isConsumed()) {
                return chain.filter(exchange);
              }
              (key.startsWith("sub:") ? rejectedSubjects : rejectedAddresses).increment();
              return tooManyRequests(exchange, probe.getNanosToWaitForRefill());
            });
  }

  private Bucket newBucket(String key) {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(limits.burst())
                    .refillGreedy(limits.perSecond(), Duration.ofSeconds(1)))
        .build();
  }

  private Mono<Void> tooManyRequests(ServerWebExchange exchange, long nanosToWait) {
    long seconds =
        Math.max(1, (nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    Locale locale = ProblemLocales.resolve(exchange.getRequest().getHeaders());
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    return responses.write(
        exchange.getResponse(),
        problems.tooManyRequests(seconds, exchange.getRequest().getURI().getRawPath(), locale),
        locale);
  }

  private static String subjectKey(Authentication authentication) {
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      return null;
    }
    Jwt jwt = token.getToken();
    for (String claim : new String[] {"sub", "azp", "client_id"}) {
      String value = jwt.getClaimAsString(claim);
      if (value != null && !value.isBlank()) {
        return "sub:" + value;
      }
    }
    return null;
  }

  private static String addressKey(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return "ip:unknown";
    }
    return "ip:" + remote.getAddress().getHostAddress();
  }
}
