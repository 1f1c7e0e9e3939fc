package io.agreement.api.explorer;

import io.agreement.api.web.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The organization-wide reads behind the explorer's projects list and progress bar. */
final class ExplorerRepository {

  /** Progress summed over each project's latest job, as the status endpoint counts projects. */
  record Progress(long tasksProcessed, long tasksTotal, long activeJobs) {}

  private static final String PROJECTS =
      """
      WITH latest AS (
        SELECT DISTINCT ON (project_id) project_id, id, status, progress
        FROM agreement.backfill_job WHERE organization_id = :org
        ORDER BY project_id, id DESC
      )
      SELECT p.id, p.title, pa.agreement, pa.tasks_scored, pa.computed_at,
             pa.job_id IS NOT NULL AS backfilled, coalesce(pa.stale, false) AS stale,
             l.id AS job_id, l.status
      FROM project p
      LEFT JOIN latest l ON l.project_id = p.id
      LEFT JOIN agreement.project_agreement pa ON pa.project_id = p.id
      WHERE p.organization_id = :org AND p.deleted_at IS NULL
      """;

  private static final String TITLE_FILTER =
      " AND (CAST(:title AS text) IS NULL OR p.title ILIKE :title)\n";

  /** A task of the lowest-agreement list; {@code task_url} is filled in by the controller. */
  record LowTask(long taskId, double agreement, int annotations, @Nullable String taskUrl) {
    LowTask withUrl(String url) {
      return new LowTask(taskId, agreement, annotations, url);
    }
  }

  private final JdbcClient jdbc;

  ExplorerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long count(long org, String titlePattern) {
    return jdbc.sql(
            "SELECT count(*) FROM project p WHERE p.organization_id = :org"
                + " AND p.deleted_at IS NULL"
                + TITLE_FILTER)
        .param("org", org)
        .param("title", titlePattern)
        .query(Long.class)
        .single();
  }

  List<ProjectRow> projects(
      long org, String titlePattern, ProjectSort sort, int limit, long offset) {
    return jdbc.sql(
            PROJECTS
                + TITLE_FILTER
                + " ORDER BY "
                + sort.orderBy()
                + " LIMIT :limit OFFSET :offset")
        .param("org", org)
        .param("title", titlePattern)
        .param("limit", limit)
        .param("offset", offset)
        .query((rs, n) -> row(rs))
        .list();
  }

  Optional<ProjectRow> project(long org, long projectId) {
    return jdbc.sql(PROJECTS + " AND p.id = :id")
        .param("org", org)
        .param("id", projectId)
        .query((rs, n) -> row(rs))
        .optional();
  }

  Progress progress(long org) {
    return jdbc.sql(
            """
            WITH latest AS (
              SELECT DISTINCT ON (j.project_id) j.status, j.progress
              FROM agreement.backfill_job j
              JOIN project p ON p.id = j.project_id AND p.deleted_at IS NULL
              WHERE j.organization_id = :org
              ORDER BY j.project_id, j.id DESC
            )
            SELECT coalesce(sum((progress ->> 'tasks_processed')::bigint), 0),
                   coalesce(sum((progress ->> 'tasks_total')::bigint), 0),
                   count(*) FILTER (WHERE status IN ('PENDING', 'QUEUED', 'RUNNING'))
            FROM latest
            """)
        .param("org", org)
        .query((rs, n) -> new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .single();
  }

  /** The project's tasks by ascending overall score; unscored (null) tasks are left out. */
  List<LowTask> lowestTasks(long projectId, int limit) {
    return jdbc.sql(
            """
            SELECT task_id, agreement, annotations FROM agreement.task_agreement
            WHERE project_id = :p AND agreement IS NOT NULL AND agreement = agreement
            ORDER BY agreement, task_id LIMIT :limit
            """)
        .param("p", projectId)
        .param("limit", limit)
        .query((rs, n) -> new LowTask(rs.getLong(1), rs.getDouble(2), rs.getInt(3), null))
        .list();
  }

  private static ProjectRow row(ResultSet rs) throws SQLException {
    return new ProjectRow(
        rs.getLong(1),
        rs.getString(2),
        finite(rs.getObject(3, Double.class)),
        rs.getObject(4, Integer.class),
        Columns.instant(rs, 5),
        rs.getBoolean(6),
        rs.getBoolean(7),
        rs.getObject(8, Long.class),
        rs.getString(9));
  }

  private static Double finite(Double value) {
    return value == null || !Double.isFinite(value) ? null : value;
  }
}
