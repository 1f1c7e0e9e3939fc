package io.agreement.common.settings;

import io.agreement.engine.Methodology;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The agreement settings stored for a project (agreement.project_settings and tag_settings), read
 * the same way by the API, which shows and changes them, and by the worker, which scores with them.
 */
public final class StoredSettings {

  /**
   * A tag's stored overrides, each null where the default applies.
   *
   * @param excludedLabels null when unset, or when what is stored is not a JSON array
   */
  public record TagRow(
      String metric,
      Double threshold,
      Double weight,
      List<String> excludedLabels,
      String alphaLevel,
      String alphaDistance) {}

  private final JdbcClient jdbc;

  public StoredSettings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The project's methodology; consensus when none (or an unknown one) is stored. */
  public Methodology methodology(long projectId) {
    return jdbc.sql("SELECT methodology FROM agreement.project_settings WHERE project_id = :p")
        .param("p", projectId)
        .query(String.class)
        .optional()
        .flatMap(Methodology::fromApiName)
        .orElse(Methodology.CONSENSUS);
  }

  /** Each tag's stored overrides, by control tag name, for tags with a stored row. */
  public Map<String, TagRow> tags(long projectId) {
    Map<String, TagRow> rows = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT control_tag, metric, threshold, weight,
                   CASE WHEN jsonb_typeof(excluded_labels) = 'array'
                        THEN ARRAY(SELECT jsonb_array_elements_text(excluded_labels)) END,
                   alpha_level, alpha_distance
            FROM agreement.tag_settings WHERE project_id = :p ORDER BY control_tag
            """)
        .param("p", projectId)
        .query(
            (ResultSet rs) -> {
              rows.put(rs.getString(1), row(rs));
            });
    return rows;
  }

  private static TagRow row(ResultSet rs) throws SQLException {
    return new TagRow(
        rs.getString(2),
        rs.getObject(3, Double.class),
        rs.getObject(4, Double.class),
        labels(rs.getArray(5)),
        rs.getString(6),
        rs.getString(7));
  }

  private static List<String> labels(Array array) throws SQLException {
    return array == null ? null : Arrays.asList((String[]) array.getArray());
  }
}
