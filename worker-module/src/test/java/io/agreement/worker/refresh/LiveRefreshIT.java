package io.agreement.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.common.live.DirtyMarks;
import io.agreement.testsupport.SourceRows;
import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  static final String CONFIG =
      "<View><Text name=\"t\" value=\"$t\"/>"
          + "<Choices name=\"sentiment\" toName=\"t\"><Choice value=\"pos\"/><Choice value=\"neg\"/>"
          + "<Choice value=\"neu\"/></Choices>"
          + "<Choices name=\"topics\" toName=\"t\" choice=\"multiple\"><Choice value=\"a\"/>"
          + "<Choice value=\"b\"/><Choice value=\"c\"/></Choices>"
          + "<Rating name=\"stars\" toName=\"t\" maxRating=\"5\"/>"
          + "<Labels name=\"ner\" toName=\"t\"><Label value=\"PER\"/><Label value=\"ORG\"/></Labels>"
          + "</View>";

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

  JdbcClient jdbc;
  long organization;
  List<Long> users;

  @BeforeEach
  void setUp() {
    jdbc = JdbcClient.create(dataSource);
    organization = SourceRows.write(dataSource, r -> r.organization("Live " + System.nanoTime()));
    users = new ArrayList<>();
    for (int u = 0; u < 4; u++) {
      int n = u;
      users.add(
          SourceRows.write(
              dataSource,
              r -> r.user("live" + n + "-" + System.nanoTime() + "@x.org", organization)));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void after_random_changes_every_number_equals_a_forced_backfill(long seed) {
    Random random = new Random(seed);
    long project = project(random, 12);
    backfill(project);
    for (int step = 0; step < 30; step++) {
      long task = change(project, random);
      marks.mark(project, new long[] {task}, DirtyMarks.Source.WEBHOOK);
      if (random.nextInt(4) == 0) {
        awaitRefreshed(project);
      }
    }
    awaitRefreshed(project);
    ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
    assertThat(refreshed.taskRows()).isPositive();
    backfill(project);
    refreshed.assertSameNumbersAs(ProjectSnapshot.of(jdbc, project));
  }

  @Test
  void a_project_never_backfilled_is_refreshed_too_and_equals_its_backfill() {
    Random random = new Random(99);
    long project = project(random, 9);
    marks.mark(project, tasks(project), DirtyMarks.Source.SWEEP);
    awaitRefreshed(project);
    assertThat(
            jdbc.sql("SELECT job_id FROM agreement.project_agreement WHERE project_id = ?")
                .param(project)
                .query(Long.class)
                .optional())
        .isEmpty();
    ProjectSnapshot refreshed = ProjectSnapshot.of(jdbc, project);
    assertThat(refreshed.taskRows()).isPositive();
    backfill(project);
    refreshed.assertSameNumbersAs(ProjectSnapshot.of(jdbc, project));
  }

  @Test
  void marking_twice_marks_once_and_an_unreadable_refresh_message_is_dead_lettered() {
    long project = project(new Random(5), 3);
    long task = tasks(project)[0];
    try (var c = dataSource.getConnection()) {
      // holds the project lock as a running backfill would, so the marks stay put meanwhile
      c.createStatement().execute("SELECT pg_advisory_lock(7010, " + project + ")");
      marks.mark(project, new long[] {task, task}, DirtyMarks.Source.WEBHOOK);
      marks.mark(project, new long[] {task}, DirtyMarks.Source.WEBHOOK);
      assertThat(dirty(project)).isEqualTo(1);
      c.createStatement().execute("SELECT pg_advisory_unlock(7010, " + project + ")");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    awaitRefreshed(project);
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

  // --- Label Studio data and its changes ---

  private long project(Random random, int taskCount) {
    long project =
        SourceRows.write(dataSource, r -> r.project(organization, "live", CONFIG, users.get(0)));
    List<Long> tasks =
        SourceRows.write(dataSource, r -> r.tasks(project, taskCount, "'{\"t\": \"x\"}'::jsonb"));
    for (long task : tasks) {
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        annotate(project, task, random);
      }
    }
    return project;
  }

  private long annotate(long project, long task, Random random) {
    long user = users.get(random.nextInt(users.size()));
    String result = RandomResults.result(random);
    return SourceRows.write(dataSource, r -> r.annotation(task, project, user, result));
  }

  private long[] tasks(long project) {
    return jdbc
        .sql("SELECT id FROM task WHERE project_id = ? ORDER BY id")
        .param(project)
        .query(Long.class)
        .list()
        .stream()
        .mapToLong(Long::longValue)
        .toArray();
  }

  /** One random change as Label Studio makes it; returns the task it touched. */
  private long change(long project, Random random) {
    long[] tasks = tasks(project);
    long task = tasks[random.nextInt(tasks.length)];
    List<Long> annotations =
        jdbc.sql("SELECT id FROM task_completion WHERE task_id = ? ORDER BY id")
            .param(task)
            .query(Long.class)
            .list();
    int op = random.nextInt(10);
    if (annotations.isEmpty() || op < 3) {
      annotate(project, task, random);
    } else {
      long annotation = annotations.get(random.nextInt(annotations.size()));
      switch (op) {
        case 3, 4 ->
            update(
                "UPDATE task_completion SET result = CAST(? AS jsonb),"
                    + " updated_at = clock_timestamp() WHERE id = ?",
                RandomResults.result(random),
                annotation);
        case 5 -> update("DELETE FROM task_completion WHERE id = ?", annotation);
        case 6 ->
            update(
                "UPDATE task_completion SET ground_truth = NOT ground_truth,"
                    + " updated_at = clock_timestamp() WHERE id = ?",
                annotation);
        case 7 ->
            update(
                "UPDATE task_completion SET was_cancelled = NOT was_cancelled,"
                    + " updated_at = clock_timestamp() WHERE id = ?",
                annotation);
        case 8 -> {
          update("DELETE FROM task_completion WHERE task_id = ?", task);
          update("DELETE FROM task WHERE id = ?", task);
        }
        default -> {
          long created =
              SourceRows.write(dataSource, r -> r.tasks(project, 1, "'{\"t\": \"y\"}'::jsonb"))
                  .get(0);
          annotate(project, created, random);
          annotate(project, created, random);
          return created;
        }
      }
    }
    update("UPDATE task SET updated_at = clock_timestamp() WHERE id = ?", task);
    return task;
  }

  private void update(String sql, Object... params) {
    jdbc.sql(sql).params(params).update();
  }

  // --- the service ---

  private void backfill(long project) {
    long job =
        jdbc.sql(
                """
                INSERT INTO agreement.backfill_job
                    (organization_id, project_id, status, queued_at, trigger_mode)
                VALUES (?, ?, 'QUEUED', now(), 'project_id') RETURNING id
                """)
            .params(organization, project)
            .query(Long.class)
            .single();
    rabbit.send(
        ENV.queueName(),
        "job",
        MessageBuilder.withBody(
                "{\"job_id\":%d,\"project_id\":%d,\"organization_id\":%d}"
                    .formatted(job, project, organization)
                    .getBytes(StandardCharsets.UTF_8))
            .build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT status FROM agreement.backfill_job WHERE id = ?")
                    .param(job)
                    .query(String.class)
                    .single()
                    .equals("COMPLETED"));
  }

  private int dirty(long project) {
    return jdbc.sql("SELECT count(*) FROM agreement.dirty_task WHERE project_id = ?")
        .param(project)
        .query(Integer.class)
        .single();
  }

  private void awaitRefreshed(long project) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                dirty(project) == 0
                    && jdbc.sql(
                                "SELECT count(*) FROM agreement.refresh_request WHERE project_id = ?")
                            .param(project)
                            .query(Integer.class)
                            .single()
                        == 0);
  }
}
