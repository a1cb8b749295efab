package org.fourinone.kit.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/** Keeps a service apart from the other three: they share platform-kit and nothing else. */
public final class ArchitectureChecks {

  private static final List<String> SERVICE_PACKAGES =
      List.of("org.fourinone.party", "org.fourinone.publicservice", "org.fourinone.sanshe", "org.fourinone.volunteer");

  private ArchitectureChecks() {}

  public static void servicesStayApart(String ownPackage) {
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ownPackage);
    String[] others =
        SERVICE_PACKAGES.stream().filter(p -> !p.equals(ownPackage)).map(p -> p + "..").toArray(String[]::new);
    noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
  }
}
