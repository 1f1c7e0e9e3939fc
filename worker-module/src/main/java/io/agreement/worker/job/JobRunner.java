package io.agreement.worker.job;

import io.agreement.common.delivery.OutboxRelay;
import io.agreement.common.job.JobMessage;
import io.agreement.engine.AgreementException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one delivered job message and decides what the broker should do with it. The message is
 * acked only once PostgreSQL makes it redundant: the job finished, failed for good, or is not this
 * message's to run.
 */
final class JobRunner {

  enum Disposition {
    ACK,
    REQUEUE,
    DEAD_LETTER
  }

  private enum Outcome {
    COMPLETED,
    CANCELLED,
    FAILED,
    HANDED_BACK;

    String metricName() {
      return name().toLowerCase();
    }
  }

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final JobRepository jobs;
  private final ProjectBackfill backfill;
  private final Heartbeats heartbeats;
  private final WorkerMetrics metrics;
  private final WorkerProperties props;
  private final Clock clock;
  private final String workerId;
  private final OutboxRelay relay;
  private final AfterBackfill afterBackfill;
  private final AtomicLong claims = new AtomicLong();
  private final Set<JobSignal> running = ConcurrentHashMap.newKeySet();

  JobRunner(
      JobRepository jobs,
      ProjectBackfill backfill,
      Heartbeats heartbeats,
      WorkerMetrics metrics,
      WorkerProperties props,
      Clock clock,
      OutboxRelay relay,
      AfterBackfill afterBackfill) {
    this.relay = relay;
    this.afterBackfill = afterBackfill;
    this.jobs = jobs;
    this.backfill = backfill;
    this.heartbeats = heartbeats;
    this.metrics = metrics;
    this.props = props;
    this.clock = clock;
    this.workerId = props.workerId();
  }

  Disposition handle(JobMessage message) {
    Instant now = clock.instant();
    Optional<ClaimedJob> claimed =
        jobs.claim(message.jobId(), claimId(), now, now.minus(props.lease()));
    if (claimed.isEmpty()) {
      return drop(message);
    }
    ClaimedJob job = claimed.get();
    if (job.attempts() > props.maxAttempts()) {
      log.warn(
          "Job {} (project {}) failed for good: attempt {} exceeds the limit of {}; earlier attempts "
              + "were handed back or lost with their worker",
          job.jobId(),
          job.projectId(),
          job.attempts(),
          props.maxAttempts());
      jobs.fail(
          job,
          "Gave up after " + props.maxAttempts() + " attempts; see the worker logs",
          clock.instant());
      metrics.failedWithoutRunning();
      return Disposition.ACK;
    }
    return run(job);
  }

  /**
   * Each claim has its own id (this worker's id and a sequence number), so two consumer threads of
   * one process never mistake each other's claim of the same job for their own.
   */
  private String claimId() {
    return workerId + "/" + claims.incrementAndGet();
  }

  /** Asks every running job to stop at its next chunk and hand itself back (shutdown). */
  void handBackAll() {
    running.forEach(JobSignal::handBack);
  }

  private Disposition drop(JobMessage message) {
    String status = jobs.status(message.jobId()).orElse("MISSING");
    if (status.equals("RUNNING")) {
      metrics.claimConflict();
    } else {
      metrics.duplicateDropped(status);
    }
    log.info("Dropping message for job {}: job is {}", message.jobId(), status);
    return Disposition.ACK;
  }

  private Disposition run(ClaimedJob job) {
    JobSignal signal = new JobSignal();
    Progress progress = new Progress();
    running.add(signal);
    metrics.started();
    long started = System.nanoTime();
    log.info(
        "Job {} started: project {}, attempt {}, worker {}",
        job.jobId(),
        job.projectId(),
        job.attempts(),
        job.workerId());
    ScheduledFuture<?> beat = heartbeats.start(job, signal, progress);
    Outcome outcome = Outcome.FAILED;
    try {
      outcome = execute(job, signal, progress);
      // Every outcome settles the message: a handed-back job got a new one through the outbox.
      return Disposition.ACK;
    } finally {
      beat.cancel(false);
      running.remove(signal);
      afterBackfill(job.projectId(), outcome == Outcome.COMPLETED);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      metrics.finished(outcome.metricName(), took);
      log.info(
          "Job {} {}: project {}, {} ms, tasks {}/{}, annotations {}",
          job.jobId(),
          outcome.metricName(),
          job.projectId(),
          took.toMillis(),
          progress.tasksProcessed.get(),
          progress.tasksTotal.get(),
          progress.annotationsProcessed.get());
    }
  }

  /** What follows a backfill's end, whatever its outcome. */
  interface AfterBackfill {
    void ended(long projectId, boolean completed);
  }

  /**
   * Changes marked while the backfill ran wait for it to end (SPEC 9): their refresh is asked for
   * now. A failure here only delays them until the sweep publishes the request again.
   */
  private void afterBackfill(long projectId, boolean completed) {
    try {
      afterBackfill.ended(projectId, completed);
    } catch (RuntimeException e) {
      log.warn("Could not ask for the refresh of project {}: {}", projectId, e.getMessage());
    }
  }

  private Outcome execute(ClaimedJob job, JobSignal signal, Progress progress) {
    try {
      return switch (backfill.run(job, signal, progress)) {
        case COMPLETED -> Outcome.COMPLETED;
        case CANCELLED -> Outcome.CANCELLED;
        case HANDED_BACK -> handBack(job, Duration.ZERO, false);
      };
    } catch (PermanentJobException | AgreementException e) {
      return fail(job, e.getMessage());
    } catch (Exception e) {
      if (Failures.isTransient(e)) {
        log.warn(
            "Job {} hit a transient failure, handing it back: {}",
            job.jobId(),
            Failures.describe(e));
        return handBack(job, backoff(job.attempts()), true);
      }
      log.error("Job {} failed unexpectedly", job.jobId(), e);
      return fail(job, "Unexpected error: " + Failures.describe(e));
    }
  }

  private Outcome fail(ClaimedJob job, String message) {
    log.warn("Job {} failed: {}", job.jobId(), message);
    jobs.fail(job, message, clock.instant());
    return Outcome.FAILED;
  }

  /**
   * Gives the job back through the outbox. After a failure the attempt stays counted, so transient
   * errors cannot loop past the attempt limit; a clean shutdown costs no attempt.
   */
  private Outcome handBack(ClaimedJob job, Duration wait, boolean countAttempt) {
    Pause.sleep(wait);
    jobs.release(job, countAttempt).ifPresent(message -> relay.publishNow(List.of(message)));
    return Outcome.HANDED_BACK;
  }

  private Duration backoff(int attempts) {
    long factor = 1L << Math.min(attempts - 1, 5);
    return props.retryBackoff().multipliedBy(factor);
  }
}
