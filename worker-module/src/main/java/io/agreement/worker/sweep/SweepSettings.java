package io.agreement.worker.sweep;

import io.agreement.common.live.LiveProperties;
import java.time.Duration;

/** Refuses, at start, settings under which the sweep would spin, never run or skip changes. */
final class SweepSettings {

  private SweepSettings() {}

  /**
   * @throws IllegalArgumentException naming the setting to change
   */
  static LiveProperties check(LiveProperties live) {
    positive("agreement.live.sweep-interval (AGREEMENT_SWEEP_INTERVAL)", live.sweepInterval());
    positive(
        "agreement.live.reconcile-interval (AGREEMENT_RECONCILE_INTERVAL)",
        live.reconcileInterval());
    positive("agreement.live.republish-after", live.republishAfter());
    Duration overlap = live.sweepOverlap();
    if (overlap == null || overlap.isNegative()) {
      throw new IllegalArgumentException(
          "agreement.live.sweep-overlap must be zero or more (e.g. 30s), not " + overlap);
    }
    if (live.refreshBatch() < 1) {
      throw new IllegalArgumentException(
          "agreement.live.refresh-batch must be at least 1, not " + live.refreshBatch());
    }
    return live;
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
    }
  }
}
