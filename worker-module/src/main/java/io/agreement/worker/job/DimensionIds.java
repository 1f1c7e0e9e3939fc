package io.agreement.worker.job;

import io.agreement.engine.ScoredTag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Gives each control tag of a backfilled project its stable id, in config order (SPEC 8). */
final class DimensionIds {

  private DimensionIds() {}

  static void assign(Connection connection, long projectId, List<ScoredTag> tags)
      throws SQLException {
    String[] names = tags.stream().map(t -> t.tag().name()).toArray(String[]::new);
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            INSERT INTO agreement.dimension (project_id, control_tag)
            SELECT ?, u.tag FROM unnest(?::text[]) WITH ORDINALITY AS u(tag, position)
            ORDER BY u.position
            ON CONFLICT (project_id, control_tag) DO NOTHING
            """)) {
      ps.setLong(1, projectId);
      ps.setArray(2, connection.createArrayOf("text", names));
      ps.executeUpdate();
    }
  }
}
