package io.agreement.api.lse;

import io.agreement.api.web.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One scored task's stored pair row (agreement.task_pair_scores). */
final class TaskPairsRepository {

  /** Pair k is annotations (pairAnnA[k], pairAnnB[k]); tagScores[k * tagCount + t]. */
  record TaskPairRow(
      Long groundTruth,
      long[] userIds,
      long[] pairAnnA,
      long[] pairAnnB,
      long[] pairUserA,
      long[] pairUserB,
      Double[] pairScore,
      int tagCount,
      Double[] tagScores) {}

  private final JdbcClient jdbc;

  TaskPairsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<TaskPairRow> task(long projectId, long taskId) {
    return jdbc.sql(
            """
            SELECT ground_truth, user_ids, pair_ann_a, pair_ann_b, pair_user_a, pair_user_b,
                   pair_score, tag_count, tag_scores
            FROM agreement.task_pair_scores WHERE task_id = :t AND project_id = :p
            """)
        .param("t", taskId)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new TaskPairRow(
                    groundTruth(rs),
                    Columns.longs(rs, 2),
                    Columns.longs(rs, 3),
                    Columns.longs(rs, 4),
                    Columns.longs(rs, 5),
                    Columns.longs(rs, 6),
                    Columns.doubles(rs, 7),
                    rs.getInt(8),
                    Columns.doubles(rs, 9)))
        .optional();
  }

  /** The stored position of a tag in the project's results; empty when it was not scored. */
  Optional<Integer> tagPosition(long projectId, String controlTag) {
    return jdbc.sql(
            """
            SELECT position FROM agreement.project_tag_agreement
            WHERE project_id = :p AND control_tag = :tag
            """)
        .param("p", projectId)
        .param("tag", controlTag)
        .query(Integer.class)
        .optional();
  }

  private static Long groundTruth(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    return rs.wasNull() ? null : id;
  }
}
