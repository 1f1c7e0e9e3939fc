package io.agreement.api.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Workers killed, stopped and cancelled mid-job: the job still completes exactly once, or stops
 * cleanly.
 */
class WorkerFailureIT extends IntegrationTest {

  private static final String BACKFILL = "/api/dimensions/backfill/";
  private static final int TASKS = 400;
  private GeneratedOrganization org;
  private ApiClient owner;
  private long project;

  @BeforeEach
  void slowProject() {
    org = data.organization(1, TASKS, 3, 0);
    owner = api(org.token());
    project = org.projectIds().get(0);
  }

  @Test
  void worker_killed_mid_job_loses_nothing_and_the_job_completes_once() throws Exception {
    long job;
    try (WorkerProcess victim = WorkerProcess.start(ENV, "victim", slow())) {
      job = trigger();
      awaitRunningOn(job, "victim");
      victim.kill();
    }
    try (WorkerProcess rescuer = WorkerProcess.start(ENV, "rescuer", fast())) {
      awaitStatus(job, "COMPLETED", Duration.ofMinutes(2));
    }
    JsonNode status = jobJson(job);
    assertThat(status.get("attempts").asInt()).isEqualTo(2);
    assertThat(status.get("worker_id").asString()).startsWith("rescuer/");
    assertThat(data.jobStatuses(project)).containsExactly("COMPLETED");
    assertThat(taskRows()).isEqualTo(TASKS);
  }

  @Test
  void sigterm_hands_the_job_back_and_exits_zero() throws Exception {
    long job;
    try (WorkerProcess stopping = WorkerProcess.start(ENV, "stopping", slow())) {
      job = trigger();
      awaitRunningOn(job, "stopping");
      assertThat(stopping.terminate(Duration.ofSeconds(60))).isZero();
      assertThat(stopping.log()).contains("handed_back");
    }
    assertThat(data.jobStatus(job)).as("handed back through the outbox").isIn("PENDING", "QUEUED");
    assertThat(taskRows()).isZero();
    try (WorkerProcess next = WorkerProcess.start(ENV, "next", fast())) {
      awaitStatus(job, "COMPLETED", Duration.ofMinutes(2));
    }
    assertThat(data.jobStatuses(project)).containsExactly("COMPLETED");
    assertThat(jobJson(job).get("attempts").asInt())
        .as("a clean hand-back costs no attempt")
        .isEqualTo(1);
    assertThat(taskRows()).isEqualTo(TASKS);
  }

  @Test
  void cancelling_a_running_job_stops_it_and_writes_nothing() throws Exception {
    try (WorkerProcess worker = WorkerProcess.start(ENV, "cancelled", slow())) {
      long job = trigger();
      awaitRunningOn(job, "cancelled");
      JsonNode answer = owner.delete(BACKFILL + "?project_id=" + project).body();
      assertThat(answer.get("cancelled_count").asInt()).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> worker.log().contains("Job " + job + " cancelled"));
      assertThat(data.jobStatus(job)).isEqualTo("CANCELLED");
      assertThat(taskRows()).isZero();
      assertThat(worker.isAlive()).isTrue();
    }
  }

  private long trigger() {
    return owner.post(BACKFILL, "{\"project_id\": " + project + "}").firstJobId();
  }

  private void awaitRunningOn(long job, String worker) {
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              JsonNode j = jobJson(job);
              return j.get("status").asString().equals("RUNNING")
                  && j.get("worker_id").asString().startsWith(worker + "/")
                  && j.get("progress_data").path("tasks_processed").asInt() > 0;
            });
  }

  private void awaitStatus(long job, String status, Duration timeout) {
    await().atMost(timeout).until(() -> data.jobStatus(job).equals(status));
  }

  private JsonNode jobJson(long job) {
    return owner.get(BACKFILL + "status/?job_id=" + job).body();
  }

  private long taskRows() {
    return data.jdbc()
        .sql("SELECT count(*) FROM agreement.task_agreement WHERE project_id = :p")
        .param("p", project)
        .query(Long.class)
        .single();
  }

  /** About 20 chunks of 20 tasks with a pause each: long enough to interrupt. */
  private static Map<String, String> slow() {
    Map<String, String> settings = fast();
    settings.put("AGREEMENT_WORKER_CHUNK_SIZE", "20");
    settings.put("AGREEMENT_WORKER_CHUNK_PAUSE", "400ms");
    settings.put("AGREEMENT_WORKER_SHUTDOWN_GRACE", "1s");
    return settings;
  }

  private static Map<String, String> fast() {
    Map<String, String> settings = new HashMap<>();
    // Backfills alone: the sweep would refresh the freshly generated tasks and write their rows.
    settings.put("AGREEMENT_LIVE_SWEEP_ENABLED", "false");
    settings.put("AGREEMENT_WORKER_LEASE", "4s");
    settings.put("AGREEMENT_WORKER_HEARTBEAT_INTERVAL", "500ms");
    settings.put("AGREEMENT_WORKER_REAPER_INTERVAL", "1s");
    return settings;
  }
}
