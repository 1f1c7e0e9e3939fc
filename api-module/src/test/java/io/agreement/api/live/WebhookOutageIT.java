package io.agreement.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.common.labelstudio.LabelStudioChanges;
import io.agreement.testsupport.ProjectSnapshot;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A webhook during a database outage (SPEC 9): Label Studio commits a change on a connection it
 * still holds, the service's webhook answers 503 at once, and after the outage the sweep finds the
 * change by its task's updated_at and the refresh scores it, to a forced backfill's numbers.
 */
@TestPropertySource(properties = IntegrationTest.WEBHOOK_SECRET_PROPERTY)
class WebhookOutageIT extends IntegrationTest {

  @Test
  void a_change_whose_webhook_met_an_outage_is_found_by_the_sweep() throws Exception {
    GeneratedOrganization org = data.organization(1, 8, 3, 0);
    ApiClient owner = api(org.token());
    long project = org.projectIds().get(0);
    long task =
        data.jdbc()
            .sql("SELECT min(id) FROM task WHERE project_id = ?")
            .param(project)
            .query(Long.class)
            .single();
    try (WorkerProcess worker =
        WorkerProcess.start(
            ENV,
            "outage",
            Map.of(
                "AGREEMENT_LIVE_SWEEP_ENABLED",
                "true",
                "AGREEMENT_SWEEP_INTERVAL",
                "1s",
                "AGREEMENT_RECONCILE_INTERVAL",
                "1h"))) {
      long job =
          owner
              .post(
                  "/api/dimensions/backfill/", "{\"project_id\": " + project + ", \"force\": true}")
              .firstJobId();
      await().atMost(Duration.ofSeconds(60)).until(() -> data.jobStatus(job).equals("COMPLETED"));

      try (Connection labelStudio = open(ENV.database())) {
        outage(true);
        try {
          try (PreparedStatement ps =
              labelStudio.prepareStatement(
                  "UPDATE task_completion SET result = '[]'::jsonb, updated_at = clock_timestamp()"
                      + " WHERE task_id = ?")) {
            ps.setLong(1, task);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              labelStudio.prepareStatement(
                  "UPDATE task SET updated_at = clock_timestamp() WHERE id = ?")) {
            ps.setLong(1, task);
            ps.executeUpdate();
          }
          long started = System.nanoTime();
          Response answer = webhook(owner, project, task);
          assertThat(answer.status()).as(answer.raw()).isEqualTo(503);
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .isLessThan(Duration.ofSeconds(2));
        } finally {
          outage(false);
        }
      }

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> scoredFingerprint(task).equals(currentFingerprint(task)));
      await().atMost(Duration.ofSeconds(30)).until(() -> dirty(project) == 0);
      ProjectSnapshot refreshed = ProjectSnapshot.of(data.jdbc(), project);
      long again =
          owner
              .post(
                  "/api/dimensions/backfill/", "{\"project_id\": " + project + ", \"force\": true}")
              .firstJobId();
      await().atMost(Duration.ofSeconds(60)).until(() -> data.jobStatus(again).equals("COMPLETED"));
      refreshed.assertSameNumbersAs(ProjectSnapshot.of(data.jdbc(), project));
    }
  }

  private Response webhook(ApiClient owner, long project, long task) {
    return owner.raw(
        owner
            .as(null)
            .request("/api/agreement/webhooks/label-studio/")
            .header("Content-Type", "application/json")
            .header("X-Agreement-Webhook-Secret", WEBHOOK_SECRET)
            .timeout(Duration.ofSeconds(10))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"action\": \"ANNOTATION_UPDATED\", \"annotation\": {\"id\": 1, \"task\": "
                        + task
                        + ", \"project\": "
                        + project
                        + "}, \"project\": {\"id\": "
                        + project
                        + "}}")));
  }

  /** New connections to the database refused and the open ones but Label Studio's ended. */
  private static void outage(boolean on) throws Exception {
    try (Connection admin = open("postgres");
        Statement s = admin.createStatement()) {
      s.execute("ALTER DATABASE " + ENV.database() + " ALLOW_CONNECTIONS " + !on);
      if (on) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + ENV.database()
                + "' AND application_name <> 'label-studio'");
      }
    }
  }

  private static Connection open(String database) throws Exception {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("user", ENV.endpoints().pgUser());
    props.setProperty("password", ENV.endpoints().pgPassword());
    props.setProperty("ApplicationName", "label-studio");
    return DriverManager.getConnection(ENV.endpoints().jdbcUrl(database), props);
  }

  private String scoredFingerprint(long task) {
    return data.jdbc()
        .sql("SELECT fingerprint FROM agreement.task_state WHERE task_id = ?")
        .param(task)
        .query(String.class)
        .optional()
        .orElse("");
  }

  private String currentFingerprint(long task) {
    return data.jdbc()
        .sql(
            "SELECT "
                + LabelStudioChanges.FINGERPRINT
                + " FROM task_completion c WHERE c.task_id = ? AND c.was_cancelled IS NOT TRUE")
        .param(task)
        .query(String.class)
        .single();
  }

  private long dirty(long project) {
    return data.jdbc()
        .sql("SELECT count(*) FROM agreement.dirty_task WHERE project_id = ?")
        .param(project)
        .query(Long.class)
        .single();
  }
}
