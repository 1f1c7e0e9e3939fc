package io.agreement.api.results;

import io.agreement.api.web.Columns;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-task result rows: overall score and per-tag scores (in the project's tag order, {@code
 * project_tag_agreement.position}) in {@code task_agreement}, the pair scores a matrix is built
 * from in {@code task_pair_scores}.
 */
final class TaskResultsRepository {

  record TaskRow(long taskId, Double agreement, int annotations) {}

  /**
   * A task with its pair row: pair k is annotations (pairAnnA[k], pairAnnB[k]) with overall score
   * pairScore[k], pairs i &lt; j in ascending annotation id; the arrays are null when the task has
   * no pair row.
   */
  record TaskRowWithPairs(
      TaskRow task,
      Instant computedAt,
      long[] userIds,
      long[] pairAnnA,
      long[] pairAnnB,
      Double[] pairScore) {}

  private record TagScore(long taskId, String controlTag, Double score) {}

  /** The project's scored tasks whose filtered score (overall, or the named tag's) is in range. */
  private static final String FILTERED =
      """
      WITH scored AS (
        SELECT ta.task_id, ta.agreement, ta.annotations, ta.tag_scores,
               CASE WHEN CAST(:tag AS varchar) IS NULL THEN ta.agreement
                    ELSE ta.tag_scores[(SELECT pt.position + 1 FROM agreement.project_tag_agreement pt
                                        WHERE pt.project_id = :p AND pt.control_tag = :tag)]
               END AS filtered
        FROM agreement.task_agreement ta
        WHERE ta.project_id = :p
      )
      SELECT %s FROM scored
      WHERE (CAST(:min AS double precision) IS NULL OR filtered >= :min)
        AND (CAST(:max AS double precision) IS NULL OR filtered <= :max)
      """;

  /** One row of the CSV export: tag scores in config order, null where a tag has none. */
  interface TaskRowHandler {
    void row(long taskId, Double agreement, int annotations, Double[] tagScores);
  }

  private final JdbcClient jdbc;
  private final JdbcClient streaming;

  /**
   * @param streaming with a fetch size, so that inside a transaction rows arrive in batches
   */
  TaskResultsRepository(JdbcClient jdbc, JdbcClient streaming) {
    this.jdbc = jdbc;
    this.streaming = streaming;
  }

  /** Every matching task in task id order, without holding them all in memory. */
  void forEachTask(long projectId, TaskFilter filter, TaskRowHandler handler) {
    // Aligned with the CSV header's tags (resultTags) whatever a row holds.
    String columns =
        """
        task_id, agreement, annotations,
        ARRAY(SELECT scored.tag_scores[pt.position + 1] FROM agreement.project_tag_agreement pt
              WHERE pt.project_id = :p ORDER BY pt.position)
        """;
    streaming
        .sql(FILTERED.formatted(columns) + "ORDER BY task_id")
        .param("p", projectId)
        .param("tag", filter.controlTag())
        .param("min", filter.min())
        .param("max", filter.max())
        .query(
            (java.sql.ResultSet rs) ->
                handler.row(
                    rs.getLong(1),
                    Scores.score(rs, 2),
                    rs.getInt(3),
                    (Double[]) rs.getArray(4).getArray()));
  }

  long count(long projectId, TaskFilter filter) {
    return filtered("count(*)", projectId, filter, "").query(Long.class).single();
  }

  List<TaskRow> page(long projectId, TaskFilter filter) {
    return filtered(
            "task_id, agreement, annotations",
            projectId,
            filter,
            "ORDER BY task_id LIMIT :limit OFFSET :offset")
        .param("limit", filter.paging().size())
        .param("offset", filter.paging().offset())
        .query((rs, n) -> new TaskRow(rs.getLong(1), Scores.score(rs, 2), rs.getInt(3)))
        .list();
  }

  /** Per task, its tag scores in config order. */
  Map<Long, Map<String, Double>> tagScores(long projectId, List<Long> taskIds) {
    Map<Long, Map<String, Double>> byTask = new LinkedHashMap<>();
    taskIds.forEach(id -> byTask.put(id, new LinkedHashMap<>()));
    if (taskIds.isEmpty()) {
      return byTask;
    }
    jdbc.sql(
            """
            SELECT ta.task_id, pt.control_tag, ta.tag_scores[pt.position + 1]
            FROM agreement.task_agreement ta
            JOIN agreement.project_tag_agreement pt ON pt.project_id = ta.project_id
            WHERE ta.project_id = :p AND ta.task_id IN (:ids)
            ORDER BY ta.task_id, pt.position
            """)
        .param("p", projectId)
        .param("ids", taskIds)
        .query((rs, n) -> new TagScore(rs.getLong(1), rs.getString(2), Scores.score(rs, 3)))
        .list()
        .forEach(row -> byTask.get(row.taskId()).put(row.controlTag(), row.score()));
    return byTask;
  }

  Optional<TaskRowWithPairs> task(long projectId, long taskId) {
    return jdbc.sql(
            """
            SELECT ta.task_id, ta.agreement, ta.annotations, ta.computed_at,
                   tp.user_ids, tp.pair_ann_a, tp.pair_ann_b, tp.pair_score
            FROM agreement.task_agreement ta
            LEFT JOIN agreement.task_pair_scores tp
              ON tp.project_id = ta.project_id AND tp.task_id = ta.task_id
            WHERE ta.task_id = :t AND ta.project_id = :p
            """)
        .param("t", taskId)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new TaskRowWithPairs(
                    new TaskRow(rs.getLong(1), Scores.score(rs, 2), rs.getInt(3)),
                    Columns.instant(rs, 4),
                    Columns.longs(rs, 5),
                    Columns.longs(rs, 6),
                    Columns.longs(rs, 7),
                    Columns.doubles(rs, 8)))
        .optional();
  }

  /** The tags the project's results were computed for, in config order. */
  List<String> resultTags(long projectId) {
    return jdbc.sql(
            """
            SELECT control_tag FROM agreement.project_tag_agreement
            WHERE project_id = :p ORDER BY position
            """)
        .param("p", projectId)
        .query(String.class)
        .list();
  }

  private JdbcClient.StatementSpec filtered(
      String columns, long projectId, TaskFilter filter, String tail) {
    return jdbc.sql(FILTERED.formatted(columns) + tail)
        .param("p", projectId)
        .param("tag", filter.controlTag())
        .param("min", filter.min())
        .param("max", filter.max());
  }
}
