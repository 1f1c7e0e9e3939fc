package io.agreement.common.delivery;

import io.agreement.common.job.JobMessage;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves jobs from PENDING to QUEUED: right after the transaction that created them, and again later
 * for any left behind (a crash between commit and publish, or a broker that was down).
 */
public final class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  private final OutboxRepository outbox;
  private final JobPublisher publisher;
  private final Clock clock;
  private final Duration grace;
  private final Counter republished;

  public OutboxRelay(
      OutboxRepository outbox,
      JobPublisher publisher,
      Clock clock,
      Duration grace,
      Counter republished) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.clock = clock;
    this.grace = grace;
    this.republished = republished;
  }

  /** Publishes freshly committed jobs; returns how many the broker confirmed. */
  public int publishNow(List<JobMessage> jobs) {
    if (jobs.isEmpty()) {
      return 0;
    }
    Set<Long> confirmed = publisher.publish(jobs);
    outbox.markQueued(confirmed, clock.instant());
    if (confirmed.size() < jobs.size()) {
      log.warn(
          "{} of {} job message(s) not confirmed yet; the relay will retry them",
          jobs.size() - confirmed.size(),
          jobs.size());
    }
    return confirmed.size();
  }

  /**
   * One relay pass over PENDING jobs older than the grace period (and not tried within it); returns
   * how many it queued. Publishing happens outside any transaction.
   */
  public int relayPending() {
    Instant now = clock.instant();
    List<JobMessage> pending = outbox.takePending(now.minus(grace), BATCH, now);
    if (pending.isEmpty()) {
      return 0;
    }
    Set<Long> confirmed = publisher.publish(pending);
    outbox.markQueued(confirmed, clock.instant());
    republished.increment(confirmed.size());
    log.info("Relayed {} of {} pending job(s)", confirmed.size(), pending.size());
    return confirmed.size();
  }
}
