package io.agreement.common.labelstudio;

import java.sql.Timestamp;

/**
 * What live refresh reads from Label Studio's tables to find changes: per-task fingerprints of the
 * counted annotations, the tasks of annotation ids, and each project's config hash.
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
