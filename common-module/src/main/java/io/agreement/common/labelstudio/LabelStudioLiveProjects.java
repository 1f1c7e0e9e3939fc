package io.agreement.common.labelstudio;

/**
 * What live refresh reads from Label Studio's project table beside the changes themselves: whether
 * a project a webhook names is live, and an organization's share of the refresh backlog (marks are
 * kept by project; the organization is Label Studio's).
 */
public final class LabelStudioLiveProjects {

  /** A live (not soft-deleted) project's organization. Parameter: the project id. */
  public static final String ORGANIZATION_OF_LIVE =
      "SELECT organization_id FROM project WHERE id = ? AND deleted_at IS NULL";

  /**
   * An organization's backlog over its live projects. Parameter {@code :org}. Columns: dirty tasks,
   * projects with dirty tasks, the oldest pending mark's time and its age in seconds (by the
   * database's clock, which stamped it), and projects whose refresh is requested.
   */
  public static final String ORGANIZATION_BACKLOG =
      """
      WITH live AS (
        SELECT id FROM project WHERE organization_id = :org AND deleted_at IS NULL
      ), marks AS (
        SELECT count(*) AS tasks, count(DISTINCT d.project_id) AS projects,
               min(d.marked_at) AS oldest
        FROM agreement.dirty_task d JOIN live ON live.id = d.project_id
      )
      SELECT m.tasks, m.projects, m.oldest,
             extract(epoch FROM clock_timestamp() - m.oldest)::float8 AS oldest_age,
             (SELECT count(*) FROM agreement.refresh_request r JOIN live ON live.id = r.project_id)
               AS requested
      FROM marks m
      """;

  private LabelStudioLiveProjects() {}
}
