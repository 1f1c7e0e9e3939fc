package io.agreement.api.backfill;

import io.agreement.api.web.Columns;
import io.agreement.common.job.JobMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Jobs and project eligibility, always scoped to one organization. */
final class BackfillRepository {

  /**
   * Each project's latest job and whether its last results are stale, for the org's live projects.
   */
  private static final String PROJECT_STATE =
      """
      WITH latest AS (
        SELECT project_id, status, tasks_processed, annotations_processed
        FROM agreement.project_job
        WHERE organization_id = :org
      ), state AS (
        SELECT p.id AS project_id, l.status, l.tasks_processed, l.annotations_processed,
               (l.status = 'COMPLETED' AND NOT coalesce(pa.stale, false)) AS done,
               (l.status IS NULL OR l.status IN ('FAILED', 'CANCELLED')
                 OR (l.status = 'COMPLETED' AND coalesce(pa.stale, false))) AS eligible
        FROM project p
        LEFT JOIN latest l ON l.project_id = p.id
        LEFT JOIN agreement.project_agreement pa ON pa.project_id = p.id
        WHERE p.organization_id = :org AND p.deleted_at IS NULL
      )
      """;

  private static final String JOB_SELECT =
      """
      SELECT j.id, j.project_id, j.organization_id, j.status, j.created_at, j.queued_at, j.started_at,
             j.completed_at, j.error_message, j.attempts,
             (jsonb_build_object('tasks_total', 0, 'tasks_processed', 0,
                                 'annotations_processed', 0, 'matrices_created', 0)
              || coalesce(j.progress, '{}'))::text,
             j.triggered_by, u.email,
             j.worker_id
      FROM agreement.backfill_job j
      LEFT JOIN htx_user u ON u.id = j.triggered_by
      """;

  /** A job with its project, which must not be soft-deleted. */
  private static final String JOB_COLUMNS =
      JOB_SELECT + "JOIN project p ON p.id = j.project_id AND p.deleted_at IS NULL\n";

  /**
   * Jobs of the organization's soft-deleted projects left out without a join per job: there are few
   * such projects, and the list and its count then read the job indexes alone.
   */
  private static final String LIVE_PROJECTS_ONLY =
      """
        AND j.project_id NOT IN (SELECT id FROM project
                                 WHERE organization_id = :org AND deleted_at IS NOT NULL)
      """;

  private final JdbcClient jdbc;

  BackfillRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Serializes triggers and cancels of one organization for the rest of the transaction. */
  void lockOrganization(long org) {
    jdbc.sql("SELECT true FROM pg_advisory_xact_lock(7001, CAST(:org AS integer))")
        .param("org", org)
        .query(Boolean.class)
        .single();
  }

  /**
   * Inserts PENDING jobs for the next eligible projects by ascending id; null limit means all, and
   * {@code completed} takes projects whose results are current too.
   */
  List<JobMessage> insertEligible(
      long org, long user, Integer limit, boolean completed, String mode) {
    return jdbc.sql(
            PROJECT_STATE
                + """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status, triggered_by, trigger_mode)
            SELECT :org, project_id, 'PENDING', :user, :mode
            FROM (SELECT project_id FROM state WHERE eligible OR :completed
                  ORDER BY project_id LIMIT :limit) next
            ON CONFLICT (project_id) WHERE status IN ('PENDING', 'QUEUED', 'RUNNING') DO NOTHING
            RETURNING id, project_id, organization_id
            """)
        .param("org", org)
        .param("user", user)
        .param("mode", mode)
        .param("limit", limit)
        .param("completed", completed)
        .query(BackfillRepository::message)
        .list();
  }

  /** Inserts one PENDING job; empty when the project got an active job meanwhile. */
  Optional<JobMessage> insertOne(long org, long projectId, long user, String mode) {
    return jdbc.sql(
            """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status, triggered_by, trigger_mode)
            VALUES (:org, :project, 'PENDING', :user, :mode)
            ON CONFLICT (project_id) WHERE status IN ('PENDING', 'QUEUED', 'RUNNING') DO NOTHING
            RETURNING id, project_id, organization_id
            """)
        .param("org", org)
        .param("project", projectId)
        .param("user", user)
        .param("mode", mode)
        .query(BackfillRepository::message)
        .optional();
  }

  /** Projects with a completed, current backfill (skipped) and eligible ones not yet queued. */
  Counts counts(long org) {
    return jdbc.sql(
            PROJECT_STATE
                + """
            SELECT count(*) FILTER (WHERE done), count(*) FILTER (WHERE eligible) FROM state
            """)
        .param("org", org)
        .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2)))
        .single();
  }

  record Counts(int completed, int eligible) {}

  /** The organization's projects counted once each, by their latest job. */
  Map<String, Object> organizationStatus(long org) {
    return jdbc.sql(
            PROJECT_STATE
                + """
            SELECT count(*) AS total_projects,
                   count(*) FILTER (WHERE status IS NULL) AS not_started,
                   count(*) FILTER (WHERE status = 'PENDING') AS pending,
                   count(*) FILTER (WHERE status = 'QUEUED') AS queued,
                   count(*) FILTER (WHERE status = 'RUNNING') AS running,
                   count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                   count(*) FILTER (WHERE status = 'FAILED') AS failed,
                   count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
                   count(*) FILTER (WHERE status = 'COMPLETED' AND NOT done) AS stale,
                   coalesce(sum(tasks_processed), 0) AS tasks_processed,
                   coalesce(sum(annotations_processed), 0) AS annotations_processed
            FROM state
            """)
        .param("org", org)
        .query()
        .singleRow();
  }

  boolean projectExists(long org, long projectId) {
    return jdbc.sql(
            "SELECT 1 FROM project WHERE id = :id AND organization_id = :org AND deleted_at IS NULL")
        .param("id", projectId)
        .param("org", org)
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  /** Whether the project's latest job completed and its results are current. */
  boolean isDone(long org, long projectId) {
    return jdbc.sql(PROJECT_STATE + "SELECT done FROM state WHERE project_id = :project")
        .param("org", org)
        .param("project", projectId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  Optional<JobView> activeJob(long org, long projectId) {
    return jdbc.sql(
            JOB_COLUMNS
                + """
            WHERE j.organization_id = :org AND j.project_id = :project
              AND j.status IN ('PENDING', 'QUEUED', 'RUNNING')
            """)
        .param("org", org)
        .param("project", projectId)
        .query(BackfillRepository::job)
        .optional();
  }

  Optional<JobView> latestJob(long org, long projectId) {
    return jdbc.sql(
            JOB_COLUMNS
                + """
            WHERE j.organization_id = :org AND j.project_id = :project ORDER BY j.id DESC LIMIT 1
            """)
        .param("org", org)
        .param("project", projectId)
        .query(BackfillRepository::job)
        .optional();
  }

  Optional<JobView> job(long org, long jobId) {
    return jdbc.sql(JOB_COLUMNS + "WHERE j.organization_id = :org AND j.id = :id")
        .param("org", org)
        .param("id", jobId)
        .query(BackfillRepository::job)
        .optional();
  }

  /**
   * A page of the organization's jobs, newest first. The page's ids are found first and only its
   * rows are read and shaped: a deep page skips the rows before it without building each one.
   */
  List<JobView> jobs(long org, String status, Long projectId, int limit, long offset) {
    return filtered(
            "WITH page AS (SELECT j.id FROM agreement.backfill_job j\n"
                + jobFilter(status, projectId)
                + "ORDER BY j.id DESC LIMIT :limit OFFSET :offset)\n"
                + JOB_SELECT
                + "JOIN page ON page.id = j.id\nORDER BY j.id DESC",
            org,
            status,
            projectId)
        .param("limit", limit)
        .param("offset", offset)
        .query(BackfillRepository::job)
        .list();
  }

  /**
   * The count of {@link #jobs}, from the per-project counts the job table keeps (V33): one row per
   * project and status rather than the organization's whole history.
   */
  long countJobs(long org, String status, Long projectId) {
    return filtered(
            "SELECT coalesce(sum(j.jobs), 0) FROM agreement.project_job_count j\n"
                + jobFilter(status, projectId),
            org,
            status,
            projectId)
        .query(Long.class)
        .single();
  }

  /**
   * The organization's jobs, optionally of one status and one project: only the predicates that
   * apply, so that the planner picks the index for each (an "IS NULL OR" form would hide them).
   */
  private static String jobFilter(String status, Long projectId) {
    return "WHERE j.organization_id = :org\n"
        + (status == null ? "" : "  AND j.status = :status\n")
        + (projectId == null ? "" : "  AND j.project_id = :project\n")
        + LIVE_PROJECTS_ONLY;
  }

  private JdbcClient.StatementSpec filtered(String sql, long org, String status, Long projectId) {
    JdbcClient.StatementSpec spec = jdbc.sql(sql).param("org", org);
    if (status != null) {
      spec = spec.param("status", status);
    }
    return projectId == null ? spec : spec.param("project", projectId);
  }

  /**
   * Cancels active jobs of the organization, optionally of one project or one job. Jobs of a
   * soft-deleted project do not exist for the API (their worker fails them as the project is gone).
   */
  List<Long> cancelActive(long org, Long projectId, Long jobId, String reason, Instant now) {
    return jdbc.sql(
            """
            UPDATE agreement.backfill_job
            SET status = 'CANCELLED', completed_at = :now, error_message = :reason
            WHERE organization_id = :org AND status IN ('PENDING', 'QUEUED', 'RUNNING')
              AND project_id IN (SELECT id FROM project WHERE deleted_at IS NULL)
              AND (CAST(:project AS bigint) IS NULL OR project_id = :project)
              AND (CAST(:job AS bigint) IS NULL OR id = :job)
            RETURNING id
            """)
        .param("org", org)
        .param("project", projectId)
        .param("job", jobId)
        .param("reason", reason)
        .param("now", Timestamp.from(now))
        .query(Long.class)
        .list();
  }

  private static JobMessage message(ResultSet rs, int n) throws SQLException {
    return new JobMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3));
  }

  private static JobView job(ResultSet rs, int n) throws SQLException {
    long triggeredBy = rs.getLong(12);
    JobView.TriggeredBy by =
        rs.wasNull() ? null : new JobView.TriggeredBy(triggeredBy, rs.getString(13));
    return new JobView(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        Columns.instant(rs, 5),
        Columns.instant(rs, 6),
        Columns.instant(rs, 7),
        Columns.instant(rs, 8),
        rs.getString(9),
        rs.getInt(10),
        rs.getString(11),
        by,
        rs.getString(14));
  }
}
