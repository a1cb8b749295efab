package org.fourinone.order.autoconfigure;

import org.fourinone.kit.config.DefaultsFile;
import org.springframework.core.Ordered;

/**
 * The contract's defaults ({@code fourinone-order-defaults.yml}): topics, message bundles, the
 * auditing role.
 */
public class OrderContractDefaults extends DefaultsFile {

  public OrderContractDefaults() {
    super("fourinone-order-defaults.yml", Ordered.LOWEST_PRECEDENCE - 10);
  }
}
