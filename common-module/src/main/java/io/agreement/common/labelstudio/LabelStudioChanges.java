package io.agreement.common.labelstudio;

import java.sql.Timestamp;

/**
 * What live refresh reads from Label Studio's tables to find changes: per-task fingerprints of the
 * counted annotations, the sweep's and the reconciliation's comparisons of them with what was
 * scored, the tasks of annotation ids, and each project's config hash.
 *
 * <p>A task's fingerprint is {@code count:sum(id):sum(updated_at in µs):sum(ground-truth ids)} over
 * its counted (not cancelled) annotations, the same set {@link LabelStudioAnnotations#BY_TASK}
 * scores: an annotation created, deleted, edited (updated_at moves), cancelled or flagged ground
 * truth changes it. {@link Fingerprint} computes the same text from the rows a scorer reads, so
 * what a refresh stores and what the reconciliation reads compare as strings.
 */
public final class LabelStudioChanges {

  /** The fingerprint expression over {@code task_completion c}, grouped by task. */
  public static final String FINGERPRINT =
      "concat_ws(':', count(*), sum(c.id),"
          + " sum((extract(epoch FROM c.updated_at) * 1000000)::bigint),"
          + " coalesce(sum(c.id) FILTER (WHERE c.ground_truth), 0))";

  /**
   * The project's tasks that have counted annotations, with their fingerprint. Parameter: the
   * project id. Columns: task id, fingerprint.
   */
  public static final String PROJECT_FINGERPRINTS =
      "SELECT c.task_id, "
          + FINGERPRINT
          + " FROM task t JOIN task_completion c ON c.task_id = t.id"
          + " WHERE t.project_id = ? AND c.was_cancelled IS NOT TRUE GROUP BY c.task_id";

  /**
   * The tasks, within a project, of annotations that still exist. Parameters: the project id and
   * the annotation ids as an integer array. Column: task id.
   */
  public static final String TASKS_OF_ANNOTATIONS =
      "SELECT DISTINCT t.id FROM task t JOIN task_completion c ON c.task_id = t.id"
          + " WHERE t.project_id = ? AND c.id = ANY(CAST(? AS integer[]))";

  /**
   * The sweep's read: every task whose {@code updated_at} is past a bound, compared with what this
   * service scored it from ({@code agreement.task_state}). Parameter: the bound. Columns: task id,
   * its project (null when unlinked), its updated_at, whether its project's fingerprint differs
   * from the stored one (annotations created, edited, deleted, cancelled, flagged; or scored but
   * gone), and the project it was scored in when that is no longer its project (unlinked or moved;
   * that project's scores still count it).
   */
  public static final String SWEEP =
      """
      SELECT t.id, t.project_id, t.updated_at,
             t.project_id IS NOT NULL
               AND f.fingerprint IS DISTINCT FROM
                   (CASE WHEN s.project_id = t.project_id THEN s.fingerprint END),
             CASE WHEN s.project_id IS DISTINCT FROM t.project_id THEN s.project_id END
      FROM task t
      LEFT JOIN LATERAL (
        SELECT %s AS fingerprint
        FROM task_completion c
        WHERE c.task_id = t.id AND c.was_cancelled IS NOT TRUE AND t.project_id IS NOT NULL
        HAVING count(*) > 0
      ) f ON true
      LEFT JOIN agreement.task_state s ON s.task_id = t.id
      WHERE t.updated_at > ?
      """
          .formatted(FINGERPRINT);

  /**
   * Of some tasks of a project, those whose current fingerprint differs from the one they were just
   * scored with: changed while their refresh ran, in a way no mark told (an annotation created and
   * deleted meanwhile, which its delete event cannot name the task of). Parameters: the task ids as
   * an integer array, the project id (Label Studio's side), the project id (the stored side).
   * Column: task id.
   */
  public static final String CHANGED_SINCE_SCORED =
      """
      SELECT x.id
      FROM unnest(CAST(? AS integer[])) AS x(id)
      LEFT JOIN LATERAL (
        SELECT %s AS fingerprint
        FROM task t JOIN task_completion c ON c.task_id = t.id
        WHERE t.id = x.id AND t.project_id = ? AND c.was_cancelled IS NOT TRUE
        HAVING count(*) > 0
      ) f ON true
      LEFT JOIN agreement.task_state s ON s.project_id = ? AND s.task_id = x.id
      WHERE f.fingerprint IS DISTINCT FROM s.fingerprint
      """
          .formatted(FINGERPRINT);

  /**
   * The reconciliation's read of one project: its tasks whose current fingerprint ({@link
   * #PROJECT_FINGERPRINTS}) differs from the one it was scored with, either side missing included
   * (deleted, cascaded, unlinked or moved tasks; annotations deleted or flags changed without a
   * timestamp). Parameters: the project id (Label Studio's side), the project id (the stored side),
   * and whether tasks never scored count (false for a project whose backfill never completed, where
   * an old unscored task is not a change). Column: task id.
   */
  public static final String RECONCILE =
      """
      SELECT coalesce(l.task_id, s.task_id)
      FROM (%s) AS l (task_id, fingerprint)
      FULL JOIN (SELECT task_id, fingerprint FROM agreement.task_state WHERE project_id = ?) AS s
        ON s.task_id = l.task_id
      WHERE l.fingerprint IS DISTINCT FROM s.fingerprint AND (? OR s.task_id IS NOT NULL)
      """
          .formatted(PROJECT_FINGERPRINTS);

  /**
   * Live projects saved after a bound (their label config or control weights may have changed).
   * Parameter: the bound. Columns: project id, its updated_at.
   */
  public static final String PROJECTS_UPDATED =
      "SELECT id, updated_at FROM project WHERE updated_at > ? AND deleted_at IS NULL";

  /**
   * The scored projects still live in Label Studio, ascending, with whether a backfill of them
   * completed. Column: project id, backfilled.
   */
  public static final String SCORED_PROJECTS =
      """
      SELECT s.project_id,
             EXISTS (SELECT 1 FROM agreement.project_agreement a
                     WHERE a.project_id = s.project_id AND a.job_id IS NOT NULL)
      FROM agreement.project_source s
      JOIN project p ON p.id = s.project_id AND p.deleted_at IS NULL
      ORDER BY s.project_id
      """;

  /**
   * A live project's config hash: md5 of its label config and control weights, which decide how it
   * is scored. Parameter: the project id. Columns: the hash, the organization id.
   */
  public static final String CONFIG_HASH =
      "SELECT md5(coalesce(label_config, '') || chr(31) || coalesce(control_weights::text, '')),"
          + " organization_id FROM project WHERE id = ? AND deleted_at IS NULL";

  private LabelStudioChanges() {}

  /** {@link #FINGERPRINT} in Java, fed the rows of one task as a scorer reads them. */
  public static final class Fingerprint {
    private long count;
    private long idSum;
    private long updatedSum;
    private long groundTruthSum;

    public void add(long annotationId, Timestamp updatedAt, boolean groundTruth) {
      count++;
      idSum += annotationId;
      updatedSum += micros(updatedAt);
      if (groundTruth) {
        groundTruthSum += annotationId;
      }
    }

    public boolean isEmpty() {
      return count == 0;
    }

    public void reset() {
      count = 0;
      idSum = 0;
      updatedSum = 0;
      groundTruthSum = 0;
    }

    @Override
    public String toString() {
      return count + ":" + idSum + ":" + updatedSum + ":" + groundTruthSum;
    }

    /** Microseconds since the epoch, PostgreSQL's own precision. */
    public static long micros(Timestamp t) {
      return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
    }
  }
}
