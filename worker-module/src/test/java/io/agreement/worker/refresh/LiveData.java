package io.agreement.worker.refresh;

import static org.awaitility.Awaitility.await;

import io.agreement.testsupport.LabelStudioActivity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The live refresh tests' Label Studio ({@link LabelStudioActivity}) and the service's side:
 * backfills through the job queue, marks and refreshes awaited.
 */
final class LiveData {

  private final RabbitTemplate rabbit;
  private final String jobQueue;
  final JdbcClient jdbc;
  final LabelStudioActivity labelStudio;
  final long organization;

  LiveData(DataSource dataSource, RabbitTemplate rabbit, String jobQueue) {
    this.rabbit = rabbit;
    this.jobQueue = jobQueue;
    this.jdbc = JdbcClient.create(dataSource);
    this.labelStudio = new LabelStudioActivity(dataSource);
    this.organization = labelStudio.organization;
  }

  long project(Random random, int taskCount) {
    return labelStudio.project(random, taskCount);
  }

  long annotate(long project, long task, Random random) {
    return labelStudio.annotate(project, task, random);
  }

  long[] tasks(long project) {
    return labelStudio.tasks(project);
  }

  /** One random change as Label Studio makes it; returns the task it touched. */
  long change(long project, Random random) {
    return labelStudio.change(project, random).task();
  }

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
                                "SELECT count(*) FROM agreement.deleted_annotation"
                                    + " WHERE project_id = ?")
                            .param(project)
                            .query(Integer.class)
                            .single()
                        == 0
                    && jdbc.sql(
                                "SELECT count(*) FROM agreement.refresh_request WHERE project_id = ?")
                            .param(project)
                            .query(Integer.class)
                            .single()
                        == 0);
  }
}
