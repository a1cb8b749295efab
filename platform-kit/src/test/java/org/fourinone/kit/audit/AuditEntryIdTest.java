package org.fourinone.kit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEntryIdTest {

  @Test
  void sortsInTimeOrderAndStaysUniqueWithinAMillisecond() {
    Instant start = Instant.parse("2026-12-01T08:00:00.000Z");
    List<String> ids = new ArrayList<>();
    for (long ms : new long[] {0, 1, 999, 1_000, 86_400_000L, 31_536_000_000L}) {
      ids.add(AuditTrail.entryId(start.plusMillis(ms)));
    }
    assertThat(ids).isSorted();
    assertThat(AuditTrail.entryId(start)).isNotEqualTo(AuditTrail.entryId(start));
    assertThat(AuditTrail.entryId(start))
        .matches(
            "[0-9a-f]{11}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    // eleven hex digits of milliseconds last until the year 2527
    assertThat(AuditTrail.entryId(Instant.parse("2500-01-01T00:00:00Z"))).hasSize(48);
  }
}
