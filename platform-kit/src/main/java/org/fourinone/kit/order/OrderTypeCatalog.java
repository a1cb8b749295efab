package org.fourinone.kit.order;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The order types that originate in this system, read from its {@code order-types.json}. */
public class OrderTypeCatalog {

  public static final String RESOURCE = "order-types.json";
  private final List<OrderType> types;

  public OrderTypeCatalog(List<OrderType> types) {
    this.types = List.copyOf(types);
  }

  public static OrderTypeCatalog fromClasspath() {
    try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
      return new OrderTypeCatalog(JsonMapper.builder().build().readValue(in, new TypeReference<List<OrderType>>() {}));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  public List<OrderType> all() {
    return types;
  }

  public Optional<OrderType> find(String code) {
    return types.stream().filter(t -> t.code().equals(code)).findFirst();
  }
}
