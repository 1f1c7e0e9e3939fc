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

  /** PENDING jobs created before {@code olderThan}, locked so concurrent relays skip them. */
  public List<JobMessage> lockPending(Instant olderThan, int limit) {
    return jdbc.sql(
            """
            SELECT id, project_id, organization_id
            FROM agreement.backfill_job
            WHERE status = 'PENDING' AND created_at < :olderThan
            ORDER BY id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
        .param("olderThan", Timestamp.from(olderThan))
        .param("limit", limit)
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
