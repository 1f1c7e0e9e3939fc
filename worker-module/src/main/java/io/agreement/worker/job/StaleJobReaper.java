package io.agreement.worker.job;

import io.agreement.common.delivery.OutboxRelay;
import io.agreement.common.job.JobMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Puts RUNNING jobs whose worker stopped beating (killed, partitioned) back on the queue, and
 * re-publishes QUEUED jobs whose message is gone (dead-lettered, lost with a broker's disk): when
 * the queue has nothing ready, a job still QUEUED long after it was published has no message. A
 * message published twice is harmless; the claim drops the duplicate.
 */
final class StaleJobReaper {

  private static final Logger log = LoggerFactory.getLogger(StaleJobReaper.class);

  private final JobRepository jobs;
  private final OutboxRelay relay;
  private final Clock clock;
  private final Duration lease;
  private final WorkerMetrics metrics;
  private final LongSupplier readyMessages;

  StaleJobReaper(
      JobRepository jobs,
      OutboxRelay relay,
      Clock clock,
      Duration lease,
      WorkerMetrics metrics,
      LongSupplier readyMessages) {
    this.jobs = jobs;
    this.relay = relay;
    this.clock = clock;
    this.lease = lease;
    this.metrics = metrics;
    this.readyMessages = readyMessages;
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

  /** One pass; returns how many QUEUED jobs without a message it published again. */
  int requeueOrphaned() {
    if (readyMessages.getAsLong() != 0) {
      return 0;
    }
    Instant now = clock.instant();
    List<JobMessage> orphans = jobs.restampOrphaned(now.minus(lease.multipliedBy(2)), now);
    if (!orphans.isEmpty()) {
      log.warn(
          "Re-publishing {} QUEUED job(s) that have no message in the queue: {}",
          orphans.size(),
          orphans.stream().map(JobMessage::jobId).toList());
      metrics.orphansRequeued(orphans.size());
      relay.publishNow(orphans);
    }
    return orphans.size();
  }

  @Scheduled(
      fixedDelayString = "${agreement.worker.reaper-interval:5s}",
      initialDelayString = "${agreement.worker.reaper-interval:5s}")
  void run() {
    try {
      rescueStale();
      requeueOrphaned();
    } catch (RuntimeException e) {
      log.warn("Reaper pass failed, will retry: {}", e.getMessage());
    }
  }
}
