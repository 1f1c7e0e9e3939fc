package io.agreement.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.testsupport.LabelStudioActivity;
import io.agreement.testsupport.LabelStudioActivity.Change;
import io.agreement.testsupport.ProjectSnapshot;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live refresh end to end through Label Studio's webhooks alone (SPEC 9): the API with a webhook
 * secret, a real worker process with no sweep, and random changes made as Label Studio makes them,
 * each followed by the webhook Label Studio sends for it, some delivered twice and some held back
 * and delivered out of order. Afterwards every read endpoint answers what it answers after a forced
 * full backfill of the same data, numbers to 1e-9.
 */
@TestPropertySource(properties = IntegrationTest.WEBHOOK_SECRET_PROPERTY)
class LiveEndToEndIT extends IntegrationTest {

  private static final String WEBHOOK = "/api/agreement/webhooks/label-studio/";

  /** What a refresh and a backfill legitimately answer differently: when, and by which job. */
  private static final Set<String> VOLATILE =
      Set.of(
          "computed_at",
          "refreshed_at",
          "job_id",
          "latest_job_id",
          "latest_job_status",
          "stale",
          "backfilled",
          "pending_changes",
          "created_at",
          "updated_at");

  @Test
  void after_webhooks_alone_every_read_endpoint_equals_a_forced_backfill() throws Exception {
    Random random = new Random(2026);
    GeneratedOrganization org = data.organization(0, 0, 4, 0);
    LabelStudioActivity labelStudio =
        new LabelStudioActivity(dataSource, org.organizationId(), org.annotatorIds());
    ApiClient owner = api(org.token());
    long project = labelStudio.project(random, 10);

    try (WorkerProcess worker =
        WorkerProcess.start(ENV, "live-e2e", Map.of("AGREEMENT_LIVE_SWEEP_ENABLED", "false"))) {
      backfill(owner, project);
      List<String> held = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        String body = webhook(labelStudio.change(project, random), project);
        int delivery = random.nextInt(6);
        if (delivery == 0) {
          held.add(body);
        } else {
          deliver(owner, body);
          if (delivery == 1) {
            deliver(owner, body);
          }
        }
        if (random.nextInt(8) == 0) {
          Collections.shuffle(held, random);
          held.forEach(b -> deliver(owner, b));
          held.clear();
        }
      }
      Collections.shuffle(held, random);
      held.forEach(b -> deliver(owner, b));
      awaitRefreshed(owner, project);

      Map<String, Response> refreshed = readEverything(owner, project, labelStudio);
      assertThat(refreshed.get(summary(project)).body().path("refreshed_at").isNull()).isFalse();
      backfill(owner, project);
      Map<String, Response> backfilled = readEverything(owner, project, labelStudio);
      for (String path : backfilled.keySet()) {
        Response expected = backfilled.get(path);
        Response actual = refreshed.get(path);
        assertThat(actual.status()).as(path).isEqualTo(expected.status());
        if (expected.body() != null) {
          ProjectSnapshot.assertSameNumbers(path, strip(actual.body()), strip(expected.body()));
        }
      }
    }
  }

  /** The webhook Label Studio sends for the change, in its shape (LS-WEBHOOKS.md 1.4). */
  private static String webhook(Change change, long project) {
    String projectJson = "{\"id\": " + project + ", \"title\": \"live\"}";
    return switch (change.kind()) {
      case ANNOTATION_CREATED, ANNOTATION_UPDATED ->
          "{\"action\": \"%s\", \"annotation\": {\"id\": %d, \"task\": %d, \"project\": %d,"
                  .formatted(change.kind().name(), change.annotation(), change.task(), project)
              + " \"result\": [], \"was_cancelled\": false}, \"project\": "
              + projectJson
              + ", \"task\": {\"id\": "
              + change.task()
              + "}}";
      case ANNOTATION_DELETED ->
          "{\"action\": \"ANNOTATIONS_DELETED\", \"annotations\": [{\"id\": "
              + change.annotation()
              + "}], \"project\": "
              + projectJson
              + "}";
      case TASK_DELETED ->
          "{\"action\": \"TASKS_DELETED\", \"tasks\": [{\"id\": "
              + change.task()
              + "}], \"project\": "
              + projectJson
              + "}";
      case TASK_CREATED ->
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": "
              + change.task()
              + ", \"data\": {\"t\": \"y\"}, \"project\": "
              + project
              + "}], \"project\": "
              + projectJson
              + "}";
    };
  }

  private void deliver(ApiClient owner, String body) {
    Response answer =
        owner.raw(
            owner
                .as(null)
                .request(WEBHOOK)
                .header("Content-Type", "application/json")
                .header("X-Agreement-Webhook-Secret", WEBHOOK_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
  }

  private static String summary(long project) {
    return "/api/projects/" + project + "/agreement/";
  }

  private Map<String, Response> readEverything(
      ApiClient owner, long project, LabelStudioActivity labelStudio) {
    String p = "/api/projects/" + project;
    String analysis = p + "/analytics/data-quality/agreement-analysis";
    long task = labelStudio.tasks(project)[0];
    String users = String.join(",", labelStudio.users.stream().map(String::valueOf).toList());
    List<String> paths = new ArrayList<>();
    paths.add(summary(project));
    paths.add(p + "/agreement/tasks/?page_size=500");
    paths.add(p + "/tasks/" + task + "/agreement/");
    paths.add(p + "/tasks/" + task + "/agreement-matrix");
    paths.add(p + "/agreement/statistics");
    paths.add(p + "/stats/IAA");
    paths.add(p + "/stats/agreement-groundtruth");
    paths.add(p + "/stats/agreement_annotators?ids=" + users);
    paths.add(p + "/stats/total_agreement");
    for (long user : labelStudio.users) {
      paths.add(p + "/stats/agreement_annotator/" + user);
      paths.add(p + "/users/" + user + "/stats/agreement-groundtruth");
    }
    paths.add(analysis + "/distribution");
    for (String tag : List.of("sentiment", "topics", "stars", "ner")) {
      paths.add(analysis + "/confusion-matrix?from_name=" + tag + "&mode=all");
      paths.add(analysis + "/confusion-matrix?from_name=" + tag + "&mode=ground_truth");
    }
    paths.add(p + "/dimensions/");
    paths.add("/api/agreement/projects/" + project + "/");
    paths.add("/api/agreement/projects/" + project + "/lowest-tasks/");
    Map<String, Response> answers = new LinkedHashMap<>();
    for (String path : paths) {
      Response r = owner.get(path);
      assertThat(r.status()).as(path + ": " + r.raw()).isLessThan(500);
      answers.put(path, r);
    }
    return answers;
  }

  private static JsonNode strip(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).deepCopy();
      VOLATILE.forEach(copy::remove);
      List<String> names = new ArrayList<>(copy.propertyNames());
      for (String name : names) {
        copy.set(name, strip(copy.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      tools.jackson.databind.node.ArrayNode copy =
          ((tools.jackson.databind.node.ArrayNode) node).deepCopy();
      for (int i = 0; i < copy.size(); i++) {
        copy.set(i, strip(copy.get(i)));
      }
      return copy;
    }
    return node;
  }

  private void backfill(ApiClient owner, long project) {
    long job =
        owner
            .post("/api/dimensions/backfill/", "{\"project_id\": " + project + ", \"force\": true}")
            .firstJobId();
    await().atMost(Duration.ofSeconds(60)).until(() -> data.jobStatus(job).equals("COMPLETED"));
  }

  private void awaitRefreshed(ApiClient owner, long project) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                owner.get(summary(project)).body().path("pending_changes").asLong() == 0
                    && data.jdbc()
                            .sql(
                                "SELECT count(*) FROM agreement.refresh_request"
                                    + " WHERE project_id = ?")
                            .param(project)
                            .query(Long.class)
                            .single()
                        == 0);
  }
}
