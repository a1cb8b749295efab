package org.fourinone.party;

import org.fourinone.testing.ArchitectureChecks;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void featuresWithoutCyclesAndNothingSharedWithTheOtherServicesButKitAndContract() {
    ArchitectureChecks.serviceStructure("org.fourinone.party");
  }
}
