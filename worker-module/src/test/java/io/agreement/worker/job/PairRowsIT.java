package io.agreement.worker.job;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.engine.LabelConfig;
import io.agreement.engine.Methodology;
import io.agreement.engine.ParsedAnnotation;
import io.agreement.engine.ProjectScorer;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read API's rows (task_pair_scores with its confusion cells, and the sums over them) as one
 * job writes them: labels that COPY text and array literals must escape arrive intact, and the sums
 * are recomputed from the per-task rows alone.
 */
class PairRowsIT {

  /** Quote, backslash, comma, braces, the word NULL, a tab: every escape COPY and arrays need. */
  private static final List<String> HOSTILE =
      List.of("a\"b", "back\\slash", "x,y{z}", "NULL", "tab\there");

  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;
  private static long nextProject = 7000;

  @BeforeAll
  static void database() {
    dataSource = Migrations.migratedPool(TestServices.isolatedEnvironment(), 2);
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  private static String config() {
    StringBuilder choices = new StringBuilder();
    for (String value : HOSTILE) {
      choices
          .append("<Choice value=\"")
          .append(value.replace("\"", "&quot;").replace("\t", "&#9;"))
          .append("\"/>");
    }
    return "<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"t\">"
        + choices
        + "</Choices></View>";
  }

  private static String choice(String value) {
    String json = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
    return "[{\"from_name\": \"c\", \"to_name\": \"t\", \"type\": \"choices\", \"value\":"
        + " {\"choices\": [\""
        + json
        + "\"]}}]";
  }

  /**
   * Task id to the choices of its annotations, one user each (users 1, 2, ...); each task's last
   * annotation is its ground truth.
   */
  private static long backfill(Map<Long, List<String>> tasks) throws Exception {
    Map<Long, List<Long>> users =
        tasks.entrySet().stream()
            .collect(
                toMap(
                    Map.Entry::getKey,
                    e -> LongStream.rangeClosed(1, e.getValue().size()).boxed().toList()));
    return backfill(tasks, users, t -> true);
  }

  /** The same with each annotation's user, and a ground truth where the predicate says. */
  private static long backfill(
      Map<Long, List<String>> tasks, Map<Long, List<Long>> users, LongPredicate hasGroundTruth)
      throws Exception {
    return backfill(tasks, users, hasGroundTruth, nextProject++, () -> {});
  }

  /** What another transaction commits while a backfill runs, after its start. */
  private interface Meanwhile {
    void run() throws Exception;
  }

  private static long backfill(
      Map<Long, List<String>> tasks,
      Map<Long, List<Long>> users,
      LongPredicate hasGroundTruth,
      long project,
      Meanwhile meanwhile)
      throws Exception {
    ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(config()), Methodology.PAIRWISE, Map.of());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      ResultWriter writer = new ResultWriter(c, project, Instant.now(), scorer.tags());
      writer.deleteOld();
      long annotation = project * 100;
      for (Map.Entry<Long, List<String>> task : tasks.entrySet()) {
        List<ParsedAnnotation> parsed = new java.util.ArrayList<>();
        for (int u = 0; u < task.getValue().size(); u++) {
          long user = users.get(task.getKey()).get(u);
          parsed.add(scorer.parse(annotation++, user, choice(task.getValue().get(u))));
        }
        Long groundTruth = hasGroundTruth.test(task.getKey()) ? annotation - 1 : null;
        // A task with one annotation has no score.
        scorer
            .scoreWithPairs(project * 1000 + task.getKey(), parsed)
            .ifPresent(scored -> writer.add(scored, groundTruth));
      }
      writer.flush();
      meanwhile.run();
      writer.writeSummary(scorer.summary(), Methodology.PAIRWISE, 1);
      c.commit();
    }
    return project;
  }

  private static List<String> labels(long project) {
    return jdbc.sql(
            "SELECT DISTINCT label FROM agreement.label_pair_agreement WHERE project_id = :p ORDER BY 1")
        .param("p", project)
        .query(String.class)
        .list();
  }

  private static List<String> confusion(long project) {
    return jdbc.sql(
            """
            SELECT mode || ':' || actual || '->' || predicted || '=' || count
            FROM agreement.project_confusion WHERE project_id = :p ORDER BY 1
            """)
        .param("p", project)
        .query(String.class)
        .list();
  }

  @Test
  void labels_that_need_escaping_arrive_intact() throws Exception {
    long project =
        backfill(
            Map.of(
                1L,
                List.of(HOSTILE.get(0), HOSTILE.get(0)),
                2L,
                List.of(HOSTILE.get(3), HOSTILE.get(1), HOSTILE.get(4))));
    assertThat(labels(project))
        .containsExactlyInAnyOrder(HOSTILE.get(0), HOSTILE.get(3), HOSTILE.get(1), HOSTILE.get(4));
    assertThat(confusion(project))
        .contains("all:a\"b->a\"b=2", "all:NULL->back\\slash=1", "ground_truth:tab\there->NULL=1");
  }

  /** What SPEC 9's refresh relies on: the sums follow the per-task rows, task by task. */
  @Test
  void sums_recomputed_from_the_per_task_rows_after_a_task_is_dropped() throws Exception {
    List<String> first = List.of(HOSTILE.get(0), HOSTILE.get(0), HOSTILE.get(2));
    List<String> second = List.of(HOSTILE.get(3), HOSTILE.get(1));
    long both = backfill(Map.of(1L, first, 2L, second));
    long only = backfill(Map.of(1L, first));
    long task2 = both * 1000 + 2;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      for (String table : List.of("task_pair_scores", "task_agreement")) {
        jdbc.sql("DELETE FROM agreement." + table + " WHERE task_id = :t")
            .param("t", task2)
            .update();
      }
      for (String table :
          List.of(
              "annotator_pair_agreement",
              "label_pair_agreement",
              "ground_truth_agreement",
              "project_confusion",
              "project_distribution")) {
        jdbc.sql("DELETE FROM agreement." + table + " WHERE project_id = :p")
            .param("p", both)
            .update();
      }
      PairAggregates.recompute(c, both);
      c.commit();
    }
    assertThat(labels(both)).isEqualTo(labels(only));
    assertThat(confusion(both)).isEqualTo(confusion(only));
    for (String sums :
        List.of(
            "SELECT user_a || '-' || user_b || ':' || score_sum || '/' || pairs || '/' || common_tasks"
                + " FROM agreement.annotator_pair_agreement WHERE project_id = :p ORDER BY 1",
            "SELECT user_id || ':' || label || ':' || score_sum || '/' || pairs"
                + " FROM agreement.ground_truth_agreement WHERE project_id = :p ORDER BY 1",
            "SELECT histogram::text || total_tasks || low_agreement_count"
                + " FROM agreement.project_distribution WHERE project_id = :p")) {
      List<String> recomputed = jdbc.sql(sums).param("p", both).query(String.class).list();
      assertThat(recomputed)
          .isNotEmpty()
          .isEqualTo(jdbc.sql(sums).param("p", only).query(String.class).list());
    }
  }

  private static final List<String> SUM_TABLES =
      List.of(
          "annotator_pair_agreement",
          "label_pair_agreement",
          "ground_truth_agreement",
          "project_confusion",
          "project_distribution");

  /** Every row of the read API's sums, scores to 1e-9, in one order. */
  private static List<String> sums(long project) {
    List<String> rows = new java.util.ArrayList<>();
    for (String table : SUM_TABLES) {
      rows.addAll(
          jdbc.sql(
                  "SELECT '"
                      + table
                      + "' || ':' || (to_jsonb(s) - 'score_sum' - 'project_id')::text"
                      + " || coalesce(':' || round(CAST(to_jsonb(s) ->> 'score_sum' AS numeric), 9),"
                      + " '') FROM agreement."
                      + table
                      + " s WHERE project_id = :p ORDER BY 1")
              .param("p", project)
              .query(String.class)
              .list());
    }
    return rows;
  }

  /**
   * A backfill adds its sums up in Java as the tasks pass; they equal the SQL's sums over the rows
   * it wrote, on random projects with same-user pairs, single annotations, hostile labels and tasks
   * with and without a ground truth.
   */
  @Test
  void sums_added_up_by_the_backfill_equal_the_sql_over_its_rows() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      java.util.Random random = new java.util.Random(seed);
      Map<Long, List<String>> tasks = new java.util.LinkedHashMap<>();
      Map<Long, List<Long>> users = new java.util.HashMap<>();
      for (long t = 1; t <= 40; t++) {
        int n = 1 + random.nextInt(4);
        List<String> choices = new java.util.ArrayList<>();
        List<Long> authors = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
          choices.add(HOSTILE.get(random.nextInt(random.nextBoolean() ? 2 : HOSTILE.size())));
          authors.add(1L + random.nextInt(3));
        }
        tasks.put(t, choices);
        users.put(t, authors);
      }
      long project = backfill(tasks, users, t -> t % 2 == 0);
      List<String> added = sums(project);
      assertThat(added).as("seed %d", seed).anyMatch(r -> r.startsWith("project_distribution"));
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        for (String table : SUM_TABLES) {
          c.createStatement()
              .executeUpdate("DELETE FROM agreement." + table + " WHERE project_id = " + project);
        }
        c.createStatement()
            .executeUpdate(
                "DELETE FROM agreement.project_distribution WHERE project_id = " + project);
        PairAggregates.recompute(c, project);
        c.commit();
      }
      assertThat(added)
          .as("seed %d", seed)
          .anyMatch(r -> r.startsWith("ground_truth_agreement"))
          .anyMatch(r -> r.startsWith("label_pair_agreement"))
          .anyMatch(r -> r.startsWith("project_confusion"))
          .isEqualTo(sums(project));
    }
  }

  /**
   * The backfill counts the tasks below the threshold it read at its start; a threshold changed
   * while it ran is the one its distribution counts against all the same.
   */
  @Test
  void a_threshold_changed_during_the_backfill_is_the_one_its_distribution_counts()
      throws Exception {
    Map<Long, List<String>> tasks = new java.util.LinkedHashMap<>();
    Map<Long, List<Long>> users = new java.util.HashMap<>();
    // Scores 1, 0, 1/3 and 0: three tasks below the default 0.5, two below 0.2.
    tasks.put(1L, List.of(HOSTILE.get(0), HOSTILE.get(0)));
    tasks.put(2L, List.of(HOSTILE.get(0), HOSTILE.get(1)));
    tasks.put(3L, List.of(HOSTILE.get(0), HOSTILE.get(0), HOSTILE.get(1)));
    tasks.put(4L, List.of(HOSTILE.get(2), HOSTILE.get(3)));
    for (long t : tasks.keySet()) {
      users.put(t, LongStream.rangeClosed(1, tasks.get(t).size()).boxed().toList());
    }
    long unchanged = backfill(tasks, users, t -> false);
    long project = nextProject++;
    long changed =
        backfill(
            tasks,
            users,
            t -> false,
            project,
            () ->
                jdbc.sql(
                        "INSERT INTO agreement.project_settings (project_id, agreement_threshold)"
                            + " VALUES (:p, 0.2)")
                    .param("p", project)
                    .update());
    String distribution =
        "SELECT histogram::text || '/' || total_tasks || '/' || low_agreement_count"
            + " FROM agreement.project_distribution WHERE project_id = :p";
    assertThat(jdbc.sql(distribution).param("p", unchanged).query(String.class).single())
        .isEqualTo("{2,0,0,1,0,0,0,0,0,1}/4/3");
    assertThat(jdbc.sql(distribution).param("p", changed).query(String.class).single())
        .isEqualTo("{2,0,0,1,0,0,0,0,0,1}/4/2");
  }
}
