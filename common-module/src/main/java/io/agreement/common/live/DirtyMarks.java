package io.agreement.common.live;

import io.agreement.common.labelstudio.LabelStudioChanges;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Marks tasks dirty (SPEC 9) and asks for their project's refresh. A mark is durable once this
 * returns, and idempotent: one row per task, however often it is marked; the refresh message is
 * published in the background. Marking and asking are one statement; the request's row lock orders
 * it against a worker taking the request, so a mark is either seen by the refresh that takes the
 * request or asks for a new one.
 */
public final class DirtyMarks {

  /** Where a mark came from, as the metric and the mark row name it. */
  public enum Source {
    WEBHOOK,
    SWEEP,
    RECONCILE,
    BACKFILL;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * After a CTE {@code m} of the marks made: the project's refresh request in the same statement,
   * and what was made (count, and whether the request is new).
   */
  private static final String AND_REQUEST =
      """
      ), r AS (
        INSERT INTO agreement.refresh_request AS r (project_id)
        SELECT :project WHERE EXISTS (SELECT 1 FROM m)
        ON CONFLICT (project_id) DO UPDATE SET requested_at = r.requested_at
        RETURNING (xmax = 0) AS created
      )
      SELECT (SELECT count(*) FROM m), coalesce((SELECT created FROM r), false)
      """;

  private static final String MARK =
      """
      WITH m AS (
        INSERT INTO agreement.dirty_task AS d (project_id, task_id, source)
        SELECT :project, t, :source FROM (SELECT DISTINCT unnest(CAST(:tasks AS integer[]))) AS x(t)
        WHERE t IS NOT NULL
        ON CONFLICT (project_id, task_id)
        DO UPDATE SET seq = nextval('agreement.dirty_task_seq'), last_marked_at = clock_timestamp()
        RETURNING 1
      """
          + AND_REQUEST;

  /**
   * Deleted annotations' ids, queued for the next refresh with its request in one statement, as
   * {@link #MARK} does for tasks. An id queued again is left as it is: the refresh that takes it
   * deletes it without a conflict.
   */
  private static final String QUEUE_DELETED =
      """
      WITH m AS (
        INSERT INTO agreement.deleted_annotation (project_id, annotation_id)
        SELECT :project, a FROM (SELECT DISTINCT unnest(CAST(:ids AS integer[]))) AS x(a)
        WHERE a IS NOT NULL
        ON CONFLICT (project_id, annotation_id) DO NOTHING
        RETURNING 1
      """
          + AND_REQUEST;

  /** A project has marks: dirty tasks, or deleted annotations whose tasks are still to find. */
  public static final String HAS_MARKS =
      "(EXISTS (SELECT 1 FROM agreement.dirty_task WHERE project_id = :p)"
          + " OR EXISTS (SELECT 1 FROM agreement.deleted_annotation WHERE project_id = :p))";

  private final JdbcClient jdbc;
  private final RefreshQueue queue;
  private final MeterRegistry meters;

  public DirtyMarks(JdbcClient jdbc, RefreshQueue queue, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.meters = meters;
    for (Source source : Source.values()) {
      meters.counter("agreement.live.marks", "source", source.tag());
    }
  }

  /** Marks the project's tasks dirty; returns how many marks were made or renewed. */
  public int mark(long projectId, Collection<Long> taskIds, Source source) {
    return mark(projectId, taskIds.stream().mapToLong(Long::longValue).toArray(), source);
  }

  public int mark(long projectId, long[] taskIds, Source source) {
    if (taskIds.length == 0) {
      return 0;
    }
    String ids = intArray(LongStream.of(taskIds));
    Object[] result =
        jdbc.sql(MARK)
            .param("project", projectId)
            .param("source", source.tag())
            .param("tasks", ids)
            .query((rs, n) -> new Object[] {rs.getInt(1), rs.getBoolean(2)})
            .single();
    int marked = (Integer) result[0];
    meters.counter("agreement.live.marks", "source", source.tag()).increment(marked);
    if ((Boolean) result[1]) {
      queue.inBackground(() -> publish(projectId));
    }
    return marked;
  }

  /**
   * Marks the tasks of annotation ids, as ANNOTATIONS_DELETED names them: those of the annotations
   * Label Studio still has at once, and the ids themselves for the project's next refresh, which
   * finds the tasks a deleted annotation was scored in from this service's own map (a deleted
   * annotation is gone from Label Studio). Returns the tasks marked and the ids queued.
   */
  public int markAnnotations(long projectId, long[] annotationIds, Source source) {
    if (annotationIds.length == 0) {
      return 0;
    }
    String ids = intArray(Arrays.stream(annotationIds));
    List<Long> existing =
        jdbc.sql(LabelStudioChanges.TASKS_OF_ANNOTATIONS)
            .params(projectId, ids)
            .query(Long.class)
            .list();
    int marked = mark(projectId, existing, source);
    Object[] result =
        jdbc.sql(QUEUE_DELETED)
            .param("project", projectId)
            .param("ids", ids)
            .query((rs, n) -> new Object[] {rs.getInt(1), rs.getBoolean(2)})
            .single();
    if ((Boolean) result[1]) {
      queue.inBackground(() -> publish(projectId));
    }
    return marked + (Integer) result[0];
  }

  /**
   * A PostgreSQL integer array literal of the ids that fit an integer column (Label Studio's ids
   * are integers); others cannot name a row and are left out.
   */
  static String intArray(LongStream ids) {
    return ids.filter(id -> id > 0 && id <= Integer.MAX_VALUE)
        .mapToObj(Long::toString)
        .collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * Asks again for the refresh of a project that has marks, whether or not a request is pending:
   * after a backfill of it ends, as a refresh skipped while it ran, and for requests the sweep
   * finds waiting. A request left with no marks is removed.
   */
  public void requestIfMarked(long projectId) {
    boolean marked =
        jdbc.sql(
                """
                INSERT INTO agreement.refresh_request AS r (project_id)
                SELECT :p WHERE %s
                ON CONFLICT (project_id) DO UPDATE SET requested_at = r.requested_at
                RETURNING true
                """
                    .formatted(HAS_MARKS))
            .param("p", projectId)
            .query(Boolean.class)
            .optional()
            .isPresent();
    if (marked) {
      publish(projectId);
    } else {
      // Nothing left to refresh (a backfill covered it): the request would only be published again.
      jdbc.sql("DELETE FROM agreement.refresh_request WHERE project_id = :p AND NOT " + HAS_MARKS)
          .param("p", projectId)
          .update();
    }
  }

  /** Publishes a request's message and records when. */
  public void publish(long projectId) {
    if (queue.publish(projectId)) {
      jdbc.sql(
              "UPDATE agreement.refresh_request SET published_at = clock_timestamp()"
                  + " WHERE project_id = ?")
          .param(projectId)
          .update();
    }
  }
}
