package io.agreement.worker.refresh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Live refresh's worker metrics (SPEC 9): refreshes by outcome, tasks refreshed, the refresh's
 * duration and the lag from a task's mark to its committed score, as histograms.
 */
final class RefreshMetrics {

  private static final Duration[] LAG_BUCKETS = {
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
    Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)
  };

  private final MeterRegistry registry;
  private final Counter tasks;
  private final Timer duration;
  private final Timer lag;

  RefreshMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.tasks = registry.counter("agreement.live.refresh.tasks");
    this.duration =
        Timer.builder("agreement.live.refresh.duration")
            .description("One refresh, from taking its marks to its commit")
            .serviceLevelObjectives(LAG_BUCKETS)
            .register(registry);
    this.lag =
        Timer.builder("agreement.live.refresh.lag")
            .description("From a task's dirty mark to its refreshed score's commit")
            .serviceLevelObjectives(LAG_BUCKETS)
            .register(registry);
    for (ProjectRefresh.Outcome outcome : ProjectRefresh.Outcome.values()) {
      counter(outcome);
    }
    for (String reason : new String[] {"malformed", "error"}) {
      registry.counter("agreement.live.refresh.dead.lettered", "reason", reason);
    }
  }

  void outcome(ProjectRefresh.Outcome outcome) {
    counter(outcome).increment();
  }

  void refreshed(int taskCount, Duration took) {
    tasks.increment(taskCount);
    duration.record(took);
  }

  void lag(Duration lagged) {
    lag.record(lagged.isNegative() ? Duration.ZERO : lagged);
  }

  void deadLettered(String reason) {
    registry.counter("agreement.live.refresh.dead.lettered", "reason", reason).increment();
  }

  private Counter counter(ProjectRefresh.Outcome outcome) {
    return registry.counter(
        "agreement.live.refreshes", "outcome", outcome.name().toLowerCase(Locale.ROOT));
  }
}
