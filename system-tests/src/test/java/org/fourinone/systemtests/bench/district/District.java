package org.fourinone.systemtests.bench.district;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fourinone.order.AssigneeType;
import org.fourinone.order.Channel;
import org.fourinone.order.Order;
import org.fourinone.order.OrderType;
import org.fourinone.order.OriginSystem;
import org.fourinone.order.spi.JsonOrderTypeCatalogue;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a generated district is made of, as the platform itself defines it: the communities (from
 * public-service's geography), the four systems' order catalogues and the 三社联动 organisations with
 * their offers (from the files the services ship), the social workers and the volunteer system's
 * star thresholds. {@link #load} reads the files of the checkout, so that the generator follows the
 * catalogues as they are, not a copy of them.
 */
public record District(
    List<Community> communities,
    Map<OriginSystem, List<Kind>> catalogues,
    List<Organisation> organisations,
    List<String> volunteerSkills,
    List<Integer> starHours) {

  /** How many social workers each community employs (三社联动's community posts). */
  static final int COMMUNITY_SOCIAL_WORKERS = 3;

  /** How many social workers each organisation that is not a community organisation employs. */
  static final int ORGANISATION_SOCIAL_WORKERS = 4;

  /**
   * The local stack's 一星 … 五星 thresholds in approved hours (Platform.VOLUNTEER_STAR_HOURS; the
   * district default is 100,300,600,1000,1500).
   */
  static final List<Integer> LOCAL_STACK_STAR_HOURS = List.of(2, 300, 600, 1000, 1500);

  /** A community as public-service's {@code GET /api/public/communities} describes it. */
  public record Community(
      String communityId,
      String name,
      String streetId,
      String streetName,
      String address,
      double lat,
      double lng) {

    /** {@code C-DZM-01} → {@code dzm-01}: the part of the demo accounts' names for it. */
    public String suffix() {
      return communityId.substring(2).toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One order type of one system, as its catalogue states it.
   *
   * @param department the department that decides it (public-service), else null
   * @param toOrganisations 三社联动: whether dispatch offers it to organisations (else a social worker
   *     is named by hand)
   */
  public record Kind(
      OriginSystem system,
      OrderType type,
      Set<String> requires,
      Set<Channel> channels,
      Set<AssigneeType> assignees,
      Order.VolunteerWanted volunteerWanted,
      String department,
      boolean toOrganisations) {}

  /**
   * A social organisation of 三社联动 (the demo organisations the local stack's {@code --demo}
   * registers) with the items it offers and where, and its social workers.
   */
  public record Organisation(
      String organisationId,
      String name,
      String kind,
      Map<String, Set<String>> offers,
      List<String> workers) {

    /** The staff account that accepts and assigns its orders: {@code org-<suffix>}. */
    public String staff() {
      return "org-" + suffix();
    }

    String suffix() {
      return organisationId.substring(4).toLowerCase(Locale.ROOT);
    }
  }

  public District {
    communities = List.copyOf(communities);
    Map<OriginSystem, List<Kind>> copy = new EnumMap<>(OriginSystem.class);
    catalogues.forEach((system, kinds) -> copy.put(system, List.copyOf(kinds)));
    catalogues = copy;
    organisations = List.copyOf(organisations);
    volunteerSkills = List.copyOf(volunteerSkills);
    starHours = List.copyOf(starHours);
    if (communities.isEmpty()) {
      throw new IllegalArgumentException("a district needs communities");
    }
    for (OriginSystem system : OriginSystem.values()) {
      if (catalogues.getOrDefault(system, List.of()).isEmpty()) {
        throw new IllegalArgumentException("no order types for " + system);
      }
    }
  }

  /** The streets of the communities, in the order they first appear. */
  public List<String> streets() {
    Set<String> streets = new LinkedHashSet<>();
    communities.forEach(c -> streets.add(c.streetId()));
    return List.copyOf(streets);
  }

  public List<Community> communitiesOf(String streetId) {
    return communities.stream().filter(c -> c.streetId().equals(streetId)).toList();
  }

  /** {@code sw-<community>-01} …: the social workers a community employs. */
  public List<String> communitySocialWorkers(Community community) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= COMMUNITY_SOCIAL_WORKERS; i++) {
      ids.add(String.format(Locale.ROOT, "sw-%s-%02d", community.suffix(), i));
    }
    return ids;
  }

  /** The organisations offering {@code item} in {@code communityId}, in the file's order. */
  public List<Organisation> offering(String item, String communityId) {
    return organisations.stream()
        .filter(o -> o.offers().getOrDefault(item, Set.of()).contains(communityId))
        .filter(o -> !o.workers().isEmpty())
        .toList();
  }

  // ---------------------------------------------------------------- from the checkout

  static final String PARTY_TYPES =
      "party-building-service/src/main/resources/org/fourinone/party/orders/order-types.json";
  static final String PUBLIC_TYPES =
      "public-service/src/main/resources/org/fourinone/publicservice/orders/order-types.json";
  static final String VOLUNTEER_TYPES =
      "volunteer-service/src/main/resources/org/fourinone/volunteer/orders/order-types.json";
  static final String SANSHE_MENU =
      "sanshe-service/src/main/resources/org/fourinone/sanshe/menu/menu.json";
  static final String SANSHE_ORGANISATIONS =
      "sanshe-service/src/main/resources/org/fourinone/sanshe/demo/organisations.json";
  static final String VOLUNTEER_SKILLS =
      "volunteer-service/src/main/resources/org/fourinone/volunteer/volunteers/skills.json";

  /** 三社联动's menu items go to these unless an item names its own (sanshe's Menu.ASSIGNEES). */
  static final Set<AssigneeType> SANSHE_ASSIGNEES =
      EnumSet.of(AssigneeType.ORGANISATION, AssigneeType.SOCIAL_WORKER, AssigneeType.VOLUNTEER);

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * The district of the checkout at {@code root}: its catalogues, menu, demo organisations and
   * skills, over the given communities.
   */
  public static District load(Path root, List<Community> communities) {
    Map<OriginSystem, List<Kind>> catalogues = new EnumMap<>(OriginSystem.class);
    catalogues.put(OriginSystem.PARTY, contractCatalogue(root, OriginSystem.PARTY, PARTY_TYPES));
    catalogues.put(OriginSystem.PUBLIC, contractCatalogue(root, OriginSystem.PUBLIC, PUBLIC_TYPES));
    catalogues.put(OriginSystem.SANSHE, menu(root));
    catalogues.put(
        OriginSystem.VOLUNTEER, contractCatalogue(root, OriginSystem.VOLUNTEER, VOLUNTEER_TYPES));
    List<String> skills = new ArrayList<>();
    read(root, VOLUNTEER_SKILLS).forEach(s -> skills.add(s.get("code").asString()));
    return new District(
        communities, catalogues, organisations(root), skills, LOCAL_STACK_STAR_HOURS);
  }

  /**
   * A catalogue the contract reads ({@link JsonOrderTypeCatalogue}), read the same way: each type's
   * rules from its entry and the file's defaults; public-service's departments beside.
   */
  private static List<Kind> contractCatalogue(Path root, OriginSystem system, String file) {
    JavaType type =
        JSON.getTypeFactory()
            .constructParametricType(
                JsonOrderTypeCatalogue.File.class, JsonOrderTypeCatalogue.Entry.class);
    JsonOrderTypeCatalogue.File<JsonOrderTypeCatalogue.Entry> catalogue;
    try {
      catalogue = JSON.readValue(Files.readString(root.resolve(file)), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> departments = new LinkedHashMap<>();
    for (JsonNode t : read(root, file).get("types")) {
      JsonNode d = t.get("departments");
      if (d != null && d.isArray() && !d.isEmpty()) {
        departments.put(t.get("code").asString(), d.get(0).asString());
      }
    }
    List<Kind> kinds = new ArrayList<>();
    for (JsonOrderTypeCatalogue.Entry entry : catalogue.types()) {
      var rules = entry.rules(catalogue.defaults());
      kinds.add(
          new Kind(
              system,
              rules.type(),
              rules.requires(),
              rules.channels(),
              rules.assignees(),
              rules.volunteerWanted(),
              system == OriginSystem.PUBLIC
                  ? departments.getOrDefault(entry.code(), "STREET_OFFICE")
                  : null,
              false));
    }
    return kinds;
  }

  /** 三社联动's menu: every item an order type of the category it is listed in. */
  private static List<Kind> menu(Path root) {
    List<Kind> kinds = new ArrayList<>();
    for (JsonNode category : read(root, SANSHE_MENU).get("categories")) {
      for (JsonNode item : category.get("items")) {
        Set<AssigneeType> assignees =
            item.has("assignees") ? enums(item.get("assignees"), AssigneeType.class) : null;
        Set<Channel> channels =
            item.has("channels") ? enums(item.get("channels"), Channel.class) : null;
        Set<String> requires = new LinkedHashSet<>();
        if (item.has("requires")) {
          item.get("requires").forEach(r -> requires.add(r.asString()));
        }
        JsonNode v = item.get("volunteer");
        Set<AssigneeType> to = assignees == null ? SANSHE_ASSIGNEES : assignees;
        kinds.add(
            new Kind(
                OriginSystem.SANSHE,
                new OrderType(
                    item.get("code").asString(),
                    item.get("name").asString(),
                    category.get("name").asString()),
                requires,
                channels == null ? EnumSet.allOf(Channel.class) : channels,
                to,
                v == null || v.isNull()
                    ? null
                    : new Order.VolunteerWanted(
                        v.get("skill").asString(), v.get("note").asString()),
                null,
                to.contains(AssigneeType.ORGANISATION)));
      }
    }
    return kinds;
  }

  private static List<Organisation> organisations(Path root) {
    List<Organisation> all = new ArrayList<>();
    for (JsonNode o : read(root, SANSHE_ORGANISATIONS)) {
      String id = o.get("id").asString();
      Map<String, Set<String>> offers = new LinkedHashMap<>();
      for (JsonNode offer : o.get("offers")) {
        Set<String> where = new LinkedHashSet<>();
        offer.get("communities").forEach(c -> where.add(c.asString()));
        offers.put(offer.get("item").asString(), where);
      }
      String kind = o.get("kind").asString();
      List<String> workers = new ArrayList<>();
      if (!"COMMUNITY_ORGANISATION".equals(kind)) {
        String suffix = id.substring(4).toLowerCase(Locale.ROOT);
        for (int i = 1; i <= ORGANISATION_SOCIAL_WORKERS; i++) {
          workers.add(String.format(Locale.ROOT, "sw-%s-%02d", suffix, i));
        }
      }
      all.add(new Organisation(id, o.get("name").asString(), kind, offers, workers));
    }
    return all;
  }

  private static <E extends Enum<E>> Set<E> enums(JsonNode names, Class<E> type) {
    Set<E> set = EnumSet.noneOf(type);
    names.forEach(n -> set.add(Enum.valueOf(type, n.asString())));
    return set;
  }

  private static JsonNode read(Path root, String file) {
    try {
      return JSON.readTree(Files.readString(root.resolve(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
