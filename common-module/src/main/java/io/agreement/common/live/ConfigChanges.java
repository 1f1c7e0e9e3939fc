package io.agreement.common.live;

import io.agreement.common.delivery.OutboxRelay;
import io.agreement.common.job.JobMessage;
import io.agreement.common.labelstudio.LabelStudioChanges;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A project's label config or control weights changed in Label Studio (SPEC 9): its results are
 * stale, and with auto-backfill a forced backfill is queued, once per new config. Checked on a
 * PROJECT_UPDATED webhook and by the sweep.
 */
public final class ConfigChanges {

  /** What a check found. */
  public enum Outcome {
    /** Scored with the current config. */
    UNCHANGED,
    /** Changed: marked stale, and a backfill queued when auto-backfill is on. */
    CHANGED,
    /** Changed, and a backfill is already queued for this config or another job is active. */
    ALREADY_QUEUED,
    /** Never scored: nothing to make stale. */
    NOT_SCORED,
    /** Missing or soft-deleted in Label Studio. */
    GONE
  }

  private static final Logger log = LoggerFactory.getLogger(ConfigChanges.class);

  private final JdbcClient jdbc;
  private final OutboxRelay relay;
  private final RefreshQueue queue;
  private final boolean autoBackfill;

  /**
   * @param queue whose background thread publishes the jobs, so that a webhook never waits for the
   *     broker's confirms; a job it could not publish is the outbox relay's
   */
  public ConfigChanges(
      JdbcClient jdbc, OutboxRelay relay, RefreshQueue queue, boolean autoBackfill) {
    this.jdbc = jdbc;
    this.relay = relay;
    this.queue = queue;
    this.autoBackfill = autoBackfill;
  }

  public Outcome check(long projectId) {
    Optional<Object[]> current =
        jdbc.sql(LabelStudioChanges.CONFIG_HASH)
            .param(projectId)
            .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
            .optional();
    if (current.isEmpty()) {
      return Outcome.GONE;
    }
    String hash = (String) current.get()[0];
    long organizationId = (Long) current.get()[1];
    Optional<String[]> scored =
        jdbc.sql(
                "SELECT config_hash, queued_hash FROM agreement.project_source"
                    + " WHERE project_id = ?")
            .param(projectId)
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
            .optional();
    if (scored.isEmpty()) {
      return Outcome.NOT_SCORED;
    }
    if (hash.equals(scored.get()[0])) {
      return Outcome.UNCHANGED;
    }
    if (hash.equals(scored.get()[1])) {
      return Outcome.ALREADY_QUEUED;
    }
    jdbc.sql("UPDATE agreement.project_agreement SET stale = true WHERE project_id = ?")
        .param(projectId)
        .update();
    if (!autoBackfill) {
      log.info("Project {}: label config or control weights changed; results are stale", projectId);
      return Outcome.CHANGED;
    }
    // Queued for this config only once a job was created: a backfill still running on the old
    // config lets the next check queue one.
    if (queueBackfill(organizationId, projectId, "config_change").isEmpty()) {
      return Outcome.ALREADY_QUEUED;
    }
    jdbc.sql("UPDATE agreement.project_source SET queued_hash = ? WHERE project_id = ?")
        .params(hash, projectId)
        .update();
    log.info(
        "Project {}: label config or control weights changed; results are stale, forced backfill"
            + " queued",
        projectId);
    return Outcome.CHANGED;
  }

  /**
   * Queues a forced backfill of the project, unless it has an active job already, and publishes it;
   * returns the job when one was created.
   */
  public Optional<JobMessage> queueBackfill(long organizationId, long projectId, String mode) {
    Optional<JobMessage> job =
        jdbc.sql(
                """
                INSERT INTO agreement.backfill_job
                    (organization_id, project_id, status, triggered_by, trigger_mode)
                VALUES (?, ?, 'PENDING', NULL, ?)
                ON CONFLICT (project_id) WHERE status IN ('PENDING', 'QUEUED', 'RUNNING')
                DO NOTHING
                RETURNING id, project_id, organization_id
                """)
            .params(organizationId, projectId, mode)
            .query((rs, n) -> new JobMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            .optional();
    job.ifPresent(j -> queue.inBackground(() -> relay.publishNow(List.of(j))));
    return job;
  }

  /**
   * After a completed backfill: results it left stale (settings changed while it ran, which could
   * queue no job then) get the forced backfill now.
   */
  public void requeueIfStale(long projectId) {
    if (!autoBackfill) {
      return;
    }
    Optional<Long> organization =
        jdbc.sql(
                """
                SELECT p.organization_id FROM agreement.project_agreement pa
                JOIN project p ON p.id = pa.project_id AND p.deleted_at IS NULL
                WHERE pa.project_id = ? AND pa.stale
                """)
            .param(projectId)
            .query(Long.class)
            .optional();
    organization.ifPresent(org -> queueBackfill(org, projectId, "settings_change"));
  }

  public boolean autoBackfill() {
    return autoBackfill;
  }
}
