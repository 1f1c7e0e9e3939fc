package io.agreement.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.generate.GeneratedOrganization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;

/** After a real backfill, /actuator/prometheus of the API and of a worker agree with PostgreSQL. */
class MetricsIT extends IntegrationTest {

  private static final Path DASHBOARD =
      Path.of("..", "ops", "grafana", "dashboards", "agreement-backfill.json");

  @Autowired AmqpAdmin admin;
  @Autowired QueueProperties queue;

  /** Jobs other test classes left in the shared queue would otherwise run on this test's worker. */
  @BeforeEach
  void emptyQueue() {
    data.jdbc()
        .sql(
            "UPDATE agreement.backfill_job SET status = 'CANCELLED' WHERE status IN ('PENDING', 'QUEUED')")
        .update();
    admin.purgeQueue(queue.name(), false);
  }

  @Test
  void counters_match_the_database_and_the_dashboard_uses_only_exposed_metrics() throws Exception {
    GeneratedOrganization org = data.organization(4, 50, 3, 1);
    ApiClient owner = api(org.token());
    PrometheusText apiBefore = scrape(port);
    try (WorkerProcess worker = WorkerProcess.start(ENV, "metrics", Map.of())) {
      owner.post("/api/dimensions/backfill/", "{\"num_projects\": 4}");
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  owner
                              .get("/api/dimensions/backfill/status/")
                              .body()
                              .get("org_status")
                              .path("completed")
                              .asInt()
                          == 3
                      && owner
                              .get("/api/dimensions/backfill/status/")
                              .body()
                              .get("org_status")
                              .path("failed")
                              .asInt()
                          == 1);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> worker.port() > 0);
      PrometheusText workerMetrics = scrape(worker.port());
      assertWorkerMatchesDatabase(workerMetrics, "metrics");
      assertApiMatchesDatabase(apiBefore);
      assertDashboardMetricsExist(workerMetrics);
    }
  }

  private void assertWorkerMatchesDatabase(PrometheusText metrics, String workerId) {
    Map<String, Object> db =
        data.jdbc()
            .sql(
                """
            SELECT count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                   count(*) FILTER (WHERE status = 'FAILED') AS failed,
                   coalesce(sum((progress ->> 'tasks_processed')::bigint), 0) AS tasks,
                   coalesce(sum((progress ->> 'annotations_processed')::bigint), 0) AS annotations
            FROM agreement.backfill_job WHERE worker_id LIKE :w
            """)
            .param("w", workerId + "/%")
            .query()
            .singleRow();
    long tagScores =
        data.jdbc()
            .sql(
                """
            SELECT coalesce(sum(cardinality(tag_scores)), 0) FROM agreement.task_agreement
            WHERE project_id IN (SELECT project_id FROM agreement.backfill_job WHERE worker_id LIKE :w AND status = 'COMPLETED')
            """)
            .param("w", workerId + "/%")
            .query(Long.class)
            .single();
    assertThat(metrics.value("agreement_worker_jobs_finished_total", "outcome=\"completed\""))
        .isEqualTo(3.0)
        .isEqualTo(number(db.get("completed")));
    assertThat(metrics.value("agreement_worker_jobs_finished_total", "outcome=\"failed\""))
        .isEqualTo(number(db.get("failed")));
    assertThat(metrics.value("agreement_worker_tasks_processed_total"))
        .isEqualTo(150.0)
        .isEqualTo(number(db.get("tasks")));
    assertThat(metrics.value("agreement_worker_annotations_processed_total"))
        .isEqualTo(450.0)
        .isEqualTo(number(db.get("annotations")));
    assertThat(metrics.value("agreement_worker_tag_scores_written_total"))
        .isEqualTo(300.0)
        .isEqualTo((double) tagScores);
    assertThat(
            metrics.value("agreement_worker_job_duration_seconds_count", "outcome=\"completed\""))
        .isEqualTo(3.0);
    assertThat(metrics.value("agreement_worker_jobs_in_progress")).isZero();
    assertThat(metrics.lines("agreement_worker_tasks_processed_total"))
        .allMatch(
            line ->
                line.contains("application=\"agreement-worker\"")
                    && line.contains("instance=\"metrics\""));
    assertThat(metrics.names())
        .contains("jvm_memory_used_bytes", "hikaricp_connections_active", "process_cpu_usage");
  }

  private void assertApiMatchesDatabase(PrometheusText before) throws Exception {
    PrometheusText after = scrape(port);
    assertThat(
            after.value("agreement_jobs_queued_total", "mode=\"num_projects\"")
                - before.value("agreement_jobs_queued_total", "mode=\"num_projects\""))
        .isEqualTo(4.0);
    assertThat(
            after.value("agreement_publish_confirms_total", "result=\"ack\"")
                - before.value("agreement_publish_confirms_total", "result=\"ack\""))
        .isGreaterThanOrEqualTo(4.0);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              PrometheusText now = scrape(port);
              for (String status : new String[] {"COMPLETED", "FAILED", "RUNNING"}) {
                assertThat(now.value("agreement_jobs", "status=\"" + status + "\""))
                    .as(status)
                    .isEqualTo(latestJobs(status));
              }
              assertThat(now.value("agreement_projects"))
                  .isEqualTo(count("SELECT count(*) FROM project WHERE deleted_at IS NULL"));
            });
    assertThat(after.names())
        .contains("http_server_requests_seconds_count", "agreement_queue_messages");
    assertThat(after.lines("agreement_jobs"))
        .allMatch(line -> line.contains("application=\"agreement-api\""));
  }

  private void assertDashboardMetricsExist(PrometheusText worker) throws Exception {
    Set<String> exposed = new HashSet<>(worker.names());
    exposed.addAll(scrape(port).names());
    assertThat(exposed).containsAll(DashboardMetrics.metricNames(DASHBOARD));
  }

  private double latestJobs(String status) {
    return count(
        """
        SELECT count(*) FROM (SELECT DISTINCT ON (j.project_id) j.status FROM agreement.backfill_job j
        JOIN project p ON p.id = j.project_id AND p.deleted_at IS NULL ORDER BY j.project_id, j.id DESC) l
        WHERE l.status = '%s'"""
            .formatted(status));
  }

  private double count(String sql) {
    return data.jdbc().sql(sql).query(Long.class).single();
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  private static PrometheusText scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new PrometheusText(response.body());
  }
}
