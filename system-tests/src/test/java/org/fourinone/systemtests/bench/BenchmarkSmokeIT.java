package org.fourinone.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fourinone.local.Platform;
import org.fourinone.systemtests.PlatformApi;
import org.fourinone.systemtests.SharedPlatform;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #14's benchmark, a few seconds of each phase against the system tests' platform, so that
 * the benchmark itself never rots: every phase runs and every row of the targets table has a
 * measurement. No figure is judged here — whether a target is met is the full run's table
 * (docs/benchmarks.md) — but every order the load placed must have reached all four systems.
 */
@ExtendWith(SharedPlatform.Resolver.class)
@Order(2)
class BenchmarkSmokeIT {

  @Test
  void theBenchmarkRunsEveryPhaseAndFillsItsTable(SharedPlatform shared) throws Exception {
    Platform platform = shared.platform();
    PlatformBenchmark.Report report =
        PlatformBenchmark.run(
            platform,
            new PlatformApi(platform),
            PlatformBenchmark.Options.smoke(),
            System.out::println);
    System.out.println(report.text());

    List<PlatformBenchmark.Row> rows = report.rows();
    assertThat(rows).extracting(PlatformBenchmark.Row::target).hasSize(12).doesNotHaveDuplicates();
    assertThat(rows)
        .filteredOn(row -> !row.target().startsWith("4 "))
        .allSatisfy(
            row -> {
              assertThat(row.verdict()).as(row.target()).isIn("MET", "MISSED");
              assertThat(row.measured()).as(row.target()).doesNotContain("NaN").isNotBlank();
            });
    // the load's orders all arrived in all four systems, none lost
    assertThat(report.text()).contains("never (within 30 s after the phase): 0");
    assertThat(report.text()).containsPattern("(?m)^  writes: [1-9]");
    // where an order's CPU went: every component named with a figure
    assertThat(report.text())
        .containsPattern("CPU per order of the phase, ms: .* gateway [0-9]+\\.[0-9]")
        .containsPattern("CPU per order of the phase, ms: .* mongodb [0-9]+\\.[0-9]")
        .containsPattern("│ platform [0-9]+\\.[0-9] ms per order")
        .containsPattern("the orders' own: -?[0-9]+\\.[0-9] ms per order");
  }
}
