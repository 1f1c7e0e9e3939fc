package io.agreement.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker's warm-up (SPEC 11): the backfill's code on synthetic projects, nothing written. */
class WarmupIT {

  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = Migrations.migratedPool(TestServices.isolatedEnvironment(), 2);
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  /** Every table of the service's schema with its row count, in one order. */
  private static List<String> rowCounts() {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    return jdbc
        .sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'agreement'"
                + " AND table_type = 'BASE TABLE' ORDER BY 1")
        .query(String.class)
        .list()
        .stream()
        .map(
            t ->
                t
                    + "="
                    + jdbc.sql("SELECT count(*) FROM agreement." + t).query(Long.class).single())
        .toList();
  }

  @Test
  void scores_at_least_the_annotations_asked_for_and_writes_nothing() throws Exception {
    List<String> before = rowCounts();

    long scored = Warmup.run(dataSource, 13_000, 500);

    assertThat(scored).as("whole synthetic projects of 6,000 annotations").isEqualTo(18_000);
    assertThat(rowCounts()).isEqualTo(before);
    try (Connection c = dataSource.getConnection()) {
      assertThat(c.getAutoCommit()).as("the connection goes back as it came").isTrue();
    }
  }

  @Test
  void a_database_that_cannot_answer_skips_it_and_the_worker_starts_all_the_same() {
    // Nothing listens on port 1: the connection is refused at once.
    DataSource down = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/agreement");
    Warmup warmup = new Warmup(down, 6_000, 500);

    warmup.start();

    assertThat(warmup.isRunning()).isTrue();
  }

  /** In a worker: before its listeners take a message, after which it is ready. */
  @Nested
  @SpringBootTest(
      classes = WorkerApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.NONE)
  class InAWorker {

    static final TestServices.Environment ENV = TestServices.isolatedEnvironment();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
      ENV.springProperties().forEach((key, value) -> registry.add(key, () -> value));
      registry.add("agreement.worker.warmup-annotations", () -> "6000");
      registry.add("agreement.live.sweep-enabled", () -> "false");
    }

    @Autowired Warmup warmup;
    @Autowired RabbitListenerEndpointRegistry listeners;
    @Autowired DataSource workerDataSource;

    @Test
    void it_runs_before_the_listeners_start() {
      assertThat(warmup.isRunning()).isTrue();
      assertThat(warmup.getPhase()).isLessThan(listeners.getPhase());
      assertThat(listeners.isRunning()).isTrue();
      assertThat(
              JdbcClient.create(workerDataSource)
                  .sql("SELECT count(*) FROM agreement.task_agreement")
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }
}
