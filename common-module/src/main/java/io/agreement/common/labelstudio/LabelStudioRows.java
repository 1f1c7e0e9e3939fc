package io.agreement.common.labelstudio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows written into Label Studio's tables the way Label Studio's own code fills them (every column
 * its schema requires, since Django sets no SQL defaults), for a standalone install only: demo
 * data, the bootstrap owner and tests. Columns a table lacks are left out, so the slimmer tables
 * earlier versions of the service created are filled too.
 */
public final class LabelStudioRows {

  /** A Django password no password matches: the user signs in to Label Studio only with a reset. */
  private static final String UNUSABLE_PASSWORD = "!";

  private final Connection connection;
  private final OffsetDateTime now;
  private final Map<String, Set<String>> columns = new HashMap<>();

  public LabelStudioRows(Connection connection, OffsetDateTime now) {
    this.connection = connection;
    this.now = now.withOffsetSameInstant(ZoneOffset.UTC);
  }

  public long organization(String title) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("title", title);
    row.put("created_at", now);
    row.put("updated_at", now);
    return insert("organization", row);
  }

  public void organizationCreator(long organizationId, long userId) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("UPDATE organization SET created_by_id = ? WHERE id = ?")) {
      ps.setLong(1, userId);
      ps.setLong(2, organizationId);
      ps.executeUpdate();
    }
  }

  public long user(String email, long activeOrganizationId) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("password", UNUSABLE_PASSWORD);
    row.put("is_superuser", false);
    row.put("username", email);
    row.put("email", email);
    row.put("first_name", "");
    row.put("last_name", "");
    row.put("is_staff", false);
    row.put("is_active", true);
    row.put("date_joined", now);
    row.put("last_activity", now);
    row.put("activity_at", now);
    row.put("phone", "");
    row.put("avatar", "");
    row.put("active_organization_id", activeOrganizationId);
    return insert("htx_user", row);
  }

  /**
   * @param role written only where the table has Label Studio Enterprise's role column; null leaves
   *     it empty
   */
  public long member(long userId, long organizationId, String role) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("user_id", userId);
    row.put("organization_id", organizationId);
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("role", role);
    return insert("organizations_organizationmember", row);
  }

  public void legacyToken(String key, long userId) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", key);
    row.put("user_id", userId);
    row.put("created", now);
    insertWithoutId("authtoken_token", row);
  }

  /** The organization's token settings, where the table exists (Label Studio 1.22 and later). */
  public void tokenSettings(long organizationId, boolean legacyTokens) throws SQLException {
    if (columns("jwt_auth_jwtsettings").isEmpty()) {
      return;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("organization_id", organizationId);
    row.put("api_tokens_enabled", true);
    row.put("api_token_ttl_days", 73_000);
    row.put("legacy_api_tokens_enabled", legacyTokens);
    row.put("created_at", now);
    row.put("updated_at", now);
    insertWithoutId("jwt_auth_jwtsettings", row);
  }

  public long project(Long organizationId, String title, String labelConfig, Long createdBy)
      throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("title", title);
    row.put("label_config", labelConfig);
    row.put("expert_instruction", "");
    row.put("show_instruction", false);
    row.put("is_published", false);
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("created_by_id", createdBy);
    row.put("show_skip_button", true);
    row.put("show_collab_predictions", true);
    row.put("sampling", "Sequential sampling");
    row.put("overlap_cohort_percentage", 100);
    row.put("show_overlap_first", false);
    row.put("result_count", 0);
    row.put("organization_id", organizationId);
    row.put("is_draft", false);
    row.put("description", "");
    row.put("color", "#FFFFFF");
    row.put("enable_empty_annotation", true);
    row.put("maximum_annotations", 1);
    row.put("min_annotations_to_start_training", 0);
    row.put("show_annotation_history", false);
    row.put("show_ground_truth_first", false);
    row.put("evaluate_predictions_automatically", false);
    row.put("reveal_preannotations_interactively", false);
    return insert("project", row);
  }

  /**
   * {@code count} tasks of the project in one statement, their ids ascending.
   *
   * @param dataSql the SQL expression of each task's data, over {@code g} (1..count)
   */
  public List<Long> tasks(long projectId, int count, String dataSql) throws SQLException {
    Map<String, String> expressions = new LinkedHashMap<>();
    expressions.put("project_id", "CAST(? AS integer)");
    expressions.put("data", dataSql);
    expressions.put("created_at", "CAST(? AS timestamptz)");
    expressions.put("updated_at", "CAST(? AS timestamptz)");
    expressions.put("is_labeled", "false");
    expressions.put("overlap", "1");
    expressions.put("inner_id", "g");
    expressions.put("total_annotations", "0");
    expressions.put("cancelled_annotations", "0");
    expressions.put("total_predictions", "0");
    expressions.put("comment_count", "0");
    expressions.put("unresolved_comment_count", "0");
    expressions.keySet().retainAll(columns("task"));
    String sql =
        "INSERT INTO task (%s) SELECT %s FROM generate_series(1, ?) g RETURNING id"
            .formatted(
                String.join(", ", expressions.keySet()), String.join(", ", expressions.values()));
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int i = 1;
      ps.setLong(i++, projectId);
      if (expressions.containsKey("created_at")) {
        ps.setObject(i++, now);
        ps.setObject(i++, now);
      }
      ps.setInt(i, count);
      List<Long> ids = new ArrayList<>(count);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      ids.sort(null);
      return ids;
    }
  }

  /**
   * The columns and constant values of annotation rows for COPY: {@code task_id, project_id,
   * completed_by_id, result}, then every other column Label Studio fills, with the values of a
   * fresh, submitted annotation.
   */
  public AnnotationCopy annotationCopy(int resultCount) throws SQLException {
    Map<String, String> constants = new LinkedHashMap<>();
    constants.put("was_cancelled", "f");
    constants.put("ground_truth", "f");
    constants.put("created_at", now.toString());
    constants.put("updated_at", now.toString());
    constants.put("result_count", String.valueOf(resultCount));
    constants.put("bulk_created", "f");
    constants.keySet().retainAll(columns("task_completion"));
    List<String> names = new ArrayList<>(List.of("task_id", "project_id", "completed_by_id"));
    names.add("result");
    names.addAll(constants.keySet());
    String suffix = constants.isEmpty() ? "" : "\t" + String.join("\t", constants.values());
    return new AnnotationCopy(
        "COPY task_completion (" + String.join(", ", names) + ") FROM STDIN", suffix);
  }

  /**
   * @param statement the COPY statement
   * @param suffix what each row carries after its result column, tab-separated
   */
  public record AnnotationCopy(String statement, String suffix) {}

  /** One annotation, as a submitted one is saved. */
  public long annotation(long taskId, long projectId, long userId, String resultJson)
      throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("task_id", taskId);
    row.put("project_id", projectId);
    row.put("completed_by_id", userId);
    row.put("result", new Json(resultJson));
    row.put("was_cancelled", false);
    row.put("ground_truth", false);
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("result_count", 0);
    row.put("bulk_created", false);
    return insert("task_completion", row);
  }

  /** A value written as jsonb. */
  public record Json(String text) {}

  private long insert(String table, Map<String, Object> row) throws SQLException {
    try (PreparedStatement ps = prepare(table, row, " RETURNING id");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void insertWithoutId(String table, Map<String, Object> row) throws SQLException {
    try (PreparedStatement ps = prepare(table, row, "")) {
      ps.executeUpdate();
    }
  }

  private PreparedStatement prepare(String table, Map<String, Object> row, String returning)
      throws SQLException {
    Map<String, Object> present = new LinkedHashMap<>(row);
    present.keySet().retainAll(columns(table));
    List<String> placeholders =
        present.values().stream().map(v -> v instanceof Json ? "CAST(? AS jsonb)" : "?").toList();
    PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO %s (%s) VALUES (%s)%s"
                .formatted(
                    table,
                    String.join(", ", present.keySet()),
                    String.join(", ", placeholders),
                    returning));
    int i = 1;
    for (Object value : present.values()) {
      ps.setObject(i++, value instanceof Json json ? json.text() : value);
    }
    return ps;
  }

  private Set<String> columns(String table) throws SQLException {
    Set<String> known = columns.get(table);
    if (known == null) {
      known = new HashSet<>();
      try (PreparedStatement ps =
          connection.prepareStatement(
              """
              SELECT column_name FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = ?
              """)) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.add(rs.getString(1));
          }
        }
      }
      columns.put(table, known);
    }
    return known;
  }
}
