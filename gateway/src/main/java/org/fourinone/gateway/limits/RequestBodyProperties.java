package org.fourinone.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway forwards ({@code gateway.request-body.max-size}, 256 KB).
 * The services enforce their own limits as well; this one keeps oversized bodies off the network.
 */
@ConfigurationProperties("gateway.request-body")
public record RequestBodyProperties(@DefaultValue("256KB") DataSize maxSize) {}
