package org.fourinone.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-client token bucket ({@code gateway.rate-limit}): {@code burst} requests at once,
 * refilled at {@code perSecond} requests a second.
 *
 * @param perSecond sustained requests a second per client ({@code GATEWAY_RATE_LIMIT_PER_SECOND})
 * @param burst the bucket's capacity ({@code GATEWAY_RATE_LIMIT_BURST})
 * @param maxClients how many clients' buckets are held at most; beyond it the least recently used
 *     one is dropped (that client starts again with a full bucket)
 */
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(
    @DefaultValue("20") int perSecond,
    @DefaultValue("40") int burst,
    @DefaultValue("100000") int maxClients) {

  public RateLimitProperties {
    if (perSecond <= 0 || burst <= 0 || maxClients <= 0) {
      throw new IllegalArgumentException("gateway.rate-limit values must be positive");
    }
  }
}
