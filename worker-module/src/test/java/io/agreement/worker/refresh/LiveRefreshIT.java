package io.agreement.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agreement.common.live.DirtyMarks;
import io.agreement.testsupport.ProjectSnapshot;
import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Live refresh in a real worker against real PostgreSQL and RabbitMQ (SPEC 9): after random
 * sequences of annotations created, edited, deleted, cancelled, flagged ground truth and tasks
 * deleted and created, each change marked dirty as a webhook would, every number the project's rows
 * hold equals what a forced full backfill of the same data gives, to 1e-9.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LiveRefreshIT {

  static final TestServices.Environment ENV = TestServices.isolatedEnvironment();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    ENV.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("agreement.worker.retry-backoff", () -> "100ms");
    registry.add("agreement.worker.shutdown-grace", () -> "1s");
    registry.add("agreement.delivery.relay-interval", () -> "1s");
    registry.add("agreement.delivery.relay-grace", () -> "1s");
    registry.add("agreement.live.sweep-enabled", () -> "false");
    registry.add("agreement.live.refresh-batch", () -> "7");
  }

  @Autowired DataSource dataSource;
  @Autowired DirtyMarks marks;
  @Autowired RabbitTemplate rabbit;

  LiveData data;
  JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    data = new LiveData(dataSource, rabbit, ENV.queueName());
    jdbc = data.jdbc;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void after_random_changes_every_number_equals_a_forced_backfill(long seed) {
    Random random = new Random(seed);
    long project = data.project(random, 12);
    data.backfill(project);
    for (int step = 0; step < 30; step++) {
      long task = data.change(project, random);
      marks.mark(project, new long[] {task}, DirtyMarks.Source.WEBHOOK);
      if (random.nextInt(4) == 0) {
        data.awaitRefreshed(project);
      }
    }
    data.awaitRefreshed(project);
    ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
    assertThat(refreshed.taskRows()).isPositive();
    data.backfill(project);
    refreshed.assertSameNumbersAs(ProjectSnapshot.of(jdbc, project));
  }

  @Test
  void a_project_never_backfilled_is_refreshed_too_and_equals_its_backfill() {
    Random random = new Random(99);
    long project = data.project(random, 9);
    marks.mark(project, data.tasks(project), DirtyMarks.Source.SWEEP);
    data.awaitRefreshed(project);
    assertThat(
            jdbc.sql("SELECT job_id FROM agreement.project_agreement WHERE project_id = ?")
                .param(project)
                .query(Long.class)
                .optional())
        .isEmpty();
    ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
    assertThat(refreshed.taskRows()).isPositive();
    data.backfill(project);
    refreshed.assertSameNumbersAs(ProjectSnapshot.of(jdbc, project));
  }

  @Test
  void a_project_scored_by_a_release_without_task_state_gets_a_backfill_first() {
    Random random = new Random(31);
    long project = data.project(random, 6);
    data.backfill(project);
    // What a backfill of an earlier release leaves: results, but no per-task state or config hash.
    jdbc.sql("DELETE FROM agreement.task_state WHERE project_id = ?").param(project).update();
    jdbc.sql("DELETE FROM agreement.project_source WHERE project_id = ?").param(project).update();
    long task = data.change(project, random);
    marks.mark(project, new long[] {task}, DirtyMarks.Source.WEBHOOK);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                            "SELECT count(*) FROM agreement.backfill_job WHERE project_id = ?"
                                + " AND trigger_mode = 'upgrade' AND status = 'COMPLETED'")
                        .param(project)
                        .query(Integer.class)
                        .single()
                    == 1);
    data.awaitRefreshed(project);
    ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
    data.backfill(project);
    refreshed.assertSameNumbersAs(ProjectSnapshot.of(jdbc, project));
  }

  /**
   * A scored task moved to another project (the sweep marks it in both): whichever project is
   * refreshed first, the task's numbers leave the one and join the other, and both equal their
   * backfills.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void a_task_moved_to_another_project_leaves_the_one_and_joins_the_other(boolean targetFirst) {
    Random random = new Random(targetFirst ? 57 : 58);
    long from = data.project(random, 5);
    long to = data.project(random, 5);
    data.backfill(from);
    data.backfill(to);
    long task = data.tasks(from)[0];
    jdbc.sql("UPDATE task SET project_id = ?, updated_at = now() WHERE id = ?")
        .params(to, task)
        .update();
    for (long project : targetFirst ? new long[] {to, from} : new long[] {from, to}) {
      marks.mark(project, new long[] {task}, DirtyMarks.Source.SWEEP);
      data.awaitRefreshed(project);
    }
    assertThat(
            jdbc.sql("SELECT project_id FROM agreement.task_agreement WHERE task_id = ?")
                .param(task)
                .query(Long.class)
                .list())
        .containsExactly(to);
    for (long project : new long[] {from, to}) {
      ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
      data.backfill(project);
      refreshed.assertSameNumbersAs(ProjectSnapshot.of(jdbc, project));
    }
  }

  /**
   * ANNOTATIONS_DELETED names only annotations Label Studio no longer has: the ids wait for the
   * refresh, which finds the tasks they were scored in, and the project's numbers equal a backfill.
   */
  @Test
  void deleted_annotations_are_found_in_their_tasks_by_the_refresh() {
    Random random = new Random(43);
    long project = data.project(random, 4);
    data.backfill(project);
    ProjectSnapshot before = ProjectSnapshot.of(jdbc, project);
    long[] tasks = data.tasks(project);
    long[] deleted =
        jdbc
            .sql(
                "SELECT min(id) FROM task_completion WHERE task_id = ANY(?) GROUP BY task_id"
                    + " ORDER BY 1")
            .param(new Long[] {tasks[0], tasks[1]})
            .query(Long.class)
            .list()
            .stream()
            .mapToLong(Long::longValue)
            .toArray();
    assertThat(deleted).hasSize(2);
    // As Label Studio deletes them, but with no updated_at bump for a sweep to see.
    jdbc.sql("DELETE FROM task_completion WHERE id = ANY(?)")
        .param(new Long[] {deleted[0], deleted[1]})
        .update();
    assertThat(marks.markAnnotations(project, deleted, DirtyMarks.Source.WEBHOOK)).isEqualTo(2);

    data.awaitRefreshed(project);
    ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
    assertThat(
            jdbc.sql("SELECT count(*) FROM agreement.deleted_annotation WHERE project_id = ?")
                .param(project)
                .query(Long.class)
                .single())
        .isZero();
    data.backfill(project);
    ProjectSnapshot backfilled = ProjectSnapshot.of(jdbc, project);
    refreshed.assertSameNumbersAs(backfilled);
    assertThatThrownBy(() -> before.assertSameNumbersAs(backfilled))
        .as("the deletions changed the numbers")
        .isInstanceOf(AssertionError.class);
  }

  /**
   * An annotation created and deleted while its task's refresh runs: the delete event names only
   * the annotation, which neither Label Studio nor the scored state knows by then, so no task can
   * be marked (the next refresh finds no task scored with it); the refresh finds its task changed
   * after it committed and marks it again.
   */
  @Test
  void an_annotation_deleted_while_its_refresh_runs_is_caught_by_the_refresh_itself()
      throws Exception {
    Random random = new Random(41);
    long project = data.project(random, 4);
    data.backfill(project);
    long task = data.tasks(project)[0];
    long added = data.annotate(project, task, random);
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      lock.createStatement()
          .executeQuery(
              "SELECT 1 FROM agreement.project_source WHERE project_id = "
                  + project
                  + " FOR UPDATE");
      marks.mark(project, new long[] {task}, DirtyMarks.Source.WEBHOOK);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  jdbc.sql(
                              "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                  + " AND query LIKE '%agreement.project_source%'")
                          .query(Long.class)
                          .single()
                      > 0);
      jdbc.sql("DELETE FROM task_completion WHERE id = ?").param(added).update();
      assertThat(marks.markAnnotations(project, new long[] {added}, DirtyMarks.Source.WEBHOOK))
          .as("Label Studio no longer tells its task: only its id is queued")
          .isEqualTo(1);
      lock.rollback();
    }
    data.awaitRefreshed(project);
    ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
    data.backfill(project);
    refreshed.assertSameNumbersAs(ProjectSnapshot.of(jdbc, project));
  }

  @Test
  void marking_twice_marks_once_and_an_unreadable_refresh_message_is_dead_lettered() {
    long project = data.project(new Random(5), 3);
    long task = data.tasks(project)[0];
    try (var c = dataSource.getConnection()) {
      // holds the project lock as a running backfill would, so the marks stay put meanwhile
      c.createStatement().execute("SELECT pg_advisory_lock(7010, " + project + ")");
      marks.mark(project, new long[] {task, task}, DirtyMarks.Source.WEBHOOK);
      marks.mark(project, new long[] {task}, DirtyMarks.Source.WEBHOOK);
      assertThat(data.dirty(project)).isEqualTo(1);
      c.createStatement().execute("SELECT pg_advisory_unlock(7010, " + project + ")");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    data.awaitRefreshed(project);
    rabbit.send(
        ENV.queueName() + "-refresh",
        "refresh",
        MessageBuilder.withBody("{\"project_id\": \"7\"}".getBytes(StandardCharsets.UTF_8))
            .build());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rabbit.execute(ch -> ch.messageCount(ENV.queueName() + "-refresh.dead-letter"))
                    == 1);
  }
}
