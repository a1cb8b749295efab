package org.fourinone.systemtests;

import java.util.List;
import org.fourinone.local.Platform;

/** The four systems of the platform: their API prefix and the process that serves it. */
public enum SubSystem {
  PARTY("party", Platform.PARTY_BUILDING_SERVICE),
  PUBLIC("public", Platform.PUBLIC_SERVICE),
  SANSHE("sanshe", Platform.SANSHE_SERVICE),
  VOLUNTEER("volunteer", Platform.VOLUNTEER_SERVICE);

  public static final List<SubSystem> ALL = List.of(values());

  private final String path;
  private final String service;

  SubSystem(String path, String service) {
    this.path = path;
    this.service = service;
  }

  /** {@code party}, {@code public}, {@code sanshe} or {@code volunteer}. */
  public String segment() {
    return path;
  }

  /** {@code /api/<system>}. */
  public String api() {
    return "/api/" + path;
  }

  /** The local-stack component name, e.g. {@code sanshe-service}. */
  public String service() {
    return service;
  }

  public String orders() {
    return api() + "/orders";
  }

  public String order(String orderId) {
    return api() + "/orders/" + orderId;
  }

  public String residentOrders(String residentId) {
    return api() + "/residents/" + residentId + "/orders";
  }

  /** The others, for asserting that an order reached them. */
  public List<SubSystem> others() {
    return ALL.stream().filter(s -> s != this).toList();
  }
}
