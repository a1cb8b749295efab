package org.fourinone.order.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The contract's settings: which system this is, and the topics (defaults in
 * fourinone-order-defaults.yml).
 */
@ConfigurationProperties("fourinone")
public class OrderContractProperties {

  /** PARTY, PUBLIC, SANSHE or VOLUNTEER. */
  private String system;

  private final Topics topics = new Topics();

  public String getSystem() {
    return system;
  }

  public void setSystem(String system) {
    this.system = system;
  }

  public Topics getTopics() {
    return topics;
  }

  public static class Topics {
    private String orders;
    private String residents;
    private String geography;
    private String orderContributions;

    public String getOrders() {
      return orders;
    }

    public void setOrders(String orders) {
      this.orders = orders;
    }

    public String getResidents() {
      return residents;
    }

    public void setResidents(String residents) {
      this.residents = residents;
    }

    public String getGeography() {
      return geography;
    }

    public void setGeography(String geography) {
      this.geography = geography;
    }

    public String getOrderContributions() {
      return orderContributions;
    }

    public void setOrderContributions(String orderContributions) {
      this.orderContributions = orderContributions;
    }
  }
}
