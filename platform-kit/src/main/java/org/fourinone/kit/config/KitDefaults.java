package org.fourinone.kit.config;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the kit's defaults ({@code fourinone-defaults.yml}) beneath everything a service or its
 * environment sets, and derives from {@code fourinone.system} the names that follow from it: the
 * API prefix, the database and the OpenAPI paths. A service overrides any of them in its own {@code
 * application.yml}.
 */
public class KitDefaults extends DefaultsFile {

  public KitDefaults() {
    super("fourinone-defaults.yml", Ordered.LOWEST_PRECEDENCE);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    super.postProcessEnvironment(environment, application);
    String system = environment.getProperty("fourinone.system");
    if (system == null) {
      return;
    }
    String segment = system.toLowerCase(Locale.ROOT);
    String prefix = "/api/" + segment;
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "fourinone-derived",
                Map.of(
                    "fourinone.api-prefix",
                    prefix,
                    "fourinone.mongodb.database",
                    segment,
                    "springdoc.api-docs.path",
                    prefix + "/v3/api-docs",
                    "springdoc.swagger-ui.path",
                    prefix + "/swagger-ui.html")));
  }
}
