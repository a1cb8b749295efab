package org.fourinone.sanshe.menu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fourinone.kit.json.ClasspathJson;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderType;
import org.fourinone.order.access.Role;
import org.fourinone.order.spi.OrderTypeCatalogue;
import org.fourinone.order.spi.OrderTypeRules;

/**
 * 服务通: the district's service menu (e.g. 12 大类 120 项), read from a JSON file on the class path
 * ({@code fourinone.sanshe.menu}). Each item is an order type of 三社联动: ordering an item places a
 * sanshe order of that type, so the menu is this system's order catalogue. Organisations publish
 * which items they offer, at what price and where (organisations.Offer).
 */
public final class Menu implements OrderTypeCatalogue {

  /** Who handles menu orders and whom they may go to, unless an item says otherwise. */
  static final Set<Role> HANDLED_BY =
      Set.of(Role.COMMUNITY_WORKER, Role.SOCIAL_WORKER, Role.STREET_OFFICER, Role.DISTRICT_ADMIN);

  static final Set<AssigneeType> ASSIGNEES =
      Set.of(AssigneeType.ORGANISATION, AssigneeType.SOCIAL_WORKER, AssigneeType.VOLUNTEER);

  /** One item of the file. */
  public record Item(
      String code,
      String name,
      String nameEn,
      String description,
      int durationMinutes,
      Set<String> requires,
      Set<Channel> channels,
      Set<AssigneeType> assignees,
      Order.VolunteerWanted volunteer) {}

  /** One category of the file, with its items. */
  public record Category(String code, String name, String nameEn, List<Item> items) {}

  record File(List<Category> categories) {}

  /** An item with the category it belongs to. */
  public record Entry(Category category, Item item, OrderTypeRules rules) {}

  private final List<Category> categories;
  private final Map<String, Entry> items = new LinkedHashMap<>();
  private final List<OrderTypeRules> rules = new ArrayList<>();

  public Menu(String resource) {
    this.categories = List.copyOf(ClasspathJson.read(resource, File.class).categories());
    for (Category category : categories) {
      for (Item item : category.items()) {
        OrderTypeRules typeRules =
            new OrderTypeRules(
                new OrderType(item.code(), item.name(), category.name()),
                item.requires() == null ? Set.of() : item.requires(),
                item.channels() == null ? Set.of(Channel.values()) : item.channels(),
                HANDLED_BY,
                item.assignees() == null ? ASSIGNEES : item.assignees(),
                item.volunteer());
        if (items.put(item.code(), new Entry(category, item, typeRules)) != null) {
          throw new IllegalStateException(resource + ": item " + item.code() + " appears twice");
        }
        rules.add(typeRules);
      }
    }
  }

  public List<Category> categories() {
    return categories;
  }

  public Optional<Category> category(String code) {
    return categories.stream().filter(c -> c.code().equals(code)).findFirst();
  }

  public Optional<Entry> item(String code) {
    return Optional.ofNullable(items.get(code));
  }

  @Override
  public List<OrderTypeRules> all() {
    return rules;
  }

  @Override
  public Optional<OrderTypeRules> find(String code) {
    return item(code).map(Entry::rules);
  }
}
