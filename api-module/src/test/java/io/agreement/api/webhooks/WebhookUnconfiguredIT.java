package io.agreement.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * Without AGREEMENT_WEBHOOK_SECRET the webhook path is answered like a path that does not exist.
 */
class WebhookUnconfiguredIT extends IntegrationTest {

  private Response post(String path, String secret) {
    HttpRequest.Builder request =
        api(null)
            .request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"TASKS_CREATED\"}"));
    if (secret != null) {
      request.header("X-Agreement-Webhook-Secret", secret);
    }
    return api(null).raw(request);
  }

  @Test
  void the_endpoint_is_404_whatever_the_header() {
    data.jdbc().sql("UPDATE agreement.sweep_state SET sweep_requested_at = NULL").update();
    for (String secret : new String[] {null, "", WEBHOOK_SECRET}) {
      Response r = post("/api/agreement/webhooks/label-studio/", secret);
      assertThat(r.status()).as(r.raw()).isEqualTo(404);
      assertThat(r.detail()).isNotBlank();
      assertThat(r.body().path("status").asInt()).isEqualTo(404);
    }
    assertThat(
            data.jdbc()
                .sql("SELECT sweep_requested_at IS NULL FROM agreement.sweep_state")
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void the_404_reads_like_that_of_an_unknown_path() {
    Response webhook = post("/api/agreement/webhooks/label-studio/", WEBHOOK_SECRET);
    Response unknown =
        api(data.organization(0, 0, 1, 0).token())
            .post("/api/agreement/webhooks/nothing-here/", "{}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(webhook.body().path("title").asString())
        .isEqualTo(unknown.body().path("title").asString());
    assertThat(webhook.detail().replace("label-studio", "nothing-here"))
        .isEqualTo(unknown.detail());
  }
}
