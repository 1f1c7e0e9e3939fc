package io.agreement.api.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker's claim and final write of a project's results, with the worker's own SQL, so that a
 * settings change can be staged before, during and after a job.
 */
final class SimulatedWorker {

  private static final String WRITE_SUMMARY =
      """
      INSERT INTO agreement.project_agreement
          (project_id, job_id, methodology, agreement, tasks_scored, computed_at, stale)
      VALUES (?, ?, 'consensus', 0.5, 1, now(), false)
      ON CONFLICT (project_id) DO UPDATE SET job_id = excluded.job_id,
          methodology = excluded.methodology, agreement = excluded.agreement,
          tasks_scored = excluded.tasks_scored, computed_at = excluded.computed_at, stale = false
      """;

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  SimulatedWorker(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * The project's queued job (a new one, unless a settings change queued one already) taken by a
   * worker, as JobRepository.claim takes it.
   */
  long claim(long organizationId, long projectId) {
    jdbc.sql(
            """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status) VALUES (:o, :p, 'QUEUED')
            ON CONFLICT (project_id) WHERE status IN ('PENDING', 'QUEUED', 'RUNNING') DO NOTHING
            """)
        .param("o", organizationId)
        .param("p", projectId)
        .update();
    long job =
        jdbc.sql(
                """
            SELECT id FROM agreement.backfill_job
            WHERE project_id = :p AND status IN ('PENDING', 'QUEUED')
            """)
            .param("p", projectId)
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            UPDATE agreement.backfill_job
            SET status = 'RUNNING', worker_id = 'simulated', attempts = attempts + 1,
                started_at = now(), heartbeat_at = now()
            WHERE id = :id AND status IN ('PENDING', 'QUEUED')
            """)
        .param("id", job)
        .update();
    return job;
  }

  void complete(long projectId, long jobId) throws SQLException {
    try (Connection c = writeResults(projectId, jobId)) {
      c.commit();
    }
  }

  /** The results written and the job completed, not yet committed: the caller commits. */
  Connection writeResults(long projectId, long jobId) throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(false);
    try (PreparedStatement summary = c.prepareStatement(WRITE_SUMMARY);
        PreparedStatement done =
            c.prepareStatement(
                "UPDATE agreement.backfill_job SET status = 'COMPLETED', completed_at = now() WHERE id = ?")) {
      summary.setLong(1, projectId);
      summary.setLong(2, jobId);
      summary.executeUpdate();
      done.setLong(1, jobId);
      done.executeUpdate();
    }
    return c;
  }

  /** The project's jobs as {@code status/trigger_mode}, oldest first. */
  java.util.List<String> jobs(long projectId) {
    return jdbc.sql(
            "SELECT status || '/' || coalesce(trigger_mode, '') FROM agreement.backfill_job"
                + " WHERE project_id = :p ORDER BY id")
        .param("p", projectId)
        .query(String.class)
        .list();
  }

  boolean stale(long projectId) {
    return jdbc.sql("SELECT stale FROM agreement.project_agreement WHERE project_id = :p")
        .param("p", projectId)
        .query(Boolean.class)
        .single();
  }
}
