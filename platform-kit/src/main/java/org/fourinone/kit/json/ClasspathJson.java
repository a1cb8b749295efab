package org.fourinone.kit.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads configuration a module ships as JSON on its class path (catalogues, registries),
 * tolerantly.
 */
public final class ClasspathJson {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private ClasspathJson() {}

  public static <T> T read(String resource, JavaType type) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      return JSON.readValue(in, type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  public static <T> T read(String resource, Class<T> type) {
    return read(resource, JSON.constructType(type));
  }

  public static <E> List<E> readList(String resource, Class<E> element) {
    return read(resource, JSON.getTypeFactory().constructCollectionType(List.class, element));
  }

  /** A generic type such as {@code File<Entry>}, for {@link #read}. */
  public static JavaType parametric(Class<?> type, Class<?>... parameters) {
    return JSON.getTypeFactory().constructParametricType(type, parameters);
  }
}
