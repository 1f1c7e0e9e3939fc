package io.agreement.api.lse;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The annotator-pair sums the worker stores (SPEC 8), or the same sums over some tasks' stored pair
 * rows. user_a < user_b; user_a = user_b is the diagonal, whose common_tasks is the user's tasks.
 */
final class PairRepository {

  /** label is null for the pair overall score. */
  record PairSum(String label, long userA, long userB, double scoreSum, long pairs, long tasks) {}

  private static final String STORED_OVERALL =
      """
      SELECT NULL, user_a, user_b, score_sum, pairs, common_tasks
      FROM agreement.annotator_pair_agreement WHERE project_id = :p
      """;

  private static final String STORED_LABELS =
      """
      SELECT label, user_a, user_b, score_sum, pairs, common_tasks
      FROM agreement.label_pair_agreement WHERE project_id = :p
      """;

  private static final String TASKS_OVERALL =
      """
      SELECT NULL, least(x.ua, x.ub), greatest(x.ua, x.ub), coalesce(sum(x.s), 0), count(x.s),
             count(DISTINCT tp.task_id)
      FROM agreement.task_pair_scores tp,
           unnest(tp.pair_user_a, tp.pair_user_b, tp.pair_score) AS x(ua, ub, s)
      WHERE tp.project_id = :p AND tp.task_id IN (:tasks) AND x.ua <> x.ub
      GROUP BY 2, 3
      UNION ALL
      SELECT NULL, u.id, u.id, 0, 0, count(DISTINCT tp.task_id)
      FROM agreement.task_pair_scores tp, unnest(tp.user_ids) AS u(id)
      WHERE tp.project_id = :p AND tp.task_id IN (:tasks)
      GROUP BY u.id
      """;

  private static final String TASKS_LABELS =
      """
      WITH l AS (
        SELECT tp.task_id, tp.pair_user_a[x.k] AS ua, tp.pair_user_b[x.k] AS ub, x.label, x.s
        FROM agreement.task_pair_scores tp,
             unnest(tp.label_pair, tp.label_name, tp.label_score) AS x(k, label, s)
        WHERE tp.project_id = :p AND tp.task_id IN (:tasks)
          AND tp.pair_user_a[x.k] <> tp.pair_user_b[x.k]
      )
      SELECT label, least(ua, ub), greatest(ua, ub), coalesce(sum(s), 0), count(s),
             count(DISTINCT task_id)
      FROM l GROUP BY label, 2, 3
      UNION ALL
      SELECT label, v.u, v.u, 0, 0, count(DISTINCT task_id)
      FROM l, LATERAL (VALUES (l.ua), (l.ub)) AS v(u)
      GROUP BY label, v.u
      """;

  private final JdbcClient jdbc;

  PairRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param tasks null for the whole project
   */
  List<PairSum> sums(long projectId, List<Long> tasks, boolean perLabel) {
    String sql =
        tasks == null
            ? (perLabel ? STORED_LABELS : STORED_OVERALL)
            : (perLabel ? TASKS_LABELS : TASKS_OVERALL);
    if (tasks != null && tasks.isEmpty()) {
      return List.of();
    }
    JdbcClient.StatementSpec spec = jdbc.sql(sql).param("p", projectId);
    if (tasks != null) {
      spec = spec.param("tasks", tasks);
    }
    return spec.query(
            (rs, n) ->
                new PairSum(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getDouble(4),
                    rs.getLong(5),
                    rs.getLong(6)))
        .list();
  }

  /** Per annotator: SPEC 4.3's agreement, the mean of its pair scores with other users. */
  List<PairSum> annotators(long projectId) {
    return jdbc.sql(
            """
            SELECT NULL, user_id, user_id, score_sum, pairs, 0
            FROM agreement.annotator_agreement WHERE project_id = :p ORDER BY user_id
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new PairSum(null, rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getLong(5), 0))
        .list();
  }

  /** Per user against the ground truth; per label, or overall (label null). */
  List<PairSum> groundTruth(long projectId, boolean perLabel) {
    return jdbc.sql(
            """
            SELECT CASE WHEN per_label THEN label END, user_id, user_id, score_sum, pairs, 0
            FROM agreement.ground_truth_agreement
            WHERE project_id = :p AND per_label = :perLabel ORDER BY user_id, label
            """)
        .param("p", projectId)
        .param("perLabel", perLabel)
        .query(
            (rs, n) ->
                new PairSum(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getDouble(4),
                    rs.getLong(5),
                    0))
        .list();
  }

  /** The project's backfilled agreement, null when every weight is 0. */
  record Total(Double agreement) {}

  /** Empty before the project's first backfill (total_agreement's 204). */
  Optional<Total> total(long projectId) {
    return jdbc.sql("SELECT agreement FROM agreement.project_agreement WHERE project_id = :p")
        .param("p", projectId)
        .query((rs, n) -> new Total(rs.getObject(1, Double.class)))
        .optional();
  }
}
