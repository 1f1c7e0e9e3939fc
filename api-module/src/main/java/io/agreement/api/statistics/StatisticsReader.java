package io.agreement.api.statistics;

import io.agreement.api.web.Columns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the rows the worker wrote (one per tag, in config order, all from one backfill) and adds
 * each annotator's email to the Cohen's kappa matrices, which store ids only.
 */
final class StatisticsReader {

  private static final List<String> MATRICES =
      List.of("cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic");

  private final JdbcClient jdbc;
  private final JsonMapper json;

  StatisticsReader(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  private record Row(String statistics, Instant computedAt) {}

  ProjectStatisticsView read(long projectId) {
    List<Row> rows =
        jdbc.sql(
                """
                SELECT statistics::text, computed_at FROM agreement.tag_statistics
                WHERE project_id = :p ORDER BY position
                """)
            .param("p", projectId)
            .query((rs, n) -> new Row(rs.getString(1), Columns.instant(rs, 2)))
            .list();
    List<JsonNode> tags = new ArrayList<>();
    Set<Long> users = new LinkedHashSet<>();
    for (Row row : rows) {
      JsonNode tag = json.readTree(row.statistics());
      tags.add(tag);
      for (String matrix : MATRICES) {
        tag.path(matrix).path("users").forEach(user -> users.add(user.get("id").asLong()));
      }
    }
    Map<Long, String> emails = emails(users);
    for (JsonNode tag : tags) {
      for (String matrix : MATRICES) {
        tag.path(matrix)
            .path("users")
            .forEach(user -> ((ObjectNode) user).put("email", emails.get(user.get("id").asLong())));
      }
    }
    return new ProjectStatisticsView(
        projectId, rows.isEmpty() ? null : rows.get(0).computedAt(), tags);
  }

  private Map<Long, String> emails(Set<Long> users) {
    Map<Long, String> emails = new HashMap<>();
    if (!users.isEmpty()) {
      jdbc.sql("SELECT id, email FROM htx_user WHERE id IN (:ids)")
          .param("ids", users)
          .query((rs, n) -> emails.put(rs.getLong(1), rs.getString(2)))
          .list();
    }
    return emails;
  }
}
