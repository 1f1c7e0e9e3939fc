package io.agreement.worker.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A project's read-API sums, recomputed by SQL from its per-task rows (task_pair_scores,
 * task_confusion, task_agreement) alone, so that replacing some tasks' rows and running this again
 * gives what a full backfill would. Same-user pairs count nowhere here (SPEC 8).
 */
final class PairAggregates {

  private static final String ANNOTATOR_PAIRS =
      """
      INSERT INTO agreement.annotator_pair_agreement
          (project_id, user_a, user_b, score_sum, pairs, common_tasks)
      SELECT :p, least(x.ua, x.ub), greatest(x.ua, x.ub), coalesce(sum(x.s), 0), count(x.s),
             count(DISTINCT tp.task_id)
      FROM agreement.task_pair_scores tp,
           unnest(tp.pair_user_a, tp.pair_user_b, tp.pair_score) AS x(ua, ub, s)
      WHERE tp.project_id = :p AND x.ua <> x.ub
      GROUP BY 2, 3
      UNION ALL
      SELECT :p, u.id, u.id, 0, 0, count(DISTINCT tp.task_id)
      FROM agreement.task_pair_scores tp, unnest(tp.user_ids) AS u(id)
      WHERE tp.project_id = :p
      GROUP BY u.id
      """;

  private static final String LABEL_PAIRS =
      """
      WITH l AS (
        SELECT tp.task_id, tp.pair_user_a[x.k] AS ua, tp.pair_user_b[x.k] AS ub, x.label, x.s
        FROM agreement.task_pair_scores tp,
             unnest(tp.label_pair, tp.label_name, tp.label_score) AS x(k, label, s)
        WHERE tp.project_id = :p AND tp.pair_user_a[x.k] <> tp.pair_user_b[x.k]
      )
      INSERT INTO agreement.label_pair_agreement
          (project_id, label, user_a, user_b, score_sum, pairs, common_tasks)
      SELECT :p, label, least(ua, ub), greatest(ua, ub), coalesce(sum(s), 0), count(s),
             count(DISTINCT task_id)
      FROM l GROUP BY label, 3, 4
      UNION ALL
      SELECT :p, label, v.u, v.u, 0, 0, count(DISTINCT task_id)
      FROM l, LATERAL (VALUES (l.ua), (l.ub)) AS v(u)
      GROUP BY label, v.u
      """;

  private static final String GROUND_TRUTH =
      """
      INSERT INTO agreement.ground_truth_agreement
          (project_id, user_id, per_label, label, score_sum, pairs)
      SELECT :p, CASE WHEN x.aa = tp.ground_truth THEN x.ub ELSE x.ua END, false, '',
             coalesce(sum(x.s), 0), count(x.s)
      FROM agreement.task_pair_scores tp,
           unnest(tp.pair_ann_a, tp.pair_ann_b, tp.pair_user_a, tp.pair_user_b, tp.pair_score)
               AS x(aa, ab, ua, ub, s)
      WHERE tp.project_id = :p AND tp.ground_truth IN (x.aa, x.ab) AND x.ua <> x.ub
      GROUP BY 2
      UNION ALL
      SELECT :p,
             CASE WHEN tp.pair_ann_a[x.k] = tp.ground_truth
                  THEN tp.pair_user_b[x.k] ELSE tp.pair_user_a[x.k] END,
             true, x.label, coalesce(sum(x.s), 0), count(x.s)
      FROM agreement.task_pair_scores tp,
           unnest(tp.label_pair, tp.label_name, tp.label_score) AS x(k, label, s)
      WHERE tp.project_id = :p
        AND tp.ground_truth IN (tp.pair_ann_a[x.k], tp.pair_ann_b[x.k])
        AND tp.pair_user_a[x.k] <> tp.pair_user_b[x.k]
      GROUP BY 2, 4
      """;

  private static final String CONFUSION =
      """
      INSERT INTO agreement.project_confusion
          (project_id, control_tag, mode, actual, predicted, count)
      SELECT :p, control_tag, mode, actual, predicted, sum(count)
      FROM agreement.task_confusion WHERE project_id = :p
      GROUP BY control_tag, mode, actual, predicted
      """;

  /** Buckets [0, 0.1) ... [0.9, 1.0]; a score a rounding error below a bound is on it. */
  private static final String DISTRIBUTION =
      """
      WITH scored AS (
        SELECT agreement FROM agreement.task_agreement
        WHERE project_id = :p AND agreement IS NOT NULL
      ), buckets AS (
        SELECT least(floor(agreement * 10 + 1e-9)::int, 9) AS bucket, count(*) AS n
        FROM scored GROUP BY 1
      )
      INSERT INTO agreement.project_distribution
          (project_id, histogram, total_tasks, score_sum, low_agreement_count)
      SELECT :p,
             ARRAY(SELECT coalesce(b.n, 0) FROM generate_series(0, 9) AS g(i)
                   LEFT JOIN buckets b ON b.bucket = g.i ORDER BY g.i),
             (SELECT count(*) FROM scored),
             (SELECT coalesce(sum(agreement), 0) FROM scored),
             (SELECT count(*) FROM scored WHERE agreement < agreement.agreement_threshold(:p) - 1e-9)
      """;

  private PairAggregates() {}

  static void recompute(Connection connection, long projectId) throws SQLException {
    for (String sql :
        List.of(ANNOTATOR_PAIRS, LABEL_PAIRS, GROUND_TRUTH, CONFUSION, DISTRIBUTION)) {
      try (PreparedStatement ps = connection.prepareStatement(sql.replace(":p", "?"))) {
        int params = sql.split(":p", -1).length - 1;
        for (int i = 1; i <= params; i++) {
          ps.setLong(i, projectId);
        }
        ps.executeUpdate();
      }
    }
  }
}
