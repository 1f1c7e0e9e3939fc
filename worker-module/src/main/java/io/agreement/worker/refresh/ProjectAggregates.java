package io.agreement.worker.refresh;

import io.agreement.engine.ScoredTag;
import io.agreement.engine.StoredRatings;
import io.agreement.engine.TagSettings;
import io.agreement.engine.TagSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The project-level numbers a refresh recomputes from the per-task rows alone (task scores, pair
 * rows, stored ratings), as the backfill's {@code ProjectTotals} sums them while it streams: tag
 * means over scored tasks, the overall mean, and each annotator's pair sums overall and per tag,
 * pairs of one user's own annotations left out (SPEC 4.3a).
 */
final class ProjectAggregates {

  /** The project's overall agreement and its scored tasks. */
  record Overall(Double agreement, int tasksScored) {}

  private static final String OVERALL =
      "SELECT avg(agreement), count(*) FROM agreement.task_agreement WHERE project_id = ?";

  private static final String TAG_MEANS =
      "SELECT control_tag, avg(score) FROM agreement.task_tag_agreement WHERE project_id = ?"
          + " GROUP BY control_tag";

  /** Each side of each pair of different users: its overall score and its tag scores. */
  private static final String ANNOTATORS =
      """
      WITH pairs AS (
        SELECT x.ua, x.ub, x.s, x.k, tp.tag_count, tp.tag_scores
        FROM agreement.task_pair_scores tp,
             unnest(tp.pair_user_a, tp.pair_user_b, tp.pair_score) WITH ORDINALITY AS x(ua, ub, s, k)
        WHERE tp.project_id = :p AND x.ua <> x.ub
      ), sides AS (
        SELECT ua AS u, s, k, tag_count, tag_scores FROM pairs
        UNION ALL
        SELECT ub, s, k, tag_count, tag_scores FROM pairs
      ), overall AS (
        INSERT INTO agreement.annotator_agreement (project_id, user_id, score_sum, pairs)
        SELECT :p, u, coalesce(sum(s), 0), count(s) FROM sides GROUP BY u
      )
      INSERT INTO agreement.annotator_tag_agreement
          (project_id, user_id, control_tag, score_sum, pairs)
      SELECT :p, sides.u, pt.control_tag,
             sum(sides.tag_scores[(sides.k - 1) * sides.tag_count + pt.position + 1]), count(*)
      FROM sides
      JOIN agreement.project_tag_agreement pt ON pt.project_id = :p
      GROUP BY sides.u, pt.control_tag
      """;

  private ProjectAggregates() {}

  static void deleteOld(Connection c, long projectId) throws SQLException {
    for (String table :
        List.of(
            "project_tag_agreement",
            "annotator_agreement",
            "annotator_tag_agreement",
            "annotator_pair_agreement",
            "label_pair_agreement",
            "ground_truth_agreement",
            "project_confusion",
            "project_distribution")) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM agreement." + table + " WHERE project_id = ?")) {
        ps.setLong(1, projectId);
        ps.executeUpdate();
      }
    }
  }

  static Overall overall(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(OVERALL)) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        double agreement = rs.getDouble(1);
        return new Overall(rs.wasNull() ? null : agreement, rs.getInt(2));
      }
    }
  }

  /** The tags' summaries in config order, alpha from the stored ratings. */
  static List<TagSummary> tags(
      Connection c, long projectId, List<ScoredTag> tags, StoredRatings ratings, int tasksScored)
      throws SQLException {
    java.util.Map<String, Double> means = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(TAG_MEANS)) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          means.put(rs.getString(1), rs.getDouble(2));
        }
      }
    }
    List<TagSummary> summaries = new ArrayList<>(tags.size());
    for (int t = 0; t < tags.size(); t++) {
      ScoredTag tag = tags.get(t);
      TagSettings settings = tag.settings();
      summaries.add(
          new TagSummary(
              tag.tag().name(),
              tag.tag().type(),
              settings.metric(),
              settings.threshold(),
              settings.weight(),
              tasksScored == 0 ? null : means.get(tag.tag().name()),
              tasksScored,
              ratings.alpha(t),
              settings.alphaLevel() == null ? null : settings.alphaLevel().apiName()));
    }
    return summaries;
  }

  /** After the tag summaries, whose positions it reads. */
  static void annotators(Connection c, long projectId) throws SQLException {
    String sql = ANNOTATORS.replace(":p", "?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int params = ANNOTATORS.split(":p", -1).length - 1;
      for (int i = 1; i <= params; i++) {
        ps.setLong(i, projectId);
      }
      ps.executeUpdate();
    }
  }
}
