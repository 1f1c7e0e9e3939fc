package io.agreement.worker.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker's own Prometheus metrics; never labelled with job, project, task or user ids. */
public final class WorkerMetrics {

  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
    Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
    Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
    Duration.ofHours(1)
  };

  private final MeterRegistry registry;
  private final Counter tasks;
  private final Counter annotations;
  private final Counter tagScores;
  private final Counter claimConflicts;
  private final Counter rescued;
  private final Counter orphans;
  private final AtomicInteger inProgress = new AtomicInteger();

  WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.tasks = registry.counter("agreement.worker.tasks.processed");
    this.annotations = registry.counter("agreement.worker.annotations.processed");
    this.tagScores = registry.counter("agreement.worker.tag.scores.written");
    this.claimConflicts = registry.counter("agreement.worker.claim.conflicts");
    this.rescued = registry.counter("agreement.worker.stale.jobs.rescued");
    this.orphans = registry.counter("agreement.worker.orphaned.jobs.requeued");
    registry.gauge("agreement.worker.jobs.in.progress", inProgress);
    // Registered up front so dashboards and alerts see 0 rather than no data.
    for (String outcome : new String[] {"completed", "failed", "cancelled", "handed_back"}) {
      registry.counter("agreement.worker.jobs.finished", "outcome", outcome);
      timer(outcome);
    }
    for (String status : new String[] {"completed", "failed", "cancelled", "missing"}) {
      registry.counter("agreement.worker.duplicates.dropped", "status", status);
    }
    for (String reason : new String[] {"malformed", "error"}) {
      registry.counter("agreement.worker.messages.dead.lettered", "reason", reason);
    }
  }

  void processed(long taskCount, long annotationCount) {
    tasks.increment(taskCount);
    annotations.increment(annotationCount);
  }

  void tagScoresWritten(long count) {
    tagScores.increment(count);
  }

  void started() {
    inProgress.incrementAndGet();
  }

  void finished(String outcome, Duration duration) {
    inProgress.decrementAndGet();
    registry.counter("agreement.worker.jobs.finished", "outcome", outcome).increment();
    timer(outcome).record(duration);
  }

  /** A job refused before it ran (attempts exhausted): counted, but no duration to record. */
  void failedWithoutRunning() {
    registry.counter("agreement.worker.jobs.finished", "outcome", "failed").increment();
  }

  void claimConflict() {
    claimConflicts.increment();
  }

  void duplicateDropped(String status) {
    registry
        .counter("agreement.worker.duplicates.dropped", "status", status.toLowerCase())
        .increment();
  }

  void rescued(int count) {
    rescued.increment(count);
  }

  void orphansRequeued(int count) {
    orphans.increment(count);
  }

  void deadLettered(String reason) {
    registry.counter("agreement.worker.messages.dead.lettered", "reason", reason).increment();
  }

  private Timer timer(String outcome) {
    return Timer.builder("agreement.worker.job.duration")
        .tag("outcome", outcome)
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry);
  }
}
