package org.fourinone.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structure rules of docs/architecture.md, checked with ArchUnit on a module's main classes: no
 * package cycles; a service shares only platform-kit and the order contract with the others; a
 * feature's {@code internal} packages are its own. (platform-kit checks its own rules: it cannot
 * depend on this module.)
 */
public final class ArchitectureChecks {

  public static final List<String> SERVICE_PACKAGES =
      List.of(
          "org.fourinone.party",
          "org.fourinone.publicservice",
          "org.fourinone.sanshe",
          "org.fourinone.volunteer");

  private ArchitectureChecks() {}

  public static JavaClasses mainClasses(String rootPackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(rootPackage);
  }

  /** Every package of the classes is free of cycles with every other (at any depth). */
  public static void noPackageCycles(JavaClasses classes) {
    slices().matching("org.fourinone.(**)").should().beFreeOfCycles().check(classes);
  }

  /** A service depends on the kit, the contract and itself: never on another service. */
  public static void servicesStayApart(String ownPackage) {
    String[] others =
        SERVICE_PACKAGES.stream()
            .filter(p -> !p.equals(ownPackage))
            .map(p -> p + "..")
            .toArray(String[]::new);
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .check(mainClasses(ownPackage));
  }

  /** The features (first-level packages) of a service. */
  public static Set<String> features(JavaClasses classes, String ownPackage) {
    Set<String> features = new TreeSet<>();
    classes.forEach(
        c -> {
          String pkg = c.getPackageName();
          if (pkg.startsWith(ownPackage + ".")) {
            features.add(pkg.substring(ownPackage.length() + 1).split("\\.")[0]);
          }
        });
    return features;
  }

  /** What a feature keeps in {@code <feature>.internal} is used by that feature alone. */
  public static void featureInternalsStayInside(JavaClasses classes, String ownPackage) {
    for (String feature : features(classes, ownPackage)) {
      String home = ownPackage + "." + feature;
      noClasses()
          .that()
          .resideOutsideOfPackage(home + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(home + ".internal..")
          .allowEmptyShould(true)
          .as("the internals of " + home + " are used by that feature alone")
          .check(classes);
    }
  }

  /**
   * Domain and application code throws {@code org.fourinone.kit.problem.Problem}s and knows no HTTP
   * type: only the web adapters (controllers, {@code ..web..} packages) use {@code
   * org.springframework.http}.
   */
  public static void onlyWebAdaptersKnowHttp(JavaClasses classes) {
    noClasses()
        .that()
        .haveSimpleNameNotEndingWith("Controller")
        .and()
        .resideOutsideOfPackage("..web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.http..")
        .as("only web adapters know HTTP types")
        .check(classes);
  }

  /** All of the above, for a service. */
  public static void serviceStructure(String ownPackage) {
    JavaClasses classes = mainClasses(ownPackage);
    noPackageCycles(classes);
    servicesStayApart(ownPackage);
    featureInternalsStayInside(classes, ownPackage);
    onlyWebAdaptersKnowHttp(classes);
  }
}
