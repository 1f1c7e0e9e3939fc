package io.agreement.worker.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The sweep's and the reconciliation's Prometheus metrics; never labelled with project or task ids.
 * Marks are counted by source where they are made ({@code agreement.live.marks}).
 */
final class SweepMetrics {

  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofMinutes(1), Duration.ofMinutes(5)
  };

  private final Timer sweeps;
  private final Timer reconciliations;
  private final Counter tasksExamined;
  private final Counter projectsReconciled;
  private final Counter republished;
  private final Counter failures;

  SweepMetrics(MeterRegistry registry) {
    this.sweeps = timer(registry, "agreement.live.sweep.duration");
    this.reconciliations = timer(registry, "agreement.live.reconcile.duration");
    this.tasksExamined = registry.counter("agreement.live.sweep.tasks.examined");
    this.projectsReconciled = registry.counter("agreement.live.reconcile.projects");
    this.republished = registry.counter("agreement.live.refresh.republished");
    this.failures = registry.counter("agreement.live.sweep.failures");
  }

  void swept(Sweep.Result result, Duration duration) {
    sweeps.record(duration);
    tasksExamined.increment(result.examined());
  }

  void reconciled(Reconciliation.Result result, Duration duration) {
    reconciliations.record(duration);
    projectsReconciled.increment(result.projects());
  }

  void republished(int count) {
    republished.increment(count);
  }

  void failed() {
    failures.increment();
  }

  private static Timer timer(MeterRegistry registry, String name) {
    return Timer.builder(name).serviceLevelObjectives(DURATION_BUCKETS).register(registry);
  }
}
