package org.fourinone.sanshe;

import org.fourinone.kit.testing.ArchitectureChecks;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void sharesNothingWithTheOtherServicesButPlatformKit() {
    ArchitectureChecks.servicesStayApart("org.fourinone.sanshe");
  }
}
