package org.fourinone.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The front-end origins whose browsers may call the API ({@code gateway.cors.allowed-origins},
 * {@code GATEWAY_CORS_ALLOWED_ORIGINS}, comma-separated, exact origins such as {@code
 * https://portal.example.gov.cn}; no wildcards).
 */
@ConfigurationProperties("gateway.cors")
public record CorsProperties(@DefaultValue("http://localhost:5173") List<String> allowedOrigins) {}
