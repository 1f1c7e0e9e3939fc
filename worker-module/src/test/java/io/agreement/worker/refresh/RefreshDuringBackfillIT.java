package io.agreement.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.common.live.DirtyMarks;
import io.agreement.testsupport.ProjectSnapshot;
import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A change marked while the project's backfill runs (SPEC 9): its refresh waits, the mark kept, and
 * runs once the backfill ends, whose snapshot may predate it. The backfill is slowed down by a
 * pause after every two tasks so the change lands in the middle of it.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RefreshDuringBackfillIT {

  static final TestServices.Environment ENV = TestServices.isolatedEnvironment();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    ENV.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("agreement.worker.chunk-size", () -> "2");
    registry.add("agreement.worker.chunk-pause", () -> "250ms");
    registry.add("agreement.worker.heartbeat-interval", () -> "200ms");
    registry.add("agreement.worker.shutdown-grace", () -> "1s");
    registry.add("agreement.live.sweep-enabled", () -> "false");
  }

  @Autowired DataSource dataSource;
  @Autowired DirtyMarks marks;
  @Autowired RabbitTemplate rabbit;

  @Test
  void a_change_during_a_running_backfill_waits_for_it_and_is_then_refreshed() {
    LiveData data = new LiveData(dataSource, rabbit, ENV.queueName());
    Random random = new Random(17);
    long project = data.project(random, 20);
    long job = data.startBackfill(project);
    // Past its snapshot: the first chunks are written.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                data.jdbc
                        .sql(
                            "SELECT coalesce((progress ->> 'tasks_processed')::int, 0)"
                                + " FROM agreement.backfill_job WHERE id = ?")
                        .param(job)
                        .query(Integer.class)
                        .single()
                    >= 2);

    long task = data.change(project, random);
    marks.mark(project, new long[] {task}, DirtyMarks.Source.WEBHOOK);
    // The refresh the mark asked for runs meanwhile and finds the backfill running.
    org.awaitility.Awaitility.await()
        .during(java.time.Duration.ofMillis(700))
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> data.status(job).equals("RUNNING") && data.dirty(project) == 1);

    data.awaitStatus(job, "COMPLETED");
    data.awaitRefreshed(project);
    ProjectSnapshot refreshed = ProjectSnapshot.of(data.jdbc, project);
    data.backfill(project);
    refreshed.assertSameNumbersAs(ProjectSnapshot.of(data.jdbc, project));
  }

  /**
   * Settings changed through the API while a backfill runs can queue no backfill (one is active);
   * the backfill leaves the results stale, and its end queues the forced one.
   */
  @Test
  void settings_changed_during_a_backfill_get_their_own_backfill_after_it() {
    LiveData data = new LiveData(dataSource, rabbit, ENV.queueName());
    long project = data.project(new Random(23), 14);
    long job = data.startBackfill(project);
    data.awaitStatus(job, "RUNNING");
    data.jdbc
        .sql(
            "INSERT INTO agreement.project_settings (project_id, version) VALUES (?, 1)"
                + " ON CONFLICT (project_id) DO UPDATE SET version ="
                + " agreement.project_settings.version + 1")
        .param(project)
        .update();
    data.awaitStatus(job, "COMPLETED");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(
            () ->
                data.jdbc
                        .sql(
                            "SELECT count(*) FROM agreement.backfill_job WHERE project_id = ?"
                                + " AND trigger_mode = 'settings_change' AND status = 'COMPLETED'")
                        .param(project)
                        .query(Integer.class)
                        .single()
                    == 1);
    assertThat(
            data.jdbc
                .sql("SELECT stale FROM agreement.project_agreement WHERE project_id = ?")
                .param(project)
                .query(Boolean.class)
                .single())
        .isFalse();
  }
}
