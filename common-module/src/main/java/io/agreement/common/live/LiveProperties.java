package io.agreement.common.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live refresh (SPEC 9), shared by the API and the workers.
 *
 * @param queue the refresh queue, a quorum queue with its own dead-letter queue ({@code
 *     <queue>.dead-letter}); also its exchange's name
 * @param deliveryLimit the quorum queue's delivery limit, a backstop
 * @param sweepInterval how often the sweep looks for tasks updated since its watermark
 *     (AGREEMENT_SWEEP_INTERVAL)
 * @param sweepOverlap how far before the watermark each sweep reads again, for commits that land
 *     out of updated_at order
 * @param reconcileInterval how often every project's per-task fingerprints are compared with what
 *     was scored (AGREEMENT_RECONCILE_INTERVAL)
 * @param autoBackfill whether a changed label config or control weights queue a forced backfill
 *     (AGREEMENT_AUTO_BACKFILL)
 * @param refreshBatch the most tasks one refresh takes; more marks ask for another refresh
 * @param republishAfter a refresh request older than this whose refresh has not started is
 *     published again
 * @param refreshLockWait how long a refresh waits for another refresh of the same project
 * @param sweepEnabled whether this process runs the sweep and reconciliation (one at a time runs
 *     them across all processes, under an advisory lock)
 */
@ConfigurationProperties("agreement.live")
public record LiveProperties(
    @DefaultValue("agreement.refresh") String queue,
    @DefaultValue("20") int deliveryLimit,
    @DefaultValue("10s") Duration sweepInterval,
    @DefaultValue("30s") Duration sweepOverlap,
    @DefaultValue("5m") Duration reconcileInterval,
    @DefaultValue("true") boolean autoBackfill,
    @DefaultValue("5000") int refreshBatch,
    @DefaultValue("10s") Duration republishAfter,
    @DefaultValue("30s") Duration refreshLockWait,
    @DefaultValue("true") boolean sweepEnabled) {

  public static final String ROUTING_KEY = "refresh";

  public String deadLetterExchange() {
    return queue + ".dlx";
  }

  public String deadLetterQueue() {
    return queue + ".dead-letter";
  }
}
