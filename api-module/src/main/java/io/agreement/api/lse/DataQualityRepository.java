package io.agreement.api.lse;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored per-project sums behind LSE's data-quality agreement analysis (SPEC 8). */
final class DataQualityRepository {

  record TagMean(String controlTag, Double agreement) {}

  record Cell(String actual, String predicted, long count) {}

  record Distribution(List<Long> histogram, long totalTasks, double scoreSum, long low) {}

  private final JdbcClient jdbc;

  DataQualityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Active tags of the last backfill, in config order, with their mean task score. */
  List<TagMean> activeTags(long projectId) {
    return jdbc.sql(
            """
            SELECT control_tag, agreement FROM agreement.project_tag_agreement
            WHERE project_id = :p AND weight > 0 ORDER BY position
            """)
        .param("p", projectId)
        .query((rs, n) -> new TagMean(rs.getString(1), rs.getObject(2, Double.class)))
        .list();
  }

  /** Whether a backfill or a live refresh wrote the project's results (its tags with them). */
  boolean scored(long projectId) {
    return jdbc.sql("SELECT count(*) FROM agreement.project_agreement WHERE project_id = :p")
            .param("p", projectId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<Cell> confusion(long projectId, String controlTag, String mode) {
    return jdbc.sql(
            """
            SELECT actual, predicted, count FROM agreement.project_confusion
            WHERE project_id = :p AND control_tag = :tag AND mode = :mode
            """)
        .param("p", projectId)
        .param("tag", controlTag)
        .param("mode", mode)
        .query((rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getLong(3)))
        .list();
  }

  Optional<Distribution> distribution(long projectId) {
    return jdbc.sql(
            """
            SELECT histogram, total_tasks, score_sum, low_agreement_count
            FROM agreement.project_distribution WHERE project_id = :p
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new Distribution(
                    List.of((Long[]) rs.getArray(1).getArray()),
                    rs.getLong(2),
                    rs.getDouble(3),
                    rs.getLong(4)))
        .optional();
  }
}
