package io.agreement.api.settings;

import io.agreement.api.web.Columns;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stable id of each (project, control tag), agreement.dimension: given once, in config order,
 * and kept across config edits while the tag exists (SPEC 8).
 */
public final class DimensionIds {

  /** updatedAt is when the tag's settings last changed, else when its id was given. */
  public record DimensionRow(long id, String controlTag, Instant createdAt, Instant updatedAt) {}

  private final JdbcClient jdbc;

  DimensionIds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Gives the tags that have none an id, then every tag of the project by name. */
  Map<String, DimensionRow> ensure(long projectId, List<String> tags) {
    Map<String, DimensionRow> rows = rows(projectId);
    if (rows.keySet().containsAll(tags)) {
      return rows;
    }
    jdbc.sql(
            """
              INSERT INTO agreement.dimension (project_id, control_tag)
              SELECT :p, u.tag FROM unnest(CAST(:tags AS text[])) WITH ORDINALITY AS u(tag, position)
              WHERE NOT EXISTS (SELECT 1 FROM agreement.dimension d
                                WHERE d.project_id = :p AND d.control_tag = u.tag)
              ORDER BY u.position
              ON CONFLICT (project_id, control_tag) DO NOTHING
              """)
        .param("p", projectId)
        .param("tags", tags.toArray(String[]::new))
        .update();
    return rows(projectId);
  }

  private Map<String, DimensionRow> rows(long projectId) {
    Map<String, DimensionRow> rows = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT d.id, d.control_tag, d.created_at, coalesce(s.updated_at, d.created_at)
            FROM agreement.dimension d
            LEFT JOIN agreement.tag_settings s
                   ON s.project_id = d.project_id AND s.control_tag = d.control_tag
            WHERE d.project_id = :p ORDER BY d.id
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new DimensionRow(
                    rs.getLong(1), rs.getString(2), Columns.instant(rs, 3), Columns.instant(rs, 4)))
        .list()
        .forEach(row -> rows.put(row.controlTag(), row));
    return rows;
  }

  /** The control tag a dimension id of this project names. */
  public Optional<String> controlTag(long projectId, long id) {
    return jdbc.sql(
            "SELECT control_tag FROM agreement.dimension WHERE project_id = :p AND id = :id")
        .param("p", projectId)
        .param("id", id)
        .query(String.class)
        .optional();
  }
}
