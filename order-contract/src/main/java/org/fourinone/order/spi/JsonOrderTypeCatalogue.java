package org.fourinone.order.spi;

import java.util.List;
import java.util.Set;
import org.fourinone.kit.json.ClasspathJson;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderType;
import org.fourinone.order.access.Role;

/**
 * A catalogue read from a JSON file on the class path: {@code defaults} (the {@code handledBy}
 * roles and {@code assignees} kinds of every type that names none) and {@code types}, one object
 * per type with {@code code}, {@code name}, {@code category} and optionally {@code requires},
 * {@code channels} (default: all four), {@code handledBy}, {@code assignees}, {@code volunteer}
 * ({@code skill}, {@code note}: a volunteer companion every order of the type asks for). Members it
 * does not know are left to the system, which may read the same file into richer entries ({@link
 * #read}).
 */
public class JsonOrderTypeCatalogue implements OrderTypeCatalogue {

  public static final String DEFAULT_RESOURCE = "order-types.json";

  /** The file: defaults and the types, each type an entry of {@code E}. */
  public record File<E>(Defaults defaults, List<E> types) {}

  public record Defaults(Set<Role> handledBy, Set<AssigneeType> assignees) {}

  /** One type as the contract reads it. */
  public record Entry(
      String code,
      String name,
      String category,
      Set<String> requires,
      Set<Channel> channels,
      Set<Role> handledBy,
      Set<AssigneeType> assignees,
      Order.VolunteerWanted volunteer) {

    public OrderTypeRules rules(Defaults defaults) {
      return new OrderTypeRules(
          new OrderType(code, name, category),
          requires == null ? Set.of() : requires,
          channels == null ? Set.of(Channel.values()) : channels,
          handledBy == null ? defaults.handledBy() : handledBy,
          assignees == null ? defaults.assignees() : assignees,
          volunteer);
    }
  }

  private final List<OrderTypeRules> rules;

  public JsonOrderTypeCatalogue(String resource) {
    File<Entry> file = read(resource, Entry.class);
    this.rules = file.types().stream().map(e -> e.rules(file.defaults())).toList();
  }

  /** Reads the file with each type as an {@code entryType} (a system's own richer entries). */
  public static <E> File<E> read(String resource, Class<E> entryType) {
    return ClasspathJson.read(resource, ClasspathJson.parametric(File.class, entryType));
  }

  @Override
  public List<OrderTypeRules> all() {
    return rules;
  }
}
