package io.agreement.api.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Admin calls against the API with two worker processes consuming the real queue. */
class BackfillEndToEndIT extends IntegrationTest {

  private static final String BACKFILL = "/api/dimensions/backfill/";
  private static WorkerProcess first;
  private static WorkerProcess second;

  @BeforeAll
  static void startWorkers() {
    // Warmed up as a deployed worker is, on less than its default.
    Map<String, String> settings =
        Map.of(
            "AGREEMENT_WORKER_CONCURRENCY",
            "2",
            "AGREEMENT_WORKER_CHUNK_SIZE",
            "40",
            "AGREEMENT_WORKER_WARMUP_ANNOTATIONS",
            "12000");
    first = WorkerProcess.start(ENV, "e2e-1", settings);
    second = WorkerProcess.start(ENV, "e2e-2", settings);
  }

  @AfterAll
  static void stopWorkers() throws Exception {
    first.close();
    second.close();
  }

  @Test
  void each_worker_warms_up_before_it_takes_a_job() throws Exception {
    for (WorkerProcess worker : List.of(first, second)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> worker.log().contains("Warmed up on 12000 synthetic annotations"));
      assertThat(worker.log()).doesNotContain("Warm-up skipped");
    }
  }

  @Test
  void batched_rollout_completes_every_project_exactly_once_and_fails_broken_configs() {
    GeneratedOrganization org = data.organization(12, 60, 3, 2);
    ApiClient owner = api(org.token());
    int remaining;
    do {
      Response r = owner.post(BACKFILL, "{\"num_projects\": 5}");
      assertThat(r.status()).isEqualTo(200);
      remaining = r.body().get("projects_remaining").asInt();
    } while (remaining > 0);

    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () -> {
              JsonNode counts = owner.get(BACKFILL + "status/").body().get("org_status");
              return counts.get("completed").asInt() + counts.get("failed").asInt() == 12;
            });
    JsonNode counts = owner.get(BACKFILL + "status/").body().get("org_status");
    assertThat(counts.get("completed").asInt()).isEqualTo(10);
    assertThat(counts.get("failed").asInt()).isEqualTo(2);

    for (long project : org.projectIds()) {
      assertThat(data.jobStatuses(project)).as("jobs of project %d", project).hasSize(1);
    }
    JsonNode failed = owner.get(BACKFILL + "jobs/?status=FAILED").body();
    assertThat(failed.get("count").asInt()).isEqualTo(2);
    for (JsonNode job : failed.get("results")) {
      assertThat(job.get("error_message").asString()).containsIgnoringCase("label config");
      assertThat(job.get("project_id").asLong()).isIn(org.projectIds().subList(10, 12));
    }
    JsonNode done = owner.get(BACKFILL + "status/?project_id=" + org.projectIds().get(0)).body();
    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(done.get("progress_data").get("tasks_total").asInt()).isEqualTo(60);
    assertThat(done.get("progress_data").get("tasks_processed").asInt()).isEqualTo(60);
    assertThat(done.get("progress_data").get("annotations_processed").asInt()).isEqualTo(180);
    assertThat(resultRows(org.projectIds().get(0))).isEqualTo(60);
    assertThat(resultRows(org.projectIds().get(11))).isZero();

    Response again = owner.post(BACKFILL, "{\"num_projects\": 20}");
    assertThat(again.body().get("projects_skipped").asInt()).isEqualTo(10);
    assertThat(again.body().get("jobs_queued").asInt()).isEqualTo(2);
  }

  @Test
  void single_project_scores_match_the_worked_example() {
    GeneratedOrganization org = data.organization(0, 0, 3, 0);
    long project =
        data.projectWithConfig(
            org.organizationId(),
            """
        <View><Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text">
            <Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral"/>
          </Choices>
        </View>""");
    long agreeing = data.task(project);
    long disagreeing = data.task(project);
    List<Long> users = org.annotatorIds();
    String[][] answers = {
      {"Positive", "Positive", "Negative"}, {"Positive", "Negative", "Neutral"}
    };
    long[] tasks = {agreeing, disagreeing};
    for (int t = 0; t < 2; t++) {
      for (int u = 0; u < 3; u++) {
        data.annotation(tasks[t], project, users.get(u), choice(answers[t][u]));
      }
    }
    ApiClient owner = api(org.token());
    Response r = owner.post(BACKFILL, "{\"project_id\": " + project + "}");
    assertThat(r.body().get("jobs_queued").asInt()).isEqualTo(1);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                owner
                    .get(BACKFILL + "status/?project_id=" + project)
                    .body()
                    .get("status")
                    .asString()
                    .equals("COMPLETED"));

    assertThat(taskScore(agreeing)).isCloseTo(2.0 / 3, offset(1e-9));
    assertThat(taskScore(disagreeing)).isZero();
  }

  private double taskScore(long task) {
    return data.jdbc()
        .sql(
            """
            SELECT ta.tag_scores[pt.position + 1] FROM agreement.task_agreement ta
            JOIN agreement.project_tag_agreement pt ON pt.project_id = ta.project_id
            WHERE ta.task_id = :t AND pt.control_tag = 'sentiment'
            """)
        .param("t", task)
        .query(Double.class)
        .single();
  }

  private long resultRows(long project) {
    return data.jdbc()
        .sql("SELECT count(*) FROM agreement.task_agreement WHERE project_id = :p")
        .param("p", project)
        .query(Long.class)
        .single();
  }

  static String choice(String value) {
    return "[{\"id\":\"r\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\","
        + "\"value\":{\"choices\":[\""
        + value
        + "\"]}}]";
  }
}
