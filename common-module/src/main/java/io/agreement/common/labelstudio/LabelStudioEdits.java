package io.agreement.common.labelstudio;

/**
 * Annotation changes written into a standalone install's Label Studio tables the way Label Studio's
 * annotation API writes them, for the live-refresh benchmark: the annotation row, then the task's
 * {@code updated_at} bumped and its counter kept (Label Studio's {@code update_task()} and {@code
 * post_save}), all at the transaction's {@code now()}. Touching the task first also takes its row
 * lock, which orders concurrent changes of one task.
 */
public final class LabelStudioEdits {

  /**
   * Bumps a task's {@code updated_at} and adjusts its annotation counter. Parameters: the counter's
   * change (+1, 0, -1), the task id. Column: the task's project.
   */
  public static final String TOUCH_TASK =
      "UPDATE task SET updated_at = now(), total_annotations = greatest(0, total_annotations + ?)"
          + " WHERE id = ? RETURNING project_id";

  /**
   * A task's counted annotations, oldest first. Parameter: the task id. Columns: annotation id, its
   * annotator.
   */
  public static final String COUNTED_ANNOTATIONS =
      "SELECT id, completed_by_id FROM task_completion"
          + " WHERE task_id = ? AND was_cancelled IS NOT TRUE ORDER BY id";

  /**
   * A submitted annotation. Parameters: result (JSON text), task id, project id, completed_by id.
   * Columns: id, created_at, updated_at, completed_by_id.
   */
  public static final String CREATE_ANNOTATION =
      """
      INSERT INTO task_completion (result, was_cancelled, ground_truth, created_at, updated_at,
                                   task_id, project_id, completed_by_id, updated_by_id,
                                   result_count, last_action, bulk_created)
      VALUES (CAST(? AS jsonb), false, false, now(), now(), ?, ?, ?, NULL, 0, 'submitted', false)
      RETURNING id, created_at, updated_at, completed_by_id
      """;

  /**
   * An annotation edited: a new result, {@code updated_at} now. Parameters: result (JSON text),
   * annotation id. Columns: id, created_at, updated_at, completed_by_id.
   */
  public static final String EDIT_ANNOTATION =
      """
      UPDATE task_completion SET result = CAST(? AS jsonb), updated_at = now(),
                                 last_action = 'updated'
      WHERE id = ?
      RETURNING id, created_at, updated_at, completed_by_id
      """;

  /** An annotation deleted. Parameter: annotation id. */
  public static final String DELETE_ANNOTATION = "DELETE FROM task_completion WHERE id = ?";

  /**
   * A task's fingerprint ({@link LabelStudioChanges#FINGERPRINT}) as its rows are now; no row for a
   * task without counted annotations. Parameter: the task id.
   */
  public static final String TASK_FINGERPRINT =
      "SELECT "
          + LabelStudioChanges.FINGERPRINT
          + " FROM task_completion c WHERE c.task_id = ? AND c.was_cancelled IS NOT TRUE"
          + " HAVING count(*) > 0";

  /**
   * The live projects that have tasks, ascending, with what Label Studio's webhook serializes of
   * them. Columns: id, organization_id, title, label_config, control_weights (JSON text),
   * maximum_annotations.
   */
  public static final String PROJECTS =
      """
      SELECT p.id, p.organization_id, p.title, p.label_config, p.control_weights::text,
             p.maximum_annotations
      FROM project p
      WHERE p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM task t WHERE t.project_id = p.id)
      ORDER BY p.id
      """;

  /** A project's task ids, ascending. Parameter: the project id. */
  public static final String PROJECT_TASKS = "SELECT id FROM task WHERE project_id = ? ORDER BY id";

  /** An organization's active members. Parameter: the organization id. Column: user id. */
  public static final String MEMBERS =
      "SELECT user_id FROM organizations_organizationmember"
          + " WHERE organization_id = ? AND deleted_at IS NULL ORDER BY user_id";

  private LabelStudioEdits() {}
}
