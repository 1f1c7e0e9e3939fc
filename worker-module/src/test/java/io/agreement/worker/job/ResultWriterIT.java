package io.agreement.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.engine.Methodology;
import io.agreement.engine.PairMatrix;
import io.agreement.engine.ProjectSummary;
import io.agreement.engine.TaskScore;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rows one job writes, checked on a real database. */
class ResultWriterIT {

  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;
  private static long nextProject = 5000;

  @BeforeAll
  static void database() {
    TestServices.Environment env = TestServices.isolatedEnvironment();
    dataSource = Migrations.migratedPool(env, 2);
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  /**
   * The task rows go through binary COPY and the summary through a JDBC parameter; PostgreSQL and
   * the driver round a sub-microsecond remainder differently (half to even against half up), so an
   * instant with such a remainder must still land as one {@code computed_at} everywhere.
   */
  @ParameterizedTest
  @ValueSource(ints = {500, 1_500, 2_500, 999_999_500, 123_456_789})
  void every_row_of_one_run_carries_the_same_computed_at(int nanos) throws Exception {
    long project = nextProject++;
    Instant now = Instant.parse("2030-01-01T10:00:00Z").plusNanos(nanos);

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      ResultWriter writer = new ResultWriter(connection, project, now, List.of());
      writer.add(
          new TaskScore(
              project,
              2,
              new double[0],
              0.5,
              new PairMatrix(
                  new long[] {1, 2}, new long[] {3, 4}, new double[][] {{1, 0.5}, {0.5, 1}})));
      writer.flush();
      writer.writeSummary(
          new ProjectSummary(0.5, 1, List.of(), List.of()), Methodology.CONSENSUS, 1);
      connection.commit();
    }

    List<Timestamp> stamps =
        jdbc.sql(
                """
                SELECT computed_at FROM agreement.task_agreement WHERE project_id = :p
                UNION
                SELECT computed_at FROM agreement.project_agreement WHERE project_id = :p
                """)
            .param("p", project)
            .query(Timestamp.class)
            .list();
    assertThat(stamps).hasSize(1);
    assertThat(stamps.get(0).toInstant()).isEqualTo(now.minusNanos(nanos % 1000));
  }

  @Test
  void old_results_of_the_project_are_deleted_and_other_projects_are_kept() throws Exception {
    long project = nextProject++;
    long other = nextProject++;
    Instant now = Instant.parse("2030-01-01T10:00:00Z");
    for (long p : new long[] {project, other}) {
      write(p, now, 1);
      write(p, now, 2);
    }

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      new ResultWriter(connection, project, now, List.of()).deleteOld();
      connection.commit();
    }

    assertThat(taskRows(project)).isZero();
    assertThat(taskRows(other)).isEqualTo(2);
  }

  private static void write(long project, Instant now, long task) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      ResultWriter writer = new ResultWriter(connection, project, now, List.of());
      writer.add(new TaskScore(project * 10 + task, 1, new double[0], null, null));
      writer.flush();
      connection.commit();
    }
  }

  private static long taskRows(long project) {
    return jdbc.sql("SELECT count(*) FROM agreement.task_agreement WHERE project_id = :p")
        .param("p", project)
        .query(Long.class)
        .single();
  }

  @Test
  void chunks_stored_in_the_background_all_arrive_in_order_before_the_summary() throws Exception {
    long project = nextProject++;
    Instant now = Instant.parse("2030-01-01T10:00:00Z");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (ResultWriter writer = new ResultWriter(connection, project, now, List.of())) {
        for (int chunk = 0; chunk < 5; chunk++) {
          for (int t = 0; t < 100; t++) {
            writer.add(
                new TaskScore(project * 1000 + chunk * 100 + t, 2, new double[0], 1.0, null));
          }
          writer.flushInBackground();
        }
        writer.writeSummary(
            new ProjectSummary(1.0, 500, List.of(), List.of()), Methodology.CONSENSUS, 1);
      }
      connection.commit();
    }
    assertThat(taskRows(project)).isEqualTo(500);
  }

  @Test
  void a_chunk_that_fails_in_the_background_fails_the_next_wait_and_nothing_is_kept()
      throws Exception {
    long project = nextProject++;
    Instant now = Instant.parse("2030-01-01T10:00:00Z");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      ResultWriter writer = new ResultWriter(connection, project, now, List.of());
      writer.add(new TaskScore(project * 10 + 1, 2, new double[0], 1.0, null));
      writer.flushInBackground();
      // The same task again: its primary key refuses the second chunk.
      writer.add(new TaskScore(project * 10 + 1, 2, new double[0], 1.0, null));
      writer.flushInBackground();
      assertThatThrownBy(writer::await)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("task_agreement_pkey");
      writer.close();
      connection.rollback();
    }
    assertThat(taskRows(project)).isZero();
  }
}
