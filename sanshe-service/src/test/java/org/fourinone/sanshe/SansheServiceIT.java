package org.fourinone.sanshe;

import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;

/** The order contract, kept by this system against a real broker and the wire-protocol MongoDB. */
class SansheServiceIT extends OrderContractChecks {

  @Override
  protected OriginSystem system() {
    return OriginSystem.SANSHE;
  }

  @Override
  protected String anOrderType() {
    return "HOME_CARE";
  }
}
