package io.agreement.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.generate.LagTracker.Change;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagTrackerTest {

  private final LagTracker tracker = new LagTracker();

  @Test
  void a_change_is_readable_when_its_fingerprint_is_stored() {
    tracker.committed(new Change(1, "3:30:9:0", 1_000));
    assertThat(tracker.observed(new long[] {1}, Map.of(1L, "2:20:6:0"), 5_000)).isZero();
    assertThat(tracker.pendingCount()).isEqualTo(1);
    assertThat(tracker.observed(new long[] {1}, Map.of(1L, "3:30:9:0"), 9_000)).isEqualTo(1);
    assertThat(tracker.lags()).containsExactly(8_000L);
    assertThat(tracker.pendingCount()).isZero();
    assertThat(tracker.pendingTasks()).isEmpty();
  }

  @Test
  void a_task_left_without_annotations_is_readable_when_its_row_is_gone() {
    tracker.committed(new Change(1, null, 1_000));
    assertThat(tracker.observed(new long[] {1}, Map.of(1L, "1:5:3:0"), 2_000)).isZero();
    assertThat(tracker.observed(new long[] {1}, Map.of(), 3_000)).isEqualTo(1);
    assertThat(tracker.lags()).containsExactly(2_000L);
  }

  @Test
  void a_later_changes_fingerprint_makes_the_earlier_ones_readable_too() {
    tracker.committed(new Change(1, "a", 1_000));
    tracker.committed(new Change(1, "b", 2_000));
    tracker.committed(new Change(1, "c", 3_000));
    assertThat(tracker.observed(new long[] {1}, Map.of(1L, "b"), 4_000)).isEqualTo(2);
    assertThat(tracker.lags()).containsExactly(3_000L, 2_000L);
    assertThat(tracker.pendingTasks()).containsExactly(1L);
    assertThat(tracker.observed(new long[] {1}, Map.of(1L, "c"), 5_000)).isEqualTo(1);
    assertThat(tracker.lags()).containsExactly(3_000L, 2_000L, 2_000L);
  }

  @Test
  void a_change_committed_after_the_read_started_is_not_judged_by_it() {
    tracker.committed(new Change(1, "a", 1_000));
    tracker.committed(new Change(1, "b", 6_000));
    Map<Long, String> stored = new HashMap<>(Map.of(1L, "b"));
    assertThat(tracker.observed(new long[] {1}, stored, 5_000)).isZero();
    assertThat(tracker.observed(new long[] {1}, stored, 7_000)).isEqualTo(2);
  }

  @Test
  void tasks_are_resolved_independently() {
    tracker.committed(new Change(1, "a", 1_000));
    tracker.committed(new Change(2, "x", 1_000));
    assertThat(tracker.observed(new long[] {1, 2}, Map.of(1L, "a", 2L, "y"), 2_000)).isEqualTo(1);
    assertThat(tracker.pendingTasks()).containsExactly(2L);
    assertThat(tracker.observed(new long[] {3}, Map.of(), 2_000)).isZero();
  }

  @Test
  void percentiles_by_nearest_rank_in_milliseconds() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (100 - i) * 1_000_000L;
    }
    Percentiles p = Percentiles.ofNanos(nanos);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50.0);
    assertThat(p.p95()).isEqualTo(95.0);
    assertThat(p.p99()).isEqualTo(99.0);
    assertThat(p.max()).isEqualTo(100.0);
    assertThat(Percentiles.ofNanos(new long[0]).max()).isZero();
  }
}
