package io.agreement.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-project job counts the job table keeps (V33) stay equal to counting the jobs, through
 * random inserts, status changes, moves between projects and deletes, one statement or many at a
 * time.
 */
class JobCountIT {

  private static final List<String> STATUSES =
      List.of("PENDING", "QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED");
  private static final List<String> DONE = List.of("COMPLETED", "FAILED", "CANCELLED");

  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;

  @BeforeAll
  static void database() {
    dataSource = Migrations.migratedPool(TestServices.isolatedEnvironment(), 2);
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  private static List<String> counted() {
    return jdbc.sql(
            """
            SELECT organization_id || '/' || project_id || '/' || status || '=' || jobs
            FROM agreement.project_job_count WHERE jobs <> 0 ORDER BY 1
            """)
        .query(String.class)
        .list();
  }

  private static List<String> counting() {
    return jdbc.sql(
            """
            SELECT organization_id || '/' || project_id || '/' || status || '=' || count(*)
            FROM agreement.backfill_job GROUP BY organization_id, project_id, status ORDER BY 1
            """)
        .query(String.class)
        .list();
  }

  @Test
  void counts_follow_every_change_of_the_job_table() {
    Random random = new Random(42);
    for (int step = 0; step < 400; step++) {
      int project = 1 + random.nextInt(12);
      int org = 1 + project % 3;
      switch (random.nextInt(6)) {
        case 0, 1 ->
            jdbc.sql(
                    "INSERT INTO agreement.backfill_job (organization_id, project_id, status)"
                        + " VALUES (:o, :p, :s)")
                .param("o", org)
                .param("p", project)
                .param("s", DONE.get(random.nextInt(DONE.size())))
                .update();
        case 2 ->
            // An active job where the project has none, as a trigger queues it.
            jdbc.sql(
                    """
                    INSERT INTO agreement.backfill_job (organization_id, project_id, status)
                    SELECT :o, :p, :s WHERE NOT EXISTS (SELECT 1 FROM agreement.backfill_job
                        WHERE project_id = :p AND status IN ('PENDING', 'QUEUED', 'RUNNING'))
                    """)
                .param("o", org)
                .param("p", project)
                .param("s", STATUSES.get(random.nextInt(3)))
                .update();
        case 3 ->
            // Every active job of the project moves on, in one statement.
            jdbc.sql(
                    """
                    UPDATE agreement.backfill_job
                    SET status = CASE status WHEN 'PENDING' THEN 'QUEUED'
                                             WHEN 'QUEUED' THEN 'RUNNING' ELSE :done END,
                        progress = '{"tasks_processed": 1}'
                    WHERE project_id = :p AND status IN ('PENDING', 'QUEUED', 'RUNNING')
                    """)
                .param("p", project)
                .param("done", DONE.get(random.nextInt(DONE.size())))
                .update();
        case 4 ->
            // A change that is not a status change, and one that rewrites the same status.
            jdbc.sql(
                    "UPDATE agreement.backfill_job SET attempts = attempts + 1, status = status"
                        + " WHERE project_id = :p")
                .param("p", project)
                .update();
        default ->
            jdbc.sql(
                    """
                    DELETE FROM agreement.backfill_job WHERE id IN (
                        SELECT id FROM agreement.backfill_job WHERE project_id = :p
                        ORDER BY id LIMIT :n)
                    """)
                .param("p", project)
                .param("n", 1 + random.nextInt(3))
                .update();
      }
      if (step % 50 == 49) {
        assertThat(counted()).as("after step %d", step).isEqualTo(counting());
      }
    }
    // Jobs of finished projects moved to another organization, in bulk.
    jdbc.sql(
            "UPDATE agreement.backfill_job SET organization_id = 9, project_id = project_id + 100"
                + " WHERE project_id <= 4 AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')")
        .update();
    assertThat(counted()).isNotEmpty().isEqualTo(counting());
    assertThat(counted()).anyMatch(row -> row.startsWith("9/"));
  }
}
