package io.agreement.worker.job;

import static org.awaitility.Awaitility.await;

import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.generate.DataGenerator;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.common.generate.GeneratorOptions;
import io.agreement.testsupport.SourceRows;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Projects, job rows and job messages for the worker's integration tests: projects come from the
 * data generator, job rows are written straight into {@code agreement.backfill_job} and messages
 * are published to the job exchange, as the API would.
 */
final class WorkerTestData {

  /** Both tags of {@link DataGenerator#LABEL_CONFIG}. */
  static final int TAGS = 2;

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final RabbitTemplate rabbit;
  private final RabbitAdmin admin;
  private final QueueProperties queue;

  WorkerTestData(
      DataSource dataSource, RabbitTemplate rabbit, RabbitAdmin admin, QueueProperties queue) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.rabbit = rabbit;
    this.admin = admin;
    this.queue = queue;
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  /**
   * A new organization with one project of {@code tasks} tasks, each annotated by every annotator.
   */
  GeneratedOrganization organization(int tasks, int annotators) {
    return generate(1, tasks, annotators, 0);
  }

  /** A new organization with one project whose label config is not well-formed. */
  GeneratedOrganization brokenOrganization(int tasks) {
    return generate(1, tasks, 2, 1);
  }

  private GeneratedOrganization generate(int projects, int tasks, int annotators, int broken) {
    GeneratorOptions options =
        new GeneratorOptions(
            projects,
            tasks,
            annotators,
            0.7,
            broken,
            11L,
            "Worker IT " + UUID.randomUUID(),
            null,
            null);
    try {
      return new DataGenerator(dataSource).generate(options);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long project(long organizationId, String labelConfig) {
    return SourceRows.write(dataSource, r -> r.project(organizationId, "p", labelConfig, null));
  }

  long firstTask(long projectId) {
    return jdbc.sql("SELECT min(id) FROM task WHERE project_id = :p")
        .param("p", projectId)
        .query(Long.class)
        .single();
  }

  long lastTask(long projectId) {
    return jdbc.sql("SELECT max(id) FROM task WHERE project_id = :p")
        .param("p", projectId)
        .query(Long.class)
        .single();
  }

  void annotation(long taskId, long projectId, long userId, String resultJson) {
    SourceRows.write(dataSource, r -> r.annotation(taskId, projectId, userId, resultJson));
  }

  /** A job row as the API leaves it once the broker confirmed its message. */
  long queuedJob(GeneratedOrganization org) {
    return job(org.organizationId(), org.projectIds().get(0), "QUEUED", 0);
  }

  long job(long organizationId, long projectId, String status, int attempts) {
    return jdbc.sql(
            """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status, attempts, queued_at,
                completed_at)
            VALUES (:o, :p, :s, :a, now(), CASE WHEN :s IN ('COMPLETED', 'FAILED', 'CANCELLED') THEN now() END)
            RETURNING id
            """)
        .param("o", organizationId)
        .param("p", projectId)
        .param("s", status)
        .param("a", attempts)
        .query(Long.class)
        .single();
  }

  /** Publishes the message the API would publish for this job. */
  void publish(long jobId) {
    var ids =
        jdbc.sql("SELECT project_id, organization_id FROM agreement.backfill_job WHERE id = :id")
            .param("id", jobId)
            .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
            .single();
    publish(jobId, ids[0], ids[1]);
  }

  void publish(long jobId, long projectId, long organizationId) {
    publishRaw(
        "{\"job_id\":%d,\"project_id\":%d,\"organization_id\":%d}"
            .formatted(jobId, projectId, organizationId)
            .getBytes(StandardCharsets.UTF_8));
  }

  void publishRaw(byte[] body) {
    Message message =
        MessageBuilder.withBody(body)
            .setContentType(MessageProperties.CONTENT_TYPE_JSON)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .build();
    rabbit.send(queue.exchange(), QueueProperties.ROUTING_KEY, message);
  }

  /** The job as a worker {@code worker} holds it, its last heartbeat {@code heartbeatAge} ago. */
  void runningOn(long jobId, String worker, Duration heartbeatAge) {
    jdbc.sql(
            """
            UPDATE agreement.backfill_job
            SET status = 'RUNNING', worker_id = :worker, attempts = 1,
                started_at = now() - CAST(:age AS interval), heartbeat_at = now() - CAST(:age AS interval)
            WHERE id = :id
            """)
        .param("worker", worker)
        .param("age", heartbeatAge.toSeconds() + " seconds")
        .param("id", jobId)
        .update();
  }

  /** As the API's cancel does it: the row only, the message stays where it is. */
  void cancel(long jobId) {
    jdbc.sql("UPDATE agreement.backfill_job SET status = 'CANCELLED' WHERE id = :id")
        .param("id", jobId)
        .update();
  }

  String status(long jobId) {
    return jdbc.sql("SELECT status FROM agreement.backfill_job WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .single();
  }

  int attempts(long jobId) {
    return jdbc.sql("SELECT attempts FROM agreement.backfill_job WHERE id = :id")
        .param("id", jobId)
        .query(Integer.class)
        .single();
  }

  String errorMessage(long jobId) {
    return jdbc.sql("SELECT error_message FROM agreement.backfill_job WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  String workerId(long jobId) {
    return jdbc.sql("SELECT worker_id FROM agreement.backfill_job WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** One field of the job's progress json; -1 when absent. */
  long progress(long jobId, String field) {
    return jdbc.sql(
            "SELECT coalesce((progress ->> :f)::bigint, -1) FROM agreement.backfill_job WHERE id = :id")
        .param("f", field)
        .param("id", jobId)
        .query(Long.class)
        .single();
  }

  /** The whole row as json text, to show a row was not touched. */
  String row(long jobId) {
    return jdbc.sql("SELECT row_to_json(j)::text FROM agreement.backfill_job j WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .single();
  }

  /** Every job row, to show a message changed nothing at all. */
  String allRows() {
    return jdbc.sql(
            "SELECT coalesce(json_agg(j ORDER BY j.id)::text, '[]') FROM agreement.backfill_job j")
        .query(String.class)
        .single();
  }

  long rows(String table, long projectId) {
    return jdbc.sql("SELECT count(*) FROM agreement." + table + " WHERE project_id = :p")
        .param("p", projectId)
        .query(Long.class)
        .single();
  }

  /** The project's stored tag scores: one per scored task and tag. */
  long tagScores(long projectId) {
    return jdbc.sql(
            "SELECT coalesce(sum(cardinality(tag_scores)), 0) FROM agreement.task_agreement"
                + " WHERE project_id = :p")
        .param("p", projectId)
        .query(Long.class)
        .single();
  }

  long taskRows(long projectId) {
    return rows("task_agreement", projectId);
  }

  long resultRows(long projectId) {
    return rows("task_agreement", projectId)
        + tagScores(projectId)
        + rows("project_tag_agreement", projectId)
        + rows("project_agreement", projectId)
        + rows("annotator_agreement", projectId)
        + rows("annotator_tag_agreement", projectId);
  }

  long tasks(long projectId) {
    return jdbc.sql("SELECT count(*) FROM task WHERE project_id = :p")
        .param("p", projectId)
        .query(Long.class)
        .single();
  }

  long readyMessages() {
    return admin.getQueueInfo(queue.name()).getMessageCount();
  }

  long deadLetters() {
    return admin.getQueueInfo(queue.deadLetterQueue()).getMessageCount();
  }

  void awaitStatus(long jobId, String status) {
    awaitStatus(jobId, status, Duration.ofSeconds(20));
  }

  void awaitStatus(long jobId, String status, Duration timeout) {
    await("job " + jobId + " " + status)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status(jobId), status::equals);
  }
}
