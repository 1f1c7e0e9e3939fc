package io.agreement.worker.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.common.live.LiveProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SweepSettingsTest {

  static LiveProperties live(
      Duration interval, Duration overlap, Duration reconcile, Duration republish, int batch) {
    return new LiveProperties(
        "q",
        20,
        interval,
        overlap,
        reconcile,
        true,
        batch,
        republish,
        Duration.ofSeconds(30),
        true);
  }

  static final Duration S10 = Duration.ofSeconds(10);

  @Test
  void the_defaults_and_a_zero_overlap_are_accepted() {
    LiveProperties ok = live(S10, Duration.ofSeconds(30), Duration.ofMinutes(5), S10, 5000);
    assertThat(SweepSettings.check(ok)).isSameAs(ok);
    assertThat(SweepSettings.check(live(S10, Duration.ZERO, S10, S10, 1))).isNotNull();
  }

  @Test
  void a_zero_or_negative_interval_is_refused_by_name() {
    assertThatThrownBy(() -> SweepSettings.check(live(Duration.ZERO, S10, S10, S10, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AGREEMENT_SWEEP_INTERVAL")
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> SweepSettings.check(live(S10, S10, Duration.ofSeconds(-1), S10, 1)))
        .hasMessageContaining("AGREEMENT_RECONCILE_INTERVAL");
    assertThatThrownBy(() -> SweepSettings.check(live(S10, S10, S10, Duration.ZERO, 1)))
        .hasMessageContaining("republish-after");
  }

  @Test
  void a_missing_setting_is_refused_by_name() {
    assertThatThrownBy(() -> SweepSettings.check(live(null, S10, S10, S10, 1)))
        .hasMessageContaining("sweep-interval")
        .hasMessageContaining("null");
    assertThatThrownBy(() -> SweepSettings.check(live(S10, null, S10, S10, 1)))
        .hasMessageContaining("sweep-overlap");
  }

  @Test
  void a_negative_overlap_or_an_empty_batch_is_refused() {
    assertThatThrownBy(() -> SweepSettings.check(live(S10, Duration.ofSeconds(-5), S10, S10, 1)))
        .hasMessageContaining("sweep-overlap must be zero or more");
    assertThatThrownBy(() -> SweepSettings.check(live(S10, S10, S10, S10, 0)))
        .hasMessageContaining("refresh-batch");
  }
}
