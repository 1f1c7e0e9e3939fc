package io.agreement.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agreement.common.labelstudio.LabelStudioRows;
import io.agreement.common.schema.SchemaMigrations;
import io.agreement.testsupport.Catalog;
import io.agreement.testsupport.LabelStudioDatabase;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The schema migrations on a real PostgreSQL, as the API and the workers run them at start-up. */
class MigrationIT {

  private static final int PROCESSES = 4;

  private static Flyway flyway(TestServices.Environment env) {
    return Migrations.flyway(env);
  }

  private static Connection connect(TestServices.Environment env) throws SQLException {
    return DriverManager.getConnection(
        env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword());
  }

  @Nested
  class ConcurrentStart {

    @Test
    void four_processes_migrating_one_fresh_database_at_once_all_succeed_and_leave_one_history()
        throws Exception {
      // Ten rounds: without the migration lock, concurrent starts raced each other creating the
      // schema and its history table, and refusing to use a just-created, still empty one.
      for (int round = 0; round < 10; round++) {
        TestServices.Environment env = TestServices.isolatedEnvironment();
        int migrations = flyway(env).info().all().length;
        List<MigrateResult> results = migrateAtOnce(env);

        assertThat(results).as("round %d", round).allSatisfy(r -> assertThat(r.success).isTrue());
        assertThat(results.stream().mapToInt(r -> r.migrationsExecuted).sum())
            .as("every migration ran exactly once, in one of the processes")
            .isEqualTo(migrations);
        assertThat(history(env))
            .as("one successful history row per version")
            .hasSize(migrations)
            .doesNotHaveDuplicates()
            .allSatisfy(v -> assertThat(v).isNotBlank());
        assertThat(failedHistoryRows(env)).isZero();
        Flyway after = flyway(env);
        assertThat(after.info().pending()).isEmpty();
        assertThat(after.validateWithResult().validationSuccessful).isTrue();
        assertThat(SchemaMigrations.migrate(after).migrationsExecuted)
            .as("a later start has nothing left to do")
            .isZero();
      }
    }

    private List<MigrateResult> migrateAtOnce(TestServices.Environment env) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
      try {
        CyclicBarrier start = new CyclicBarrier(PROCESSES);
        List<Future<MigrateResult>> runs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
          runs.add(
              pool.submit(
                  () -> {
                    Flyway flyway = flyway(env);
                    start.await(10, TimeUnit.SECONDS);
                    return SchemaMigrations.migrate(flyway);
                  }));
        }
        List<MigrateResult> results = new ArrayList<>();
        for (Future<MigrateResult> run : runs) {
          results.add(run.get(60, TimeUnit.SECONDS));
        }
        return results;
      } finally {
        pool.shutdownNow();
      }
    }

    private List<String> history(TestServices.Environment env) throws SQLException {
      List<String> versions = new ArrayList<>();
      try (Connection c = connect(env);
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT version FROM agreement.flyway_schema_history WHERE success AND type <> 'SCHEMA' ORDER BY installed_rank");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.add(rs.getString(1));
        }
      }
      return versions;
    }

    private int failedHistoryRows(TestServices.Environment env) throws SQLException {
      try (Connection c = connect(env);
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT count(*) FROM agreement.flyway_schema_history WHERE NOT success");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * On a live Label Studio database the service's indexes on its tables are built while annotators
   * keep saving. A plain CREATE INDEX would queue behind an open annotation transaction and every
   * save after it would queue behind the index build; built concurrently, later saves go through.
   * Label Studio 1.23 has equivalents of all of them; an older Label Studio without them is Label
   * Studio 1.23's schema with those indexes dropped.
   */
  @Nested
  class OnALiveDatabase {

    private static final List<String> LABEL_STUDIO_TABLES =
        List.of("organizations_organizationmember", "project", "task", "task_completion");
    private static final List<String> OURS =
        List.of(
            "agreement_member_user_org_idx",
            "agreement_project_org_idx",
            "agreement_task_project_idx",
            "agreement_task_completion_task_idx");

    /** Label Studio before it had the indexes the service reads its tables by. */
    private static TestServices.Environment olderLabelStudio() {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      LabelStudioDatabase.create(env);
      LabelStudioDatabase.execute(
          env,
          """
          DROP INDEX organizations_organizationmember_user_id_f3845ee5;
          DROP INDEX project_organization_id_3c9f74fb, project_org_deleted_idx,
                     task_project_7b1c80_idx, task_project_id_963d6354, task_project_6acf5f_idx,
                     task_project_499b59_idx, task_proj_octlen_idx,
                     task_completion_task_id_b9049fbc, task_comple_task_id_e82920_idx,
                     task_comple_task_id_d49cd7_idx, task_comple_task_id_8072c3_idx,
                     task_comple_task_id_a6bdec_idx;
          """);
      return env;
    }

    @Test
    void building_the_source_table_indexes_never_holds_off_writes_to_those_tables()
        throws Exception {
      TestServices.Environment env = olderLabelStudio();
      long user;
      try (Connection c = connect(env)) {
        LabelStudioRows rows = new LabelStudioRows(c, OffsetDateTime.now());
        user = rows.user("a@example.com", rows.organization("o"));
      }

      ExecutorService migration = Executors.newSingleThreadExecutor();
      try (Connection inFlight = connect(env)) {
        inFlight.setAutoCommit(false);
        writeEveryTable(inFlight, user);
        Future<MigrateResult> migrating = migration.submit(() -> Migrations.migrate(env));
        awaitIndexBuildWaiting(env);

        try (Connection later = connect(env)) {
          later.createStatement().execute("SET statement_timeout = '3s'");
          writeEveryTable(later, user);
        }

        inFlight.commit();
        assertThat(migrating.get(60, TimeUnit.SECONDS).success).isTrue();
      } finally {
        migration.shutdownNow();
      }
      assertThat(ours(env)).containsOnlyKeys(OURS).doesNotContainValue(false);
    }

    @Test
    void on_label_studio_1_23_every_index_it_has_is_used_and_none_is_added() throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      LabelStudioDatabase.create(env);

      Migrations.migrate(env);

      assertThat(ours(env)).isEmpty();
    }

    @Test
    void with_source_indexes_switched_off_nothing_is_added() throws Exception {
      TestServices.Environment env = olderLabelStudio();

      SchemaMigrations.migrate(flyway(env), false);

      assertThat(ours(env)).isEmpty();
    }

    @Test
    void an_index_a_killed_start_left_invalid_is_built_again() throws Exception {
      TestServices.Environment env = olderLabelStudio();
      try (Connection c = connect(env)) {
        c.createStatement()
            .execute("CREATE INDEX agreement_task_project_idx ON task (project_id, id)");
        c.createStatement()
            .execute(
                "UPDATE pg_index SET indisvalid = false"
                    + " WHERE indexrelid = 'agreement_task_project_idx'::regclass");
      }
      assertThat(ours(env)).containsEntry("agreement_task_project_idx", false);

      Migrations.migrate(env);

      assertThat(ours(env)).containsOnlyKeys(OURS).doesNotContainValue(false);
    }

    @Test
    void a_failed_index_build_leaves_no_failed_history_and_the_next_start_builds_it()
        throws Exception {
      TestServices.Environment env = olderLabelStudio();
      try (Connection c = connect(env)) {
        c.createStatement().execute("CREATE TABLE agreement_task_project_idx (squatter integer)");
      }

      assertThatThrownBy(() -> Migrations.migrate(env))
          .isInstanceOf(FlywayException.class)
          .hasMessageContaining("Cannot build index agreement_task_project_idx on task");
      assertThat(flyway(env).validateWithResult().validationSuccessful)
          .as("no failed migration recorded")
          .isTrue();

      try (Connection c = connect(env)) {
        c.createStatement().execute("DROP TABLE agreement_task_project_idx");
      }
      Migrations.migrate(env);
      assertThat(ours(env)).containsOnlyKeys(OURS).doesNotContainValue(false);
    }

    private static void writeEveryTable(Connection c, long user) throws SQLException {
      LabelStudioRows rows = new LabelStudioRows(c, OffsetDateTime.now());
      long org = insertReturningId(c, "SELECT min(id) FROM organization");
      rows.member(user, org, null);
      long project = rows.project(org, "p", "<View/>", user);
      long task = rows.tasks(project, 1, "'{}'::jsonb").get(0);
      rows.annotation(task, project, user, "[]");
    }

    private static Map<String, Boolean> ours(TestServices.Environment env) throws SQLException {
      Map<String, Boolean> ours = new TreeMap<>(indexes(env));
      ours.keySet().removeIf(name -> !name.startsWith("agreement_"));
      return ours;
    }

    private static long insertReturningId(Connection c, String sql) throws SQLException {
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** Until the migration's first index build waits for the open transaction. */
    private static void awaitIndexBuildWaiting(TestServices.Environment env) throws Exception {
      try (Connection c = connect(env);
          PreparedStatement ps =
              c.prepareStatement(
                  """
                  SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND query ILIKE 'CREATE INDEX%'
                    AND wait_event_type = 'Lock'
                  """)) {
        await("the index build waiting for the open transaction")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> {
                  try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                  }
                });
      }
    }

    private static Map<String, Boolean> indexes(TestServices.Environment env) throws SQLException {
      Map<String, Boolean> valid = new TreeMap<>();
      try (Connection c = connect(env);
          PreparedStatement ps =
              c.prepareStatement(
                  """
                  SELECT c.relname, i.indisvalid FROM pg_index i
                  JOIN pg_class c ON c.oid = i.indexrelid
                  JOIN pg_class t ON t.oid = i.indrelid
                  WHERE t.relname = ANY (?) AND NOT i.indisprimary AND NOT i.indisunique
                  """)) {
        ps.setArray(1, c.createArrayOf("text", LABEL_STUDIO_TABLES.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            valid.put(rs.getString(1), rs.getBoolean(2));
          }
        }
      }
      return valid;
    }
  }

  /** SPEC 7: the service never changes Label Studio's tables, and keeps what it owns apart. */
  @Nested
  class LabelStudiosTables {

    private static final Pattern NOT_CREATED_STANDALONE =
        Pattern.compile(
            "^(table (prediction|task_comment_authors)(_id_seq)?$"
                + "|column (prediction|task_comment_authors)\\."
                + "|constraint \\S+ on (prediction|task_comment_authors):"
                + "|index .* ON public\\.(prediction|task_comment_authors) )"
                + "|_fk_prediction_id");

    @Test
    void on_an_attached_database_nothing_of_label_studios_schema_changes() throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      LabelStudioDatabase.create(env);
      List<String> before = Catalog.of(env, "public");

      Migrations.migrate(env);
      Migrations.migrate(env);

      assertThat(Catalog.of(env, "public")).isEqualTo(before);
      assertThat(installation(env)).isEqualTo("attached");
      assertThat(Catalog.of(env, "agreement")).contains("table flyway_schema_history");
    }

    @Test
    void a_standalone_install_creates_label_studios_tables_exactly_as_label_studio_does()
        throws Exception {
      TestServices.Environment standalone = TestServices.isolatedEnvironment();
      Migrations.migrate(standalone);
      TestServices.Environment labelStudio = TestServices.isolatedEnvironment();
      LabelStudioDatabase.create(labelStudio);

      assertThat(installation(standalone)).isEqualTo("standalone");
      assertThat(Catalog.of(standalone, "public"))
          .isEqualTo(
              Catalog.of(labelStudio, "public").stream()
                  .filter(line -> !NOT_CREATED_STANDALONE.matcher(line).find())
                  .toList());
    }

    @Test
    void a_database_with_only_some_of_label_studios_tables_is_refused_with_what_was_found() {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      LabelStudioDatabase.execute(env, "CREATE TABLE project (id integer PRIMARY KEY)");

      assertThatThrownBy(() -> Migrations.migrate(env))
          .hasMessageContaining("Found only some of Label Studio's tables")
          .hasMessageContaining("project");
    }

    @Test
    void an_install_migrated_by_the_earlier_versions_upgrades_and_keeps_its_jobs()
        throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      legacyFlyway(env).migrate();
      long job = insertJob(env);

      MigrateResult result = Migrations.migrate(env);

      assertThat(result.success).isTrue();
      assertThat(Catalog.of(env, "public")).doesNotContain("table flyway_schema_history");
      assertThat(flyway(env).validateWithResult().validationSuccessful).isTrue();
      assertThat(flyway(env).info().pending()).isEmpty();
      assertThat(installation(env)).isEqualTo("standalone");
      assertThat(jobStatus(env, job)).isEqualTo("QUEUED");
      assertThat(Migrations.migrate(env).migrationsExecuted).isZero();
    }

    @Test
    void a_label_studio_database_the_earlier_versions_migrated_upgrades_as_attached()
        throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      LabelStudioDatabase.create(env);
      legacyFlyway(env).migrate();
      List<String> before = Catalog.of(env, "public");

      Migrations.migrate(env);

      assertThat(installation(env)).isEqualTo("attached");
      List<String> after = Catalog.of(env, "public");
      assertThat(before).contains("table flyway_schema_history");
      assertThat(after)
          .as("only the history moved out of Label Studio's schema")
          .isEqualTo(before.stream().filter(l -> !l.contains("flyway_schema_history")).toList());
    }

    @Test
    void confusion_cells_move_into_their_tasks_pair_rows() throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      SchemaMigrations.migrate(
          Flyway.configure().configuration(flyway(env).getConfiguration()).target("31").load());
      try (Connection c = connect(env)) {
        c.createStatement()
            .execute(
                """
                INSERT INTO agreement.task_pair_scores (task_id, project_id, user_ids, pair_ann_a,
                    pair_ann_b, pair_user_a, pair_user_b, pair_score, tag_count, tag_scores,
                    label_pair, label_name, label_score)
                VALUES (1, 9, '{1,2}', '{10}', '{11}', '{1}', '{2}', '{0.5}', 1, '{0.5}', '{}',
                        '{}', '{}'),
                       (2, 9, '{1,2}', '{12}', '{13}', '{1}', '{2}', '{1}', 1, '{1}', '{}', '{}',
                        '{}');
                INSERT INTO agreement.task_confusion VALUES
                    (1, 9, 'c', 'all', 'b', 'a', 1), (1, 9, 'c', 'all', 'a', 'b', 1),
                    (1, 9, 'c', 'ground_truth', 'a,"x', 'b', 1);
                """);
      }

      Migrations.migrate(env);

      assertThat(
              single(
                  env,
                  "SELECT string_agg(task_id || ':' || confusion_tag::text || confusion_mode::text"
                      + " || confusion_actual::text || confusion_predicted::text"
                      + " || confusion_count::text, ' ' ORDER BY task_id)"
                      + " FROM agreement.task_pair_scores"))
          .isEqualTo("1:{c,c,c}{all,all,ground_truth}{a,b,\"a,\\\"x\"}{b,a,b}{1,1,1} 2:{}{}{}{}{}");
      assertThat(Catalog.of(env, "agreement")).noneMatch(l -> l.contains("task_confusion"));
    }

    @Test
    void tag_scores_move_into_their_task_rows_in_tag_order_and_the_stored_matrix_goes()
        throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      SchemaMigrations.migrate(
          Flyway.configure().configuration(flyway(env).getConfiguration()).target("33").load());
      try (Connection c = connect(env)) {
        c.createStatement()
            .execute(
                """
                INSERT INTO agreement.project_tag_agreement (project_id, control_tag, tag_type,
                    metric, threshold, weight, agreement, tasks_scored, position)
                VALUES (9, 'b', 'Choices', 'exact_match', 0.5, 1, 0.5, 2, 0),
                       (9, 'a', 'Labels', 'span_overlap', 0.5, 1, 0.5, 2, 1),
                       (8, 'a', 'Choices', 'exact_match', 0.5, 1, 1, 1, 0);
                INSERT INTO agreement.task_agreement VALUES
                    (1, 9, 0.5, 2, '{"scores": [[1, 0.5], [0.5, 1]]}', now()),
                    (2, 9, 0.25, 3, NULL, now()),
                    (3, 8, 1, 2, NULL, now()),
                    (4, 8, NULL, 2, NULL, now());
                INSERT INTO agreement.task_tag_agreement VALUES
                    (1, 'a', 9, 0.75, 2, now()), (1, 'b', 9, 0.25, 2, now()),
                    (2, 'b', 9, 0.5, 3, now()),
                    (3, 'a', 8, 1, 2, now());
                """);
      }

      Migrations.migrate(env);

      assertThat(
              single(
                  env,
                  "SELECT string_agg(task_id || ':' || tag_scores::text, ' ' ORDER BY task_id)"
                      + " FROM agreement.task_agreement"))
          .as("in position order, a tag a task lacks NULL")
          .isEqualTo("1:{0.25,0.75} 2:{0.5,NULL} 3:{1} 4:{NULL}");
      assertThat(Catalog.of(env, "agreement"))
          .noneMatch(l -> l.contains("task_tag_agreement"))
          .noneMatch(l -> l.contains("task_agreement") && l.contains("matrix"))
          .as("V35: deleted annotations wait in a table of their own, no GIN index of every id")
          .noneMatch(l -> l.contains("USING gin"))
          .anyMatch(l -> l.equals("table deleted_annotation"));
      List<String> taskIndexes =
          Catalog.of(env, "agreement").stream()
              .filter(
                  l -> l.matches("index .* ON agreement\\.task_(agreement|pair_scores|state) .*"))
              .map(l -> l.replaceAll("^index CREATE (UNIQUE )?INDEX (\\w+) ON agreement\\.", "$2 "))
              .sorted()
              .toList();
      assertThat(taskIndexes)
          .as("V36: one index per task table, keyed by project; task_state's by task too")
          .containsExactly(
              "task_agreement_pkey task_agreement USING btree (project_id, task_id)",
              "task_pair_scores_pkey task_pair_scores USING btree (project_id, task_id)",
              "task_state_pkey task_state USING btree (project_id, task_id)",
              "task_state_task_idx task_state USING btree (task_id)");
      assertThat(
              Catalog.of(env, "agreement").stream()
                  .filter(
                      l -> l.matches("index .* ON agreement\\.backfill_job .*organization_id.*"))
                  .map(l -> l.replaceAll("^index CREATE INDEX (\\w+) ON agreement\\.", "$1 "))
                  .sorted()
                  .toList())
          .as("V37: a page of jobs by its ids alone, with their project")
          .containsExactly(
              "backfill_job_org_page_idx backfill_job USING btree (organization_id, id DESC)"
                  + " INCLUDE (project_id)",
              "backfill_job_org_project_idx backfill_job USING btree (organization_id,"
                  + " project_id, id DESC)",
              "backfill_job_org_status_page_idx backfill_job USING btree (organization_id, status,"
                  + " id DESC) INCLUDE (project_id)");
      assertThat(
              single(
                  env,
                  "SELECT string_agg(project_id || '/' || task_id, ' ' ORDER BY task_id)"
                      + " FROM agreement.task_agreement"))
          .as("the rows stay")
          .isEqualTo("9/1 9/2 8/3 8/4");
    }

    /** Flyway as versions up to 0.1 ran it: history in public, V1 to V6. */
    private static Flyway legacyFlyway(TestServices.Environment env) {
      return Flyway.configure()
          .dataSource(env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword())
          .locations("classpath:legacy-migrations")
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load();
    }

    private static long insertJob(TestServices.Environment env) throws SQLException {
      try (Connection c = connect(env);
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "INSERT INTO agreement.backfill_job (organization_id, project_id, status)"
                          + " VALUES (1, 1, 'QUEUED') RETURNING id")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private static String jobStatus(TestServices.Environment env, long job) throws SQLException {
      return single(env, "SELECT status FROM agreement.backfill_job WHERE id = " + job);
    }

    private static String installation(TestServices.Environment env) throws SQLException {
      return single(env, "SELECT mode FROM agreement.installation");
    }

    private static String single(TestServices.Environment env, String sql) throws SQLException {
      try (Connection c = connect(env);
          ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OneActiveJobPerProject {

    private TestServices.Environment env;
    private int project = 100;

    @BeforeAll
    void migrated() {
      env = TestServices.isolatedEnvironment();
      Migrations.migrate(env);
    }

    private long insert(int projectId, String status) throws SQLException {
      try (Connection c = connect(env);
          PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO agreement.backfill_job (organization_id, project_id, status) VALUES (1, ?, ?) RETURNING id")) {
        ps.setInt(1, projectId);
        ps.setString(2, status);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    private void setStatus(long job, String status) throws SQLException {
      try (Connection c = connect(env);
          PreparedStatement ps =
              c.prepareStatement("UPDATE agreement.backfill_job SET status = ? WHERE id = ?")) {
        ps.setString(1, status);
        ps.setLong(2, job);
        ps.executeUpdate();
      }
    }

    @Test
    void a_second_active_job_for_a_project_is_refused_whatever_the_active_states()
        throws SQLException {
      for (String first : List.of("PENDING", "QUEUED", "RUNNING")) {
        for (String second : List.of("PENDING", "QUEUED", "RUNNING")) {
          int p = ++project;
          insert(p, first);
          assertThatThrownBy(() -> insert(p, second))
              .as("%s then %s", first, second)
              .isInstanceOfSatisfying(
                  SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"))
              .hasMessageContaining("backfill_job_one_active_per_project");
        }
      }
    }

    @Test
    void a_new_job_is_allowed_once_the_active_one_has_finished() throws SQLException {
      for (String end : List.of("COMPLETED", "FAILED", "CANCELLED")) {
        int p = ++project;
        long first = insert(p, "QUEUED");
        setStatus(first, end);
        long second = insert(p, "PENDING");
        assertThat(second).as("after %s", end).isGreaterThan(first);
        assertThatThrownBy(() -> insert(p, "QUEUED")).isInstanceOf(SQLException.class);
      }
    }

    @Test
    void finished_jobs_of_a_project_may_pile_up_and_other_projects_are_independent()
        throws SQLException {
      int p = ++project;
      for (int i = 0; i < 3; i++) {
        long done = insert(p, "PENDING");
        setStatus(done, "COMPLETED");
      }
      insert(p, "RUNNING");
      insert(++project, "RUNNING");
    }

    @Test
    void reactivating_a_finished_job_while_another_is_active_is_refused() throws SQLException {
      int p = ++project;
      long old = insert(p, "PENDING");
      setStatus(old, "FAILED");
      insert(p, "QUEUED");
      assertThatThrownBy(() -> setStatus(old, "QUEUED"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
    }
  }
}
