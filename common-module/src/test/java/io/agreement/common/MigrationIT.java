package io.agreement.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agreement.common.schema.SchemaMigrations;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
      // Ten rounds: without the migration lock, a second instance refusing to baseline the history
      // table the first has just created showed up within ten rounds every time.
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
                  "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank");
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
              c.prepareStatement("SELECT count(*) FROM flyway_schema_history WHERE NOT success");
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
   */
  @Nested
  class OnALiveDatabase {

    private static final List<String> LABEL_STUDIO_TABLES =
        List.of("organizations_organizationmember", "project", "task", "task_completion");

    @Test
    void building_the_source_table_indexes_never_holds_off_writes_to_those_tables()
        throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      flyway(env).migrate();
      long user;
      try (Connection c = connect(env)) {
        c.createStatement().execute("INSERT INTO organization (title) VALUES ('o')");
        user =
            insertReturningId(
                c, "INSERT INTO htx_user (email) VALUES ('a@example.com') RETURNING id");
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
      assertThat(indexes(env))
          .containsEntry("organizationmember_user_org_idx", true)
          .containsEntry("project_organization_idx", true)
          .containsEntry("task_project_idx", true)
          .containsEntry("task_completion_task_idx", true)
          .hasSize(4);
    }

    @Test
    void an_index_label_studio_already_has_on_task_id_is_used_instead_of_a_second_one()
        throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      flyway(env).migrate();
      try (Connection c = connect(env)) {
        c.createStatement()
            .execute("CREATE INDEX task_completion_task_id_8f9f2e4d ON task_completion (task_id)");
      }

      Migrations.migrate(env);

      assertThat(indexes(env))
          .containsEntry("task_completion_task_id_8f9f2e4d", true)
          .doesNotContainKey("task_completion_task_idx")
          .containsEntry("task_project_idx", true);
    }

    @Test
    void an_index_a_killed_start_left_invalid_is_built_again() throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      flyway(env).migrate();
      try (Connection c = connect(env)) {
        c.createStatement().execute("CREATE INDEX task_project_idx ON task (project_id, id)");
        c.createStatement()
            .execute(
                "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'task_project_idx'::regclass");
      }
      assertThat(indexes(env)).containsEntry("task_project_idx", false);

      Migrations.migrate(env);

      assertThat(indexes(env)).containsEntry("task_project_idx", true).hasSize(4);
    }

    @Test
    void a_failed_index_build_leaves_no_failed_history_and_the_next_start_builds_it()
        throws Exception {
      TestServices.Environment env = TestServices.isolatedEnvironment();
      flyway(env).migrate();
      try (Connection c = connect(env)) {
        c.createStatement().execute("CREATE TABLE task_project_idx (squatter integer)");
      }

      assertThatThrownBy(() -> Migrations.migrate(env))
          .isInstanceOf(FlywayException.class)
          .hasMessageContaining("Cannot build index task_project_idx on task");
      assertThat(flyway(env).validateWithResult().validationSuccessful)
          .as("no failed migration recorded")
          .isTrue();

      try (Connection c = connect(env)) {
        c.createStatement().execute("DROP TABLE task_project_idx");
      }
      Migrations.migrate(env);
      assertThat(indexes(env)).containsEntry("task_project_idx", true).hasSize(4);
    }

    private static void writeEveryTable(Connection c, long user) throws SQLException {
      long org = insertReturningId(c, "SELECT min(id) FROM organization");
      c.createStatement()
          .execute(
              "INSERT INTO organizations_organizationmember (user_id, organization_id) VALUES (%d, %d)"
                  .formatted(user, org));
      long project =
          insertReturningId(
              c, "INSERT INTO project (organization_id) VALUES (%d) RETURNING id".formatted(org));
      long task =
          insertReturningId(
              c, "INSERT INTO task (project_id) VALUES (%d) RETURNING id".formatted(project));
      c.createStatement()
          .execute(
              "INSERT INTO task_completion (task_id, project_id, completed_by_id, result)"
                  + " VALUES (%d, %d, %d, '[]')".formatted(task, project, user));
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
