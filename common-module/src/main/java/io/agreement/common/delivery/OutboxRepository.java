package io.agreement.common.delivery;

import io.agreement.common.job.JobMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The job table seen as an outbox: PENDING rows are messages still to be confirmed. */
public final class OutboxRepository {

  private final JdbcClient jdbc;

  public OutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes up to {@code limit} PENDING jobs that neither were created nor last relayed after {@code
   * olderThan}, stamping them in the same statement so a concurrent relay skips them.
   */
  public List<JobMessage> takePending(Instant olderThan, int limit, Instant now) {
    return jdbc.sql(
            """
            UPDATE agreement.backfill_job SET relay_attempted_at = :now
            WHERE id IN (
              SELECT id FROM agreement.backfill_job
              WHERE status = 'PENDING' AND coalesce(relay_attempted_at, created_at) < :olderThan
              ORDER BY id
              LIMIT :limit
              FOR UPDATE SKIP LOCKED)
            RETURNING id, project_id, organization_id
            """)
        .param("olderThan", Timestamp.from(olderThan))
        .param("limit", limit)
        .param("now", Timestamp.from(now))
        .query((rs, n) -> new JobMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }

  /** Marks confirmed jobs QUEUED; a job a worker already picked up keeps its newer state. */
  public int markQueued(Collection<Long> jobIds, Instant now) {
    if (jobIds.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            UPDATE agreement.backfill_job SET status = 'QUEUED', queued_at = :now
            WHERE id IN (:ids) AND status = 'PENDING'
            """)
        .param("ids", jobIds)
        .param("now", Timestamp.from(now))
        .update();
  }
}
