package io.agreement.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

/**
 * The worker in-process against real PostgreSQL and RabbitMQ: job rows are written straight into
 * the table and their messages published to the job exchange, as the API does. The worker runs with
 * a short lease, a fast reaper and fast heartbeats, so rescue scenarios take seconds.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WorkerIT {

  static final int MAX_ATTEMPTS = 3;
  static final String WORKER_ID = "it-worker";
  static final TestServices.Environment ENV = TestServices.isolatedEnvironment();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    workerProperties(registry, ENV);
  }

  static void workerProperties(DynamicPropertyRegistry registry, TestServices.Environment env) {
    env.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("agreement.worker.id", () -> WORKER_ID);
    // Jobs alone: the sweep's first pass would refresh the freshly generated tasks.
    registry.add("agreement.live.sweep-enabled", () -> "false");
    registry.add("agreement.worker.lease", () -> "3s");
    registry.add("agreement.worker.reaper-interval", () -> "1s");
    registry.add("agreement.worker.heartbeat-interval", () -> "500ms");
    registry.add("agreement.worker.max-attempts", () -> MAX_ATTEMPTS);
    registry.add("agreement.worker.retry-backoff", () -> "100ms");
    registry.add("agreement.worker.shutdown-grace", () -> "1s");
    registry.add("agreement.delivery.relay-interval", () -> "1s");
    registry.add("agreement.delivery.relay-grace", () -> "1s");
  }

  @Autowired DataSource dataSource;
  @Autowired RabbitTemplate rabbit;
  @Autowired RabbitAdmin admin;
  @Autowired QueueProperties queue;
  @Autowired MeterRegistry meters;
  @Autowired StaleJobReaper reaper;

  WorkerTestData data;

  @BeforeEach
  void setUpData() {
    data = new WorkerTestData(dataSource, rabbit, admin, queue);
  }

  double counter(String name, String... tags) {
    return meters.counter(name, tags).count();
  }

  double duplicatesDropped(String status) {
    return counter("agreement.worker.duplicates.dropped", "status", status);
  }

  double finished(String outcome) {
    return counter("agreement.worker.jobs.finished", "outcome", outcome);
  }

  double malformed() {
    return counter("agreement.worker.messages.dead.lettered", "reason", "malformed");
  }

  double claimConflicts() {
    return counter("agreement.worker.claim.conflicts");
  }

  /** Runs a fresh good job through the worker: proves the listener still takes messages. */
  void aGoodJobStillCompletes() {
    GeneratedOrganization org = data.organization(4, 2);
    long job = data.queuedJob(org);
    data.publish(job);
    data.awaitStatus(job, "COMPLETED");
    assertThat(data.taskRows(org.projectIds().get(0))).isEqualTo(4);
  }

  @Nested
  class HappyPath {

    @Test
    void a_queued_job_completes_and_writes_results_for_every_task() {
      int tasks = 12;
      int annotators = 3;
      GeneratedOrganization org = data.organization(tasks, annotators);
      long project = org.projectIds().get(0);
      long job = data.queuedJob(org);

      data.publish(job);

      data.awaitStatus(job, "COMPLETED");
      assertThat(data.attempts(job)).isEqualTo(1);
      assertThat(data.workerId(job)).startsWith(WORKER_ID + "/");
      assertThat(data.errorMessage(job)).isNull();
      assertThat(data.rows("task_agreement", project)).isEqualTo(tasks);
      assertThat(data.tagScores(project)).isEqualTo((long) tasks * WorkerTestData.TAGS);
      assertThat(data.rows("project_tag_agreement", project)).isEqualTo(WorkerTestData.TAGS);
      assertThat(data.rows("project_agreement", project)).isEqualTo(1);
      assertThat(data.rows("annotator_agreement", project)).isEqualTo(annotators);
      assertThat(data.rows("tag_statistics", project)).as("the Choices tag").isEqualTo(1);
      assertThat(data.progress(job, "tasks_total")).isEqualTo(tasks);
      assertThat(data.progress(job, "tasks_processed")).isEqualTo(tasks);
      assertThat(data.progress(job, "annotations_processed")).isEqualTo((long) tasks * annotators);
      assertThat(data.progress(job, "annotations_skipped")).isZero();
      assertThat(
              data.jdbc()
                  .sql("SELECT job_id FROM agreement.project_agreement WHERE project_id = :p")
                  .param("p", project)
                  .query(Long.class)
                  .single())
          .isEqualTo(job);
      assertThat(
              data.jdbc()
                  .sql("SELECT tasks_scored FROM agreement.project_agreement WHERE project_id = :p")
                  .param("p", project)
                  .query(Integer.class)
                  .single())
          .isEqualTo(tasks);
    }

    @Test
    void re_running_a_completed_project_replaces_its_results_instead_of_duplicating_them() {
      GeneratedOrganization org = data.organization(10, 3);
      long project = org.projectIds().get(0);
      long first = data.queuedJob(org);
      data.publish(first);
      data.awaitStatus(first, "COMPLETED");
      long[] before = counts(project);

      long second = data.queuedJob(org);
      data.publish(second);
      data.awaitStatus(second, "COMPLETED");

      assertThat(counts(project)).containsExactly(before);
      assertThat(data.rows("task_agreement", project)).isEqualTo(10);
      assertThat(data.rows("tag_statistics", project)).isEqualTo(1);
      assertThat(
              data.jdbc()
                  .sql("SELECT job_id FROM agreement.project_agreement WHERE project_id = :p")
                  .param("p", project)
                  .query(Long.class)
                  .single())
          .isEqualTo(second);
      assertThat(
              data.jdbc()
                  .sql(
                      """
              SELECT count(DISTINCT computed_at) FROM (
                SELECT computed_at FROM agreement.task_agreement WHERE project_id = :p
                UNION ALL
                SELECT computed_at FROM agreement.project_agreement WHERE project_id = :p
                UNION ALL
                SELECT computed_at FROM agreement.tag_statistics WHERE project_id = :p) r
              """)
                  .param("p", project)
                  .query(Long.class)
                  .single())
          .as("every result row of the project comes from the second run")
          .isEqualTo(1);
    }

    @Test
    void an_annotation_whose_result_the_engine_cannot_read_is_skipped_and_counted() {
      int tasks = 5;
      GeneratedOrganization org = data.organization(tasks, 3);
      long project = org.projectIds().get(0);
      long user = org.annotatorIds().get(0);
      data.annotation(data.firstTask(project), project, user, "{\"not\": \"an array\"}");
      data.annotation(
          data.lastTask(project),
          project,
          user,
          "[{\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":\"Positive\"}]");
      // A span without an end: that item goes, the annotation's choice still counts.
      data.annotation(
          data.lastTask(project),
          project,
          org.annotatorIds().get(1),
          "[{\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\","
              + "\"value\":{\"choices\":[\"Positive\"]}},"
              + "{\"from_name\":\"entities\",\"to_name\":\"text\",\"type\":\"labels\","
              + "\"value\":{\"start\":0,\"labels\":[\"PER\"]}}]");
      long job = data.queuedJob(org);

      data.publish(job);

      data.awaitStatus(job, "COMPLETED");
      assertThat(data.progress(job, "annotations_skipped")).isEqualTo(2);
      assertThat(data.progress(job, "result_items_skipped")).isEqualTo(1);
      assertThat(data.progress(job, "annotations_processed")).isEqualTo(tasks * 3L + 1);
      assertThat(data.progress(job, "tasks_processed")).isEqualTo(tasks);
      assertThat(data.rows("task_agreement", project)).isEqualTo(tasks);
    }

    private long[] counts(long project) {
      return new long[] {
        data.rows("task_agreement", project), data.tagScores(project),
        data.rows("project_tag_agreement", project), data.rows("project_agreement", project),
        data.rows("annotator_agreement", project), data.rows("annotator_tag_agreement", project)
      };
    }
  }

  @Nested
  class DuplicateMessages {

    @Test
    void the_same_message_published_three_times_runs_the_job_once() {
      GeneratedOrganization org = data.organization(6, 2);
      long job = data.queuedJob(org);
      double dropped = duplicatesDropped("completed");
      long deadLetters = data.deadLetters();

      data.publish(job);
      data.publish(job);
      data.publish(job);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> duplicatesDropped("completed") - dropped >= 2);
      assertThat(data.status(job)).isEqualTo("COMPLETED");
      assertThat(data.attempts(job)).isEqualTo(1);
      assertThat(duplicatesDropped("completed") - dropped).isEqualTo(2);
      assertThat(data.readyMessages()).isZero();
      aGoodJobStillCompletes();
      assertThat(data.deadLetters()).as("nothing dead-lettered").isEqualTo(deadLetters);
      assertThat(data.taskRows(org.projectIds().get(0))).isEqualTo(6);
    }

    @Test
    void a_message_for_a_completed_or_cancelled_job_is_dropped_without_touching_the_row() {
      GeneratedOrganization org = data.organization(3, 2);
      long project = org.projectIds().get(0);
      long completed = data.job(org.organizationId(), project, "COMPLETED", 1);
      long cancelled = data.job(org.organizationId(), project, "CANCELLED", 1);
      String completedRow = data.row(completed);
      String cancelledRow = data.row(cancelled);
      double droppedCompleted = duplicatesDropped("completed");
      double droppedCancelled = duplicatesDropped("cancelled");
      long deadLetters = data.deadLetters();

      data.publish(completed);
      data.publish(cancelled);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  duplicatesDropped("completed") > droppedCompleted
                      && duplicatesDropped("cancelled") > droppedCancelled);
      assertThat(data.row(completed)).isEqualTo(completedRow);
      assertThat(data.row(cancelled)).isEqualTo(cancelledRow);
      assertThat(data.resultRows(project)).isZero();
      aGoodJobStillCompletes();
      assertThat(data.readyMessages()).isZero();
      assertThat(data.deadLetters()).isEqualTo(deadLetters);
    }

    @Test
    void a_message_for_a_job_that_does_not_exist_is_dropped() {
      double missing = duplicatesDropped("missing");
      long deadLetters = data.deadLetters();
      String rows = data.allRows();

      data.publish(Long.MAX_VALUE / 2, 1, 1);

      await().atMost(Duration.ofSeconds(10)).until(() -> duplicatesDropped("missing") > missing);
      assertThat(data.allRows()).isEqualTo(rows);
      aGoodJobStillCompletes();
      assertThat(data.deadLetters()).isEqualTo(deadLetters);
    }

    @Test
    void a_redelivered_message_of_a_job_a_live_worker_runs_is_dropped_and_the_row_left_alone() {
      GeneratedOrganization org = data.organization(3, 2);
      long project = org.projectIds().get(0);
      long job = data.job(org.organizationId(), project, "QUEUED", 0);
      data.runningOn(job, "other", Duration.ZERO);
      String row = data.row(job);
      double conflicts = claimConflicts();
      long deadLetters = data.deadLetters();

      data.publish(job);

      try {
        await().atMost(Duration.ofSeconds(2)).until(() -> claimConflicts() > conflicts);
        assertThat(data.row(job)).as("the live worker's row is not touched").isEqualTo(row);
        assertThat(data.resultRows(project)).isZero();
        assertThat(data.readyMessages()).isZero();
        assertThat(data.deadLetters()).isEqualTo(deadLetters);
      } finally {
        // The heartbeat of 'other' never moves: take the row out of the reaper's way.
        data.cancel(job);
      }
    }
  }

  @Nested
  class MalformedMessages {

    @Test
    void hostile_and_malformed_messages_are_dead_lettered_and_change_nothing() {
      GeneratedOrganization org = data.organization(4, 2);
      long project = org.projectIds().get(0);
      long sentinel = data.queuedJob(org);
      String ids =
          ",\"project_id\":%d,\"organization_id\":%d}".formatted(project, org.organizationId());
      List<byte[]> bodies = new ArrayList<>();
      bodies.add(utf8("this is not json"));
      bodies.add(new byte[0]);
      bodies.add(utf8("[{\"job_id\":" + sentinel + ids + "]"));
      bodies.add(
          utf8(
              "{\"project_id\":" + project + ",\"organization_id\":" + org.organizationId() + "}"));
      bodies.add(utf8("{\"job_id\":0" + ids));
      bodies.add(utf8("{\"job_id\":-" + sentinel + ids));
      bodies.add(utf8("{\"job_id\":\"abc\"" + ids));
      bodies.add(utf8("{\"job_id\":\"" + sentinel + "\"" + ids));
      bodies.add(utf8("{\"job_id\":" + sentinel + ".5" + ids));
      bodies.add(utf8("null"));
      bodies.add(utf8("{\"job_id\":" + sentinel + ",\"project_id\":" + project + "}"));
      bodies.add(utf8("{\"job_id\":" + sentinel + ",\"project_id\":\"x\"}"));
      bodies.add(utf8("{\"job_id\":99999999999999999999999" + ids));
      bodies.add(truncated(sentinel, ids));
      bodies.add(utf8("42"));
      bodies.add(utf8("\"" + sentinel + "\""));
      bodies.add(megabyte());
      bodies.add(utf8("[".repeat(1 << 20)));
      bodies.add(invalidUtf8(sentinel, ids));
      String rows = data.allRows();
      long deadLetters = data.deadLetters();
      double malformed = malformed();

      bodies.forEach(data::publishRaw);

      await("every bad message in the dead-letter queue")
          .atMost(Duration.ofSeconds(20))
          .until(data::deadLetters, n -> n == deadLetters + bodies.size());
      assertThat(malformed() - malformed).isEqualTo(bodies.size());
      assertThat(data.readyMessages()).isZero();
      assertThat(data.allRows()).as("no job row changed").isEqualTo(rows);
      assertThat(data.resultRows(project)).isZero();

      data.publish(sentinel);
      data.awaitStatus(sentinel, "COMPLETED");
      assertThat(data.attempts(sentinel)).isEqualTo(1);
      assertThat(data.deadLetters()).isEqualTo(deadLetters + bodies.size());
    }

    private static byte[] truncated(long sentinel, String ids) {
      String whole = "{\"job_id\":" + sentinel + ids;
      return utf8(whole.substring(0, whole.length() - 1));
    }

    private static byte[] megabyte() {
      return utf8("{\"padding\":\"" + "x".repeat(1 << 20) + "\"}");
    }

    private static byte[] invalidUtf8(long sentinel, String ids) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(utf8("{\"job_id\":\""));
      out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
      out.writeBytes(utf8("\"" + ids));
      return out.toByteArray();
    }

    private static byte[] utf8(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  @Nested
  class JobsThatCannotSucceed {

    @Test
    void
        broken_deleted_and_hostile_projects_fail_with_a_clear_error_and_their_messages_are_acked() {
      GeneratedOrganization broken = data.brokenOrganization(3);
      long brokenJob = data.queuedJob(broken);
      GeneratedOrganization deleted = data.organization(3, 2);
      long deletedJob = data.queuedJob(deleted);
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = :p")
          .param("p", deleted.projectIds().get(0))
          .update();
      long laughsProject = data.project(deleted.organizationId(), BILLION_LAUGHS);
      long laughsJob = data.job(deleted.organizationId(), laughsProject, "QUEUED", 0);
      long xxeProject = data.project(deleted.organizationId(), EXTERNAL_ENTITY);
      long xxeJob = data.job(deleted.organizationId(), xxeProject, "QUEUED", 0);
      Map<Long, String> expectedErrors =
          Map.of(
              brokenJob, "Invalid label config: label config is not well-formed XML",
              deletedJob, "Project " + deleted.projectIds().get(0) + " no longer exists",
              laughsJob,
                  "Invalid label config: label config must not contain a DOCTYPE declaration",
              xxeJob, "Invalid label config: label config must not contain a DOCTYPE declaration");
      long deadLetters = data.deadLetters();
      double failed = finished("failed");

      expectedErrors.keySet().forEach(data::publish);

      expectedErrors.forEach(
          (job, error) -> {
            data.awaitStatus(job, "FAILED");
            assertThat(data.errorMessage(job)).as("error of job %d", job).startsWith(error);
            assertThat(data.errorMessage(job)).doesNotContain("root:");
            assertThat(data.attempts(job)).isEqualTo(1);
            assertThat(
                    data.jdbc()
                        .sql(
                            "SELECT completed_at IS NOT NULL FROM agreement.backfill_job WHERE id = :id")
                        .param("id", job)
                        .query(Boolean.class)
                        .single())
                .isTrue();
          });
      assertThat(finished("failed") - failed).isEqualTo(expectedErrors.size());
      for (long project :
          List.of(
              broken.projectIds().get(0), deleted.projectIds().get(0), laughsProject, xxeProject)) {
        assertThat(data.resultRows(project)).isZero();
      }
      aGoodJobStillCompletes();
      assertThat(data.readyMessages()).isZero();
      assertThat(data.deadLetters())
          .as("failed jobs' messages are acked, not dead-lettered")
          .isEqualTo(deadLetters);
    }

    @Test
    void a_job_out_of_attempts_is_failed_without_running_again() {
      GeneratedOrganization org = data.organization(3, 2);
      long project = org.projectIds().get(0);
      long job = data.job(org.organizationId(), project, "QUEUED", MAX_ATTEMPTS);
      long deadLetters = data.deadLetters();
      double failed = finished("failed");

      data.publish(job);

      data.awaitStatus(job, "FAILED");
      assertThat(data.errorMessage(job)).startsWith("Gave up after " + MAX_ATTEMPTS + " attempts");
      assertThat(data.attempts(job)).isEqualTo(MAX_ATTEMPTS + 1);
      assertThat(data.resultRows(project)).isZero();
      aGoodJobStillCompletes();
      assertThat(finished("failed") - failed).isEqualTo(1);
      assertThat(data.attempts(job))
          .as("no loop: the job is not claimed again")
          .isEqualTo(MAX_ATTEMPTS + 1);
      assertThat(data.readyMessages()).isZero();
      assertThat(data.deadLetters()).isEqualTo(deadLetters);
    }
  }

  @Nested
  class Rescue {

    @Test
    void a_job_held_by_a_dead_worker_is_rescued_by_the_reaper_and_completes_once() {
      GeneratedOrganization org = data.organization(5, 2);
      long project = org.projectIds().get(0);
      long job = data.job(org.organizationId(), project, "QUEUED", 0);
      data.runningOn(job, "ghost", Duration.ofMinutes(1));
      double rescued = counter("agreement.worker.stale.jobs.rescued");

      int rescuedHere = reaper.rescueStale();

      data.awaitStatus(job, "COMPLETED");
      assertThat(rescuedHere).as("this pass or the scheduled one rescued it").isBetween(0, 1);
      assertThat(counter("agreement.worker.stale.jobs.rescued") - rescued)
          .as("rescued exactly once")
          .isEqualTo(1);
      assertThat(data.attempts(job)).isEqualTo(2);
      assertThat(data.workerId(job)).startsWith(WORKER_ID + "/");
      assertThat(data.taskRows(project)).isEqualTo(5);
      assertThat(reaper.rescueStale()).isZero();
    }

    @Test
    void a_queued_job_whose_message_is_gone_is_published_again_and_completes_once() {
      GeneratedOrganization org = data.organization(4, 2);
      long project = org.projectIds().get(0);
      long job = data.job(org.organizationId(), project, "QUEUED", 0);
      data.jdbc()
          .sql(
              "UPDATE agreement.backfill_job SET queued_at = now() - interval '10 minutes' WHERE id = :id")
          .param("id", job)
          .update();
      double requeued = counter("agreement.worker.orphaned.jobs.requeued");

      reaper.requeueOrphaned();

      data.awaitStatus(job, "COMPLETED");
      assertThat(counter("agreement.worker.orphaned.jobs.requeued") - requeued)
          .as("published again exactly once")
          .isEqualTo(1);
      assertThat(data.attempts(job)).isEqualTo(1);
      assertThat(data.taskRows(project)).isEqualTo(4);
    }

    @Test
    void a_recently_queued_job_is_not_published_again() {
      GeneratedOrganization org = data.organization(2, 2);
      long job = data.job(org.organizationId(), org.projectIds().get(0), "QUEUED", 0);
      data.jdbc()
          .sql("UPDATE agreement.backfill_job SET queued_at = now() WHERE id = :id")
          .param("id", job)
          .update();

      assertThat(reaper.requeueOrphaned()).isZero();
      assertThat(data.status(job)).isEqualTo("QUEUED");
      data.cancel(job);
    }

    @Test
    void the_reaper_leaves_jobs_with_a_fresh_heartbeat_alone() {
      GeneratedOrganization org = data.organization(3, 2);
      long job = data.job(org.organizationId(), org.projectIds().get(0), "QUEUED", 0);
      data.runningOn(job, "other", Duration.ZERO);
      String row = data.row(job);
      try {
        reaper.rescueStale();
        assertThat(data.row(job)).isEqualTo(row);
      } finally {
        data.cancel(job);
      }
    }
  }

  /** A worker that pauses between small chunks, so a job stays RUNNING long enough to cancel it. */
  @Nested
  @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
  @SpringBootTest(
      classes = WorkerApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.NONE)
  class SlowWorker {

    static final TestServices.Environment SLOW_ENV = TestServices.isolatedEnvironment();

    @DynamicPropertySource
    static void slowServices(DynamicPropertyRegistry registry) {
      workerProperties(registry, SLOW_ENV);
      registry.add("agreement.worker.chunk-size", () -> "10");
      registry.add("agreement.worker.chunk-pause", () -> "200ms");
    }

    @Autowired DataSource slowDataSource;
    @Autowired RabbitTemplate slowRabbit;
    @Autowired RabbitAdmin slowAdmin;
    @Autowired QueueProperties slowQueue;
    @Autowired MeterRegistry slowMeters;

    WorkerTestData slow;

    @BeforeEach
    void setUpSlowData() {
      slow = new WorkerTestData(slowDataSource, slowRabbit, slowAdmin, slowQueue);
    }

    @Test
    void a_running_job_cancelled_in_the_table_stops_within_seconds_and_writes_nothing() {
      GeneratedOrganization org = slow.organization(300, 2);
      long project = org.projectIds().get(0);
      long job = slow.queuedJob(org);
      double cancelledBefore =
          slowMeters.counter("agreement.worker.jobs.finished", "outcome", "cancelled").count();
      long deadLetters = slow.deadLetters();
      double tagScoresBefore = slowMeters.counter("agreement.worker.tag.scores.written").count();

      slow.publish(job);
      await("job running with progress")
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  slow.status(job).equals("RUNNING") && slow.progress(job, "tasks_processed") > 0);
      slow.cancel(job);

      await("the worker stops the cancelled job")
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  slowMeters
                          .counter("agreement.worker.jobs.finished", "outcome", "cancelled")
                          .count()
                      > cancelledBefore);
      assertThat(slow.status(job)).isEqualTo("CANCELLED");
      assertThat(slow.progress(job, "tasks_processed"))
          .as("stopped before the end")
          .isLessThan(300);
      assertThat(slow.resultRows(project)).as("a cancelled job rolls back").isZero();
      assertThat(slow.rows("tag_statistics", project)).isZero();
      assertThat(slow.readyMessages()).isZero();
      assertThat(slow.deadLetters()).isEqualTo(deadLetters);

      GeneratedOrganization next = slow.organization(20, 2);
      long nextJob = slow.queuedJob(next);
      slow.publish(nextJob);
      slow.awaitStatus(nextJob, "COMPLETED");
      assertThat(slow.taskRows(next.projectIds().get(0))).isEqualTo(20);
      assertThat(
              JdbcClient.create(slowDataSource)
                  .sql(
                      "SELECT extract(epoch FROM completed_at - started_at)"
                          + " FROM agreement.backfill_job WHERE id = :id")
                  .param("id", nextJob)
                  .query(Double.class)
                  .single())
          .as("completed when it completed: two chunks of 10 tasks, 200 ms after each")
          .isGreaterThanOrEqualTo(0.4);
      assertThat(slowMeters.counter("agreement.worker.tag.scores.written").count())
          .as("only committed tag scores count, not the cancelled job's rolled-back ones")
          .isEqualTo(tagScoresBefore + slow.tagScores(next.projectIds().get(0)));
    }
  }

  static final String BILLION_LAUGHS =
      """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [
        <!ENTITY lol "lol">
        <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
        <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
        <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
      ]>
      <View><Text name="text" value="&lol9;"/>
        <Choices name="c" toName="text"><Choice value="&lol9;"/></Choices></View>
      """;

  static final String EXTERNAL_ENTITY =
      """
      <?xml version="1.0"?>
      <!DOCTYPE view [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <View><Text name="text" value="$text"/>
        <Choices name="c" toName="text"><Choice value="&xxe;"/></Choices></View>
      """;
}
