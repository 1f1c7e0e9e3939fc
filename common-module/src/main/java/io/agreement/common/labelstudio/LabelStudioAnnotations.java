package io.agreement.common.labelstudio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Label Studio's tasks and their annotations, as a backfill reads a project. */
public final class LabelStudioAnnotations {

  /**
   * A project's tasks in id order, each with its counted (not cancelled) annotations in id order; a
   * task without one appears once with null annotation columns. Parameter: the project id. Columns:
   * task id, annotation id, completed_by_id, result as text, ground_truth, updated_at.
   *
   * <p>Per-task index lookups (LATERAL) whatever the statistics say: a hash join would scan every
   * annotation of the database for each project when the planner misjudges a freshly loaded table.
   */
  public static final String BY_TASK =
      """
      SELECT t.id, c.id, c.completed_by_id, c.result::text, c.ground_truth, c.updated_at
      FROM task t
      LEFT JOIN LATERAL (
        SELECT c.id, c.completed_by_id, c.result, c.ground_truth, c.updated_at
        FROM task_completion c
        WHERE c.task_id = t.id AND c.was_cancelled IS NOT TRUE
        ORDER BY c.id
      ) c ON true
      WHERE t.project_id = ?
      ORDER BY t.id, c.id
      """;

  /**
   * {@link #BY_TASK} for some of a project's tasks, as a refresh re-reads them. Parameters: the
   * project id, the task ids as an integer array. A task no longer in the project (deleted or
   * moved) has no row.
   */
  public static final String BY_TASK_IDS =
      BY_TASK.replace(
          "WHERE t.project_id = ?", "WHERE t.project_id = ? AND t.id = ANY(CAST(? AS integer[]))");

  private LabelStudioAnnotations() {}

  public static long countTasks(Connection connection, long projectId) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT count(*) FROM task WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
