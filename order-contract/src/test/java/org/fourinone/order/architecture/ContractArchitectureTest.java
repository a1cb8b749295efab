package org.fourinone.order.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.fourinone.testing.ArchitectureChecks;
import org.junit.jupiter.api.Test;

/**
 * The contract's layers: the order model at the bottom, extension points above it, the application
 * and web on top.
 */
class ContractArchitectureTest {

  static final JavaClasses CONTRACT = ArchitectureChecks.mainClasses("org.fourinone.order");

  @Test
  void hasNoPackageCycle() {
    ArchitectureChecks.noPackageCycles(CONTRACT);
  }

  @Test
  void theOrderModelDependsOnNothingElseOfTheContract() {
    noClasses()
        .that()
        .resideInAPackage("org.fourinone.order")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.fourinone.order.access..",
            "org.fourinone.order.spi..",
            "org.fourinone.order.application..",
            "org.fourinone.order.web..",
            "org.fourinone.order.residents..",
            "org.fourinone.order.autoconfigure..")
        .check(CONTRACT);
  }

  @Test
  void extensionPointsDoNotReachIntoTheContractsImplementation() {
    noClasses()
        .that()
        .resideInAPackage("org.fourinone.order.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.fourinone.order.application..",
            "org.fourinone.order.web..",
            "org.fourinone.order.autoconfigure..")
        .check(CONTRACT);
  }

  @Test
  void onlyItsWebAdapterKnowsHttpTypes() {
    ArchitectureChecks.onlyWebAdaptersKnowHttp(CONTRACT);
  }

  @Test
  void noServiceIsKnownToTheContract() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ArchitectureChecks.SERVICE_PACKAGES.stream().map(p -> p + "..").toArray(String[]::new))
        .check(CONTRACT);
  }
}
