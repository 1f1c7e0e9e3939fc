package io.agreement.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A webhook's marks reach a real worker: the project, never backfilled, gets scores within seconds,
 * its summary says so ({@code refreshed_at}, no pending changes, not backfilled), and the
 * organization's backlog drains to zero.
 */
@TestPropertySource(properties = IntegrationTest.WEBHOOK_SECRET_PROPERTY)
class WebhookRefreshIT extends IntegrationTest {

  @Test
  void a_webhook_is_scored_by_the_next_refresh() throws Exception {
    GeneratedOrganization org = data.organization(0, 0, 2, 0);
    ApiClient owner = api(org.token());
    long project = data.projectWithConfig(org.organizationId(), WebhookIT.CONFIG);
    long task = data.task(project);
    long first = data.annotation(task, project, org.annotatorIds().get(0), WebhookIT.RESULT);
    data.annotation(task, project, org.annotatorIds().get(1), WebhookIT.RESULT);
    String summary = "/api/projects/" + project + "/agreement/";

    try (WorkerProcess worker =
        WorkerProcess.start(
            ENV, "webhook-refresh", Map.of("AGREEMENT_LIVE_SWEEP_ENABLED", "false"))) {
      HttpRequest.Builder request =
          owner
              .as(null)
              .request("/api/agreement/webhooks/label-studio/")
              .header("Content-Type", "application/json")
              .header("X-Agreement-Webhook-Secret", WEBHOOK_SECRET)
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": "
                          + first
                          + ", \"task\": "
                          + task
                          + ", \"project\": "
                          + project
                          + ", \"result\": "
                          + WebhookIT.RESULT
                          + "}, \"project\": {\"id\": "
                          + project
                          + "}}"));
      Response posted = owner.raw(request);
      assertThat(posted.status()).as(posted.raw()).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !owner.get(summary).body().path("refreshed_at").isNull());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> owner.get(summary).body().path("pending_changes").asLong() == 0);
    }
    JsonNode body = owner.get(summary).body();
    assertThat(body.path("backfilled").asBoolean()).isFalse();
    assertThat(body.path("job_id").isNull()).isTrue();
    assertThat(body.path("tasks_scored").asInt()).isEqualTo(1);
    assertThat(body.path("agreement").asDouble()).isEqualTo(1.0);
    JsonNode status = owner.get("/api/agreement/refresh/status/").body();
    assertThat(status.path("dirty_tasks").asLong()).isZero();
    assertThat(status.path("pending_refreshes").asLong()).isZero();
  }
}
