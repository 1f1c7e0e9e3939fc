package io.agreement.worker.job;

import io.agreement.common.labelstudio.LabelStudioChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The config hash a project's results were computed with (agreement.project_source). */
public final class ProjectSources {

  private ProjectSources() {}

  /** The project's current config hash in the connection's snapshot; null when it is gone. */
  public static String currentHash(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LabelStudioChanges.CONFIG_HASH)) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The stored hash, null when the project was never scored. */
  public static String scoredHash(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT config_hash FROM agreement.project_source WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Records the hash results were just computed with; a queued backfill for this very config is
   * done with it.
   */
  public static void record(Connection c, long projectId, String hash, Instant at)
      throws SQLException {
    if (hash == null) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO agreement.project_source AS s (project_id, config_hash, scored_at)
            VALUES (?, ?, ?)
            ON CONFLICT (project_id) DO UPDATE SET config_hash = excluded.config_hash,
                scored_at = excluded.scored_at,
                queued_hash = CASE WHEN s.queued_hash = excluded.config_hash THEN NULL
                                   ELSE s.queued_hash END
            """)) {
      ps.setLong(1, projectId);
      ps.setString(2, hash);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.executeUpdate();
    }
  }
}
