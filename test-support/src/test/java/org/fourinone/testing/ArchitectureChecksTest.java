package org.fourinone.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.fourinone.fixture.alpha.internal.Secret;
import org.fourinone.fixture.beta.Intruder;
import org.fourinone.fixture.cycle.a.A;
import org.fourinone.fixture.cycle.b.B;
import org.junit.jupiter.api.Test;

/** The services' architecture rules do fail when broken (fixtures in org.fourinone.fixture). */
class ArchitectureChecksTest {

  @Test
  void findsAFeatureReachingIntoAnothersInternals() {
    JavaClasses classes = new ClassFileImporter().importClasses(Secret.class, Intruder.class);
    assertThat(ArchitectureChecks.features(classes, "org.fourinone.fixture"))
        .containsExactly("alpha", "beta");
    assertThatThrownBy(
            () -> ArchitectureChecks.featureInternalsStayInside(classes, "org.fourinone.fixture"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("alpha");
  }

  @Test
  void findsAPackageCycle() {
    JavaClasses classes = new ClassFileImporter().importClasses(A.class, B.class);
    assertThatThrownBy(() -> ArchitectureChecks.noPackageCycles(classes))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void findsDomainCodeThatKnowsHttp() {
    JavaClasses classes =
        new ClassFileImporter().importClasses(org.fourinone.fixture.beta.HttpMinded.class);
    assertThatThrownBy(() -> ArchitectureChecks.onlyWebAdaptersKnowHttp(classes))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void letsAFeatureUseItsOwnInternals() {
    JavaClasses classes = new ClassFileImporter().importClasses(Secret.class);
    ArchitectureChecks.featureInternalsStayInside(classes, "org.fourinone.fixture");
  }
}
