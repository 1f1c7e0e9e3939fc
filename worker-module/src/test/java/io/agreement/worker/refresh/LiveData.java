package io.agreement.worker.refresh;

import static org.awaitility.Awaitility.await;

import io.agreement.testsupport.SourceRows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Label Studio data for the live refresh tests, the changes Label Studio makes to it, and the
 * service's side: backfills through the job queue, marks and refreshes awaited.
 */
final class LiveData {

  static final String CONFIG =
      "<View><Text name=\"t\" value=\"$t\"/>"
          + "<Choices name=\"sentiment\" toName=\"t\"><Choice value=\"pos\"/><Choice value=\"neg\"/>"
          + "<Choice value=\"neu\"/></Choices>"
          + "<Choices name=\"topics\" toName=\"t\" choice=\"multiple\"><Choice value=\"a\"/>"
          + "<Choice value=\"b\"/><Choice value=\"c\"/></Choices>"
          + "<Rating name=\"stars\" toName=\"t\" maxRating=\"5\"/>"
          + "<Labels name=\"ner\" toName=\"t\"><Label value=\"PER\"/><Label value=\"ORG\"/></Labels>"
          + "</View>";

  private final DataSource dataSource;
  private final RabbitTemplate rabbit;
  private final String jobQueue;
  final JdbcClient jdbc;
  final long organization;
  final List<Long> users = new ArrayList<>();

  LiveData(DataSource dataSource, RabbitTemplate rabbit, String jobQueue) {
    this.dataSource = dataSource;
    this.rabbit = rabbit;
    this.jobQueue = jobQueue;
    this.jdbc = JdbcClient.create(dataSource);
    this.organization =
        SourceRows.write(dataSource, r -> r.organization("Live " + System.nanoTime()));
    for (int u = 0; u < 4; u++) {
      int n = u;
      users.add(
          SourceRows.write(
              dataSource,
              r -> r.user("live" + n + "-" + System.nanoTime() + "@x.org", organization)));
    }
  }

  // --- Label Studio data and its changes ---

  long project(Random random, int taskCount) {
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

  long annotate(long project, long task, Random random) {
    long user = users.get(random.nextInt(users.size()));
    String result = RandomResults.result(random);
    return SourceRows.write(dataSource, r -> r.annotation(task, project, user, result));
  }

  long[] tasks(long project) {
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
  long change(long project, Random random) {
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

  void update(String sql, Object... params) {
    jdbc.sql(sql).params(params).update();
  }

  // --- the service ---

  void backfill(long project) {
    awaitStatus(startBackfill(project), "COMPLETED");
  }

  /** Queues a backfill of the project as the API does; returns its job id. */
  long startBackfill(long project) {
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
        jobQueue,
        "job",
        MessageBuilder.withBody(
                "{\"job_id\":%d,\"project_id\":%d,\"organization_id\":%d}"
                    .formatted(job, project, organization)
                    .getBytes(StandardCharsets.UTF_8))
            .build());
    return job;
  }

  String status(long job) {
    return jdbc.sql("SELECT status FROM agreement.backfill_job WHERE id = ?")
        .param(job)
        .query(String.class)
        .single();
  }

  void awaitStatus(long job, String status) {
    await().atMost(Duration.ofSeconds(60)).until(() -> status(job).equals(status));
  }

  int dirty(long project) {
    return jdbc.sql("SELECT count(*) FROM agreement.dirty_task WHERE project_id = ?")
        .param(project)
        .query(Integer.class)
        .single();
  }

  void awaitRefreshed(long project) {
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
