package io.agreement.worker.job;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes running jobs' heartbeats and progress. A heartbeat that finds the job no longer RUNNING
 * under this worker (cancelled, or rescued by a reaper) tells the job to stop.
 */
final class Heartbeats implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

  private final JobRepository jobs;
  private final Clock clock;
  private final Duration interval;
  private final ScheduledExecutorService executor;

  Heartbeats(JobRepository jobs, Clock clock, Duration interval, int threads) {
    this.jobs = jobs;
    this.clock = clock;
    this.interval = interval;
    this.executor =
        Executors.newScheduledThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "job-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts beating for a job; cancel the returned future when the job ends. */
  ScheduledFuture<?> start(ClaimedJob job, JobSignal signal, Progress progress) {
    long millis = interval.toMillis();
    return executor.scheduleWithFixedDelay(
        () -> beat(job, signal, progress), millis, millis, TimeUnit.MILLISECONDS);
  }

  private void beat(ClaimedJob job, JobSignal signal, Progress progress) {
    try {
      if (!jobs.heartbeat(job, clock.instant(), progress.toJson())) {
        log.info(
            "Job {} is no longer running here (cancelled or taken over); stopping it", job.jobId());
        signal.cancel();
      }
    } catch (RuntimeException e) {
      log.warn("Heartbeat of job {} failed, will retry: {}", job.jobId(), e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
