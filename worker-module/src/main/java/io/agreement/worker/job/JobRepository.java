package io.agreement.worker.job;

import io.agreement.common.job.JobMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Job state transitions a worker makes; each one a single conditional statement. */
final class JobRepository {

  private final JdbcClient jdbc;

  JobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the job if it waits for a worker, or if its holder's heartbeat is older than {@code
   * staleBefore}. Counts the attempt.
   */
  Optional<ClaimedJob> claim(long jobId, String workerId, Instant now, Instant staleBefore) {
    return jdbc.sql(
            """
            UPDATE agreement.backfill_job
            SET status = 'RUNNING', worker_id = :worker, attempts = attempts + 1,
                started_at = :now, heartbeat_at = :now, error_message = NULL
            WHERE id = :id
              AND (status IN ('PENDING', 'QUEUED')
                   OR (status = 'RUNNING' AND heartbeat_at < :staleBefore))
            RETURNING id, project_id, organization_id, attempts
            """)
        .param("id", jobId)
        .param("worker", workerId)
        .param("now", Timestamp.from(now))
        .param("staleBefore", Timestamp.from(staleBefore))
        .query(
            (rs, n) ->
                new ClaimedJob(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), workerId))
        .optional();
  }

  Optional<String> status(long jobId) {
    return jdbc.sql("SELECT status FROM agreement.backfill_job WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .optional();
  }

  /** Refreshes the heartbeat and progress; false when the job is no longer this worker's to run. */
  boolean heartbeat(ClaimedJob job, Instant now, String progressJson) {
    return jdbc.sql(
                """
            UPDATE agreement.backfill_job
            SET heartbeat_at = :now, progress = CAST(:progress AS jsonb)
            WHERE id = :id AND status = 'RUNNING' AND worker_id = :worker
            """)
            .param("id", job.jobId())
            .param("worker", job.workerId())
            .param("now", Timestamp.from(now))
            .param("progress", progressJson)
            .update()
        == 1;
  }

  boolean fail(ClaimedJob job, String message, Instant now) {
    return jdbc.sql(
                """
            UPDATE agreement.backfill_job
            SET status = 'FAILED', error_message = :message, completed_at = :now
            WHERE id = :id AND status = 'RUNNING' AND worker_id = :worker
            """)
            .param("id", job.jobId())
            .param("worker", job.workerId())
            .param("message", message)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /**
   * Hands a job back into the outbox (PENDING) so it is published again and another worker takes it
   * at once. A clean hand-back (shutdown) gives the attempt back; a failed one keeps it counted.
   */
  Optional<JobMessage> release(ClaimedJob job, boolean countAttempt) {
    return jdbc.sql(
            """
            UPDATE agreement.backfill_job
            SET status = 'PENDING', worker_id = NULL, heartbeat_at = NULL,
                attempts = attempts - CASE WHEN :count THEN 0 ELSE 1 END
            WHERE id = :id AND status = 'RUNNING' AND worker_id = :worker
            RETURNING id, project_id, organization_id
            """)
        .param("id", job.jobId())
        .param("worker", job.workerId())
        .param("count", countAttempt)
        .query((rs, n) -> new JobMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .optional();
  }

  /** Puts RUNNING jobs with a stale heartbeat back into the outbox, to be published again. */
  List<JobMessage> rescueStale(Instant staleBefore) {
    return jdbc.sql(
            """
            UPDATE agreement.backfill_job
            SET status = 'PENDING', worker_id = NULL, heartbeat_at = NULL
            WHERE status = 'RUNNING' AND heartbeat_at < :staleBefore
            RETURNING id, project_id, organization_id
            """)
        .param("staleBefore", Timestamp.from(staleBefore))
        .query((rs, n) -> new JobMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }

  /**
   * QUEUED jobs not touched since {@code queuedBefore}, stamped now so only one sweeper takes each;
   * the caller publishes them again.
   */
  List<JobMessage> restampOrphaned(Instant queuedBefore, Instant now) {
    return jdbc.sql(
            """
            UPDATE agreement.backfill_job SET queued_at = :now
            WHERE status = 'QUEUED' AND coalesce(queued_at, created_at) < :queuedBefore
            RETURNING id, project_id, organization_id
            """)
        .param("queuedBefore", Timestamp.from(queuedBefore))
        .param("now", Timestamp.from(now))
        .query((rs, n) -> new JobMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }
}
