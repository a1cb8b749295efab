package org.fourinone.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one REST entry point of the platform: routes {@code /api/<system>/**} to the four services
 * behind per-service circuit breakers, answers every gateway-made error as RFC 9457 problem+json
 * and serves a Swagger UI over the four OpenAPI documents.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }
}
