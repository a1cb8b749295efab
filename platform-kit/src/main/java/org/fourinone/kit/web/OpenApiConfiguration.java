package org.fourinone.kit.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each service's OpenAPI document: its name, and the Bearer token every operation needs (Swagger
 * UI's "Authorize").
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  @Bean
  OpenAPI serviceOpenApi(@Value("${spring.application.name}") String name) {
    return new OpenAPI()
        .info(new Info().title(name).version("v1").description("四位一体 community platform — " + name))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description(
                            "OIDC access token; locally: ./deploy/local/token.sh <account>")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
