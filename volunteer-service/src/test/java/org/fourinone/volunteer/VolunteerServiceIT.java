package org.fourinone.volunteer;

import org.fourinone.order.OriginSystem;
import org.fourinone.order.testing.OrderContractChecks;

/** The order contract, kept by this system against a real broker and the wire-protocol MongoDB. */
class VolunteerServiceIT extends OrderContractChecks {

  @Override
  protected OriginSystem system() {
    return OriginSystem.VOLUNTEER;
  }

  @Override
  protected String anOrderType() {
    return "ESCORT_TO_HOSPITAL";
  }
}
