package org.fourinone.kit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.fourinone.kit.architecture.fixture.ResidentCache;
import org.junit.jupiter.api.Test;

/**
 * platform-kit is building blocks only: it names no system and no domain thing, and has no package
 * cycle.
 */
class KitArchitectureTest {

  /** Words a building block never names: the four systems and the domain's things. */
  static final List<String> DOMAIN_WORDS =
      List.of(
          "Order",
          "Resident",
          "Community",
          "Street",
          "District",
          "Party",
          "Sanshe",
          "Volunteer",
          "PublicService",
          "Organisation",
          "Member",
          "Timeline");

  static final String[] DOMAIN_PACKAGES = {
    "org.fourinone.order..",
    "org.fourinone.party..",
    "org.fourinone.publicservice..",
    "org.fourinone.sanshe..",
    "org.fourinone.volunteer.."
  };

  static final JavaClasses KIT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.fourinone.kit");

  static void knowsNoDomain(JavaClasses classes) {
    for (String word : DOMAIN_WORDS) {
      noClasses()
          .that()
          .resideInAPackage("org.fourinone.kit..")
          .should()
          .haveSimpleNameContaining(word)
          .as("no class of platform-kit is named for the domain (" + word + ")")
          .check(classes);
    }
    noClasses()
        .that()
        .resideInAPackage("org.fourinone.kit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DOMAIN_PACKAGES)
        .check(classes);
  }

  @Test
  void namesNoSystemAndNoDomainThing() {
    knowsNoDomain(KIT);
  }

  @Test
  void refusesADomainTypeAddedToTheKit() {
    JavaClasses withDomain = new ClassFileImporter().importClasses(ResidentCache.class);
    assertThatThrownBy(() -> knowsNoDomain(withDomain))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Resident");
  }

  @Test
  void hasNoPackageCycle() {
    slices().matching("org.fourinone.(**)").should().beFreeOfCycles().check(KIT);
  }
}
