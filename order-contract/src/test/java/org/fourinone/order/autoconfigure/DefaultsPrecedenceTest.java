package org.fourinone.order.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fourinone.kit.config.KitDefaults;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A service's own settings win over the contract's defaults, which win over the kit's. */
class DefaultsPrecedenceTest {

  static StandardEnvironment serviceWith(Map<String, Object> ownSettings) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("application.yml", ownSettings));
    SpringApplication application = new SpringApplication();
    // in the order Spring Boot runs them: the higher precedence first
    new OrderContractDefaults().postProcessEnvironment(environment, application);
    new KitDefaults().postProcessEnvironment(environment, application);
    return environment;
  }

  @Test
  void theKitsAndTheContractsDefaultsApplyWhereTheServiceSaysNothing() {
    StandardEnvironment env = serviceWith(Map.of("fourinone.system", "SANSHE"));
    assertThat(env.getProperty("server.shutdown")).isEqualTo("graceful");
    assertThat(env.getProperty("fourinone.topics.orders")).isEqualTo("community.orders.v1");
    assertThat(env.getProperty("spring.messages.basename"))
        .isEqualTo("order-messages,kit-messages");
    assertThat(env.getProperty("fourinone.api-prefix")).isEqualTo("/api/sanshe");
    assertThat(env.getProperty("fourinone.mongodb.database")).isEqualTo("sanshe");
  }

  @Test
  void aServiceOverridesAnyDefaultInItsOwnApplicationYml() {
    StandardEnvironment env =
        serviceWith(
            Map.of(
                "fourinone.system", "SANSHE",
                "server.shutdown", "immediate",
                "fourinone.topics.orders", "district-7.orders.v1",
                "spring.messages.basename", "messages,kit-messages",
                "fourinone.mongodb.database", "sanshe_district_7"));
    assertThat(env.getProperty("server.shutdown")).isEqualTo("immediate");
    assertThat(env.getProperty("fourinone.topics.orders")).isEqualTo("district-7.orders.v1");
    assertThat(env.getProperty("spring.messages.basename")).isEqualTo("messages,kit-messages");
    assertThat(env.getProperty("fourinone.mongodb.database")).isEqualTo("sanshe_district_7");
  }

  @Test
  void theContractRunsBeforeTheKitSoItsDefaultsWin() {
    assertThat(new OrderContractDefaults().getOrder()).isLessThan(new KitDefaults().getOrder());
  }
}
