package org.fourinone.sanshe.organisations;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.fourinone.kit.problem.Problem;
import org.fourinone.order.Order;
import org.fourinone.order.access.AccessPolicy;
import org.fourinone.order.access.Actor;
import org.fourinone.order.access.Role;
import org.fourinone.order.web.OrderRequests;
import org.fourinone.sanshe.menu.Menu;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 服务通 as residents and the window see it: the district's menu, and for a community which active
 * organisations offer each item there, at what price. Ordering an item is placing a sanshe order of
 * the item's code ({@code POST /orders}).
 */
@RestController
@Validated
@RequestMapping("${fourinone.api-prefix}/menu")
@Tag(name = "menu", description = "服务菜单（服务通 12 大类）：居民点单")
class MenuController {

  private final Menu menu;
  private final Organisations organisations;

  MenuController(Menu menu, Organisations organisations) {
    this.menu = menu;
    this.organisations = organisations;
  }

  record Provider(String organisationId, String name, Integer stars, double price, boolean free) {}

  record ItemView(
      String code,
      String name,
      String nameEn,
      String description,
      int durationMinutes,
      List<String> requires,
      Order.VolunteerWanted volunteer,
      List<Provider> providers) {}

  record CategoryView(String code, String name, String nameEn, List<ItemView> items) {}

  record MenuView(String communityId, int categories, int items, List<CategoryView> menu) {}

  @GetMapping
  @Operation(
      summary = "服务菜单：各类服务项，以及在该社区提供该项服务的机构与价格（居民默认看本社区）",
      description =
          "Without communityId: a resident's own community, a community's staff their community;"
              + " the street and the district name one or see the menu without providers.")
  MenuView menu(
      @RequestParam(required = false) @Pattern(regexp = OrderRequests.ID_PATTERN)
          String communityId) {
    Actor caller = Actor.current();
    AccessPolicy.requireBusinessRole(caller);
    String community = communityId != null ? communityId : homeCommunity(caller);
    Map<String, List<Provider>> providers = new HashMap<>();
    if (community != null) {
      for (Document org :
          organisations
              .collection()
              .find(
                  and(
                      eq("status", OrganisationStatus.ACTIVE.name()),
                      eq("offers.communities", community)))) {
        for (Document offer : Organisations.offers(org)) {
          if (offer.getList("communities", String.class).contains(community)) {
            providers
                .computeIfAbsent(offer.getString("item"), k -> new ArrayList<>())
                .add(
                    new Provider(
                        org.getString("_id"),
                        org.getString("name"),
                        org.getInteger("stars"),
                        offer.get("price", Number.class).doubleValue(),
                        Boolean.TRUE.equals(offer.getBoolean("free"))));
          }
        }
      }
    }
    List<CategoryView> categories = new ArrayList<>();
    int items = 0;
    for (Menu.Category category : menu.categories()) {
      List<ItemView> views = new ArrayList<>();
      for (Menu.Item item : category.items()) {
        views.add(
            new ItemView(
                item.code(),
                item.name(),
                item.nameEn(),
                item.description(),
                item.durationMinutes(),
                item.requires() == null ? List.of() : List.copyOf(item.requires()),
                item.volunteer(),
                providers.getOrDefault(item.code(), List.of())));
      }
      items += views.size();
      categories.add(new CategoryView(category.code(), category.name(), category.nameEn(), views));
    }
    return new MenuView(community, categories.size(), items, categories);
  }

  private static String homeCommunity(Actor caller) {
    if (caller.has(Role.RESIDENT)
        || caller.roles().stream().anyMatch(AccessPolicy::actsForCommunity)) {
      return caller.communityId();
    }
    if (caller.roles().isEmpty()) {
      throw Problem.forbidden();
    }
    return null;
  }
}
