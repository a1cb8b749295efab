package org.fourinone.kit;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Puts the kit's defaults ({@code fourinone-defaults.yml}) beneath everything a service or its
 * environment sets, and derives from {@code fourinone.system} the names that follow from it: the
 * API prefix, the application name, the database and the OpenAPI path.
 */
public class KitDefaults implements EnvironmentPostProcessor {

  static final String RESOURCE = "fourinone-defaults.yml";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    try {
      for (PropertySource<?> source :
          new YamlPropertySourceLoader().load("fourinone-defaults", new ClassPathResource(RESOURCE))) {
        environment.getPropertySources().addLast(source);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
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
                    "fourinone.api-prefix", prefix,
                    "fourinone.mongodb.database", segment,
                    "springdoc.api-docs.path", prefix + "/v3/api-docs",
                    "springdoc.swagger-ui.path", prefix + "/swagger-ui.html")));
  }
}
