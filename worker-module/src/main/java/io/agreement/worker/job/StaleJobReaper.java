package io.agreement.worker.job;

import io.agreement.common.delivery.OutboxRelay;
import io.agreement.common.job.JobMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Puts RUNNING jobs whose worker stopped beating (killed, partitioned) back on the queue. */
final class StaleJobReaper {

  private static final Logger log = LoggerFactory.getLogger(StaleJobReaper.class);

  private final JobRepository jobs;
  private final OutboxRelay relay;
  private final Clock clock;
  private final Duration lease;
  private final WorkerMetrics metrics;

  StaleJobReaper(
      JobRepository jobs, OutboxRelay relay, Clock clock, Duration lease, WorkerMetrics metrics) {
    this.jobs = jobs;
    this.relay = relay;
    this.clock = clock;
    this.lease = lease;
    this.metrics = metrics;
  }

  /** One pass; returns how many jobs it rescued. */
  int rescueStale() {
    List<JobMessage> stale = jobs.rescueStale(clock.instant().minus(lease));
    if (!stale.isEmpty()) {
      log.warn(
          "Rescuing {} job(s) whose heartbeat is older than {}: {}",
          stale.size(),
          lease,
          stale.stream().map(JobMessage::jobId).toList());
      metrics.rescued(stale.size());
      relay.publishNow(stale);
    }
    return stale.size();
  }

  @Scheduled(
      fixedDelayString = "${agreement.worker.reaper-interval:5s}",
      initialDelayString = "${agreement.worker.reaper-interval:5s}")
  void run() {
    try {
      rescueStale();
    } catch (RuntimeException e) {
      log.warn("Reaper pass failed, will retry: {}", e.getMessage());
    }
  }
}
