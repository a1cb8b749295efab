package org.fourinone.gateway.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.web}: what the web app served at {@code /} learns from {@code /app-config.json}.
 *
 * @param clientId the OIDC public client the app signs in with
 */
@ConfigurationProperties("gateway.web")
public record WebAppProperties(@DefaultValue("fourinone-web") String clientId) {}
