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
 * The project-level means a refresh recomputes from the per-task rows, as the backfill's {@code
 * ProjectTotals} sums them while it streams: each tag's mean over scored tasks and the overall
 * mean; alpha from the stored ratings. One index scan of the project's task rows for each.
 */
final class ProjectAggregates {

  /** The project's overall agreement and its scored tasks. */
  record Overall(Double agreement, int tasksScored) {}

  private static final String OVERALL =
      "SELECT avg(agreement), count(*) FROM agreement.task_agreement WHERE project_id = ?";

  /** Per tag position (1-based, the tags' config order), its mean over the scored tasks. */
  private static final String TAG_MEANS =
      "SELECT t.position, avg(t.score) FROM agreement.task_agreement ta,"
          + " unnest(ta.tag_scores) WITH ORDINALITY AS t(score, position)"
          + " WHERE ta.project_id = ? GROUP BY t.position";

  private ProjectAggregates() {}

  /** Before a project's tag summaries are written again. */
  static void deleteTagSummaries(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM agreement.project_tag_agreement WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      ps.executeUpdate();
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
    java.util.Map<Integer, Double> means = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(TAG_MEANS)) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double mean = rs.getDouble(2);
          means.put(rs.getInt(1) - 1, rs.wasNull() ? null : mean);
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
              tasksScored == 0 ? null : means.get(t),
              tasksScored,
              ratings.alpha(t),
              settings.alphaLevel() == null ? null : settings.alphaLevel().apiName()));
    }
    return summaries;
  }
}
