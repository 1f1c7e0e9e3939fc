package io.agreement.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every number the read API serves for a project, as the rows it reads them from, without what
 * legitimately differs between a refresh and a backfill (times, job ids, staleness): two snapshots
 * are equal when their numbers agree to 1e-9.
 */
public final class ProjectSnapshot {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Table (with the columns compared) to the ORDER BY that makes its rows comparable. */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  private static final String TASK_ROWS =
      "SELECT task_id, agreement, annotations, tag_scores FROM agreement.task_agreement";

  static {
    TABLES.put("SELECT methodology, agreement, tasks_scored FROM agreement.project_agreement", "1");
    TABLES.put("SELECT * FROM agreement.project_tag_agreement", "position");
    TABLES.put(TASK_ROWS, "task_id");
    TABLES.put("SELECT * FROM agreement.task_pair_scores", "task_id");
    TABLES.put(
        "SELECT task_id, annotation_ids, fingerprint, encode(ratings, 'hex') AS ratings"
            + " FROM agreement.task_state",
        "task_id");
    TABLES.put("SELECT * FROM agreement.annotator_agreement", "user_id");
    TABLES.put("SELECT * FROM agreement.annotator_tag_agreement", "user_id, control_tag");
    TABLES.put("SELECT * FROM agreement.annotator_pair_agreement", "user_a, user_b");
    TABLES.put("SELECT * FROM agreement.label_pair_agreement", "label, user_a, user_b");
    TABLES.put("SELECT * FROM agreement.ground_truth_agreement", "user_id, per_label, label");
    TABLES.put("SELECT * FROM agreement.project_confusion", "control_tag, mode, actual, predicted");
    TABLES.put("SELECT * FROM agreement.project_distribution", "1");
    TABLES.put(
        "SELECT control_tag, position, statistics FROM agreement.tag_statistics", "position");
    TABLES.put("SELECT id, control_tag FROM agreement.dimension", "id");
  }

  private final Map<String, JsonNode> tables;

  private ProjectSnapshot(Map<String, JsonNode> tables) {
    this.tables = tables;
  }

  public static ProjectSnapshot of(JdbcClient jdbc, long projectId) {
    Map<String, JsonNode> tables = new LinkedHashMap<>();
    for (Map.Entry<String, String> table : TABLES.entrySet()) {
      String sql =
          "SELECT coalesce(json_agg(row_to_json(x) ORDER BY "
              + table.getValue()
              + "), '[]')::text FROM ("
              + table.getKey()
              + " WHERE project_id = ?) x";
      tables.put(
          table.getKey(),
          JSON.readTree(jdbc.sql(sql).param(projectId).query(String.class).single()));
    }
    return new ProjectSnapshot(tables);
  }

  /** Rows of the per-task tables: a snapshot with none says nothing. */
  public int taskRows() {
    return tables.get(TASK_ROWS).size();
  }

  public void assertSameNumbersAs(ProjectSnapshot expected) {
    for (String table : TABLES.keySet()) {
      JsonNode actual = tables.get(table);
      JsonNode wanted = expected.tables.get(table);
      compare(table, "", actual, wanted);
    }
  }

  /**
   * Fails unless the two JSON values are equal, numbers to 1e-9.
   *
   * @param what what they are, for the message
   */
  public static void assertSameNumbers(String what, JsonNode actual, JsonNode expected) {
    compare(what, "", actual, expected);
  }

  private static void compare(String table, String path, JsonNode actual, JsonNode expected) {
    if (expected.isNumber() && actual.isNumber()) {
      double a = actual.doubleValue();
      double e = expected.doubleValue();
      if (!(Math.abs(a - e) <= 1e-9 || (Double.isNaN(a) && Double.isNaN(e)))) {
        fail("%s at %s: %s, a full backfill gives %s", table, path, a, e);
      }
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      assertThat(actual.propertyNames())
          .as("%s at %s", table, path)
          .containsExactlyInAnyOrderElementsOf(expected.propertyNames());
      for (String name : expected.propertyNames()) {
        compare(table, path + "." + name, actual.get(name), expected.get(name));
      }
      return;
    }
    if (expected.isArray() && actual.isArray()) {
      assertThat(actual.size())
          .as("%s at %s: %s vs %s", table, path, actual, expected)
          .isEqualTo(expected.size());
      Iterator<JsonNode> a = actual.iterator();
      int i = 0;
      for (JsonNode e : expected) {
        compare(table, path + "[" + i++ + "]", a.next(), e);
      }
      return;
    }
    assertThat(actual).as("%s at %s", table, path).isEqualTo(expected);
  }
}
