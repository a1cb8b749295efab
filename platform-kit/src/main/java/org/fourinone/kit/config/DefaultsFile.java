package org.fourinone.kit.config;

import java.io.IOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Defaults a module ships in a YAML file on its class path, added beneath every other property
 * source: a service's {@code application.yml}, its profile documents and the environment win. Of
 * two modules' files, the one with the higher precedence (lower order) is consulted first.
 */
public abstract class DefaultsFile implements EnvironmentPostProcessor, Ordered {

  private final String resource;
  private final int order;

  protected DefaultsFile(String resource, int order) {
    this.resource = resource;
    this.order = order;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      for (PropertySource<?> source :
          new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource))) {
        environment.getPropertySources().addLast(source);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  @Override
  public int getOrder() {
    return order;
  }
}
