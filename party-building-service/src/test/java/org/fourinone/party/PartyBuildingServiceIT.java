package org.fourinone.party;

import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;

/** The order contract, kept by this system against a real broker and the wire-protocol MongoDB. */
class PartyBuildingServiceIT extends OrderContractChecks {

  @Override
  protected OriginSystem system() {
    return OriginSystem.PARTY;
  }

  @Override
  protected String anOrderType() {
    return "WISH";
  }
}
