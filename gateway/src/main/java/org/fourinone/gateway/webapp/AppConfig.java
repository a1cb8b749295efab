package org.fourinone.gateway.webapp;

/**
 * The web app's settings, read by the browser at start ({@code GET /app-config.json}): which OIDC
 * provider to sign in with and as which client. Nothing secret: a public client has no secret.
 */
public record AppConfig(String issuer, String clientId) {}
