package io.agreement.api.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A settings change makes completed results stale, and results computed by a job that started
 * before the change stay stale however the change and the job's final write interleave.
 */
class StaleResultsIT extends IntegrationTest {

  private GeneratedOrganization org;
  private ApiClient owner;
  private SimulatedWorker worker;
  private long project;

  @BeforeEach
  void project() {
    org = data.organization(0, 0, 1, 0);
    owner = api(org.token());
    worker = new SimulatedWorker(dataSource);
    project = data.projectWithConfig(org.organizationId(), SettingsApiIT.CONFIG);
  }

  private Response changeWeight(double weight) {
    return owner.patch(
        "/api/projects/" + project + "/dimensions/quality/", "{\"weight\": " + weight + "}");
  }

  private Response changeMethodology(String methodology) {
    return owner.patch(
        "/api/projects/" + project + "/agreement/settings/",
        "{\"methodology\": \"" + methodology + "\"}");
  }

  @Nested
  class AfterABackfill {

    @BeforeEach
    void backfilled() throws Exception {
      worker.complete(project, worker.claim(org.organizationId(), project));
      assertThat(worker.stale(project)).isFalse();
    }

    @Test
    void a_tag_change_marks_the_results_stale() {
      assertThat(changeWeight(2).status()).isEqualTo(200);
      assertThat(worker.stale(project)).isTrue();
      assertThat(
              owner.get("/api/projects/" + project + "/agreement/").body().get("stale").asBoolean())
          .isTrue();
    }

    @Test
    void a_methodology_change_marks_the_results_stale() {
      assertThat(changeMethodology("pairwise").status()).isEqualTo(200);
      assertThat(worker.stale(project)).isTrue();
    }

    @Test
    void a_change_that_changes_nothing_leaves_the_results_current() {
      owner.patch(
          "/api/projects/" + project + "/dimensions/quality/",
          "{\"threshold\": 0.5, \"weight\": 1, \"excluded_labels\": []}");
      changeMethodology("consensus");
      assertThat(worker.stale(project)).isFalse();
      assertThat(worker.jobs(project)).containsExactly("COMPLETED/project_id");
    }

    @Test
    void a_change_queues_one_forced_backfill_however_many_follow() {
      changeWeight(2);
      changeMethodology("pairwise");
      changeWeight(3);
      List<String> jobs = worker.jobs(project);
      assertThat(jobs).hasSize(2);
      assertThat(jobs.get(1)).isIn("PENDING/settings_change", "QUEUED/settings_change");
      assertThat(queued()).as("already queued").isZero();
    }

    @Test
    void the_next_backfill_makes_them_current_again() throws Exception {
      changeWeight(2);
      worker.complete(project, worker.claim(org.organizationId(), project));
      assertThat(worker.stale(project)).isFalse();
    }

    @Test
    void stale_project_is_eligible_for_the_next_num_projects_backfill() {
      assertThat(queued()).isZero();
      changeWeight(3);
      assertThat(
              owner
                  .delete("/api/dimensions/backfill/?project_id=" + project)
                  .body()
                  .get("cancelled_count")
                  .asInt())
          .as("the forced backfill the change queued, cancelled")
          .isEqualTo(1);
      assertThat(queued()).isEqualTo(1);
    }

    private int queued() {
      return owner
          .post("/api/dimensions/backfill/", "{\"num_projects\": 1}")
          .body()
          .get("jobs_queued")
          .asInt();
    }
  }

  @Nested
  class WhileAJobRuns {

    @Test
    void a_change_before_the_claim_is_what_the_job_scores_with() throws Exception {
      changeWeight(2);
      worker.complete(project, worker.claim(org.organizationId(), project));
      assertThat(worker.stale(project)).isFalse();
    }

    @Test
    void a_change_after_the_claim_keeps_the_jobs_results_stale() throws Exception {
      long job = worker.claim(org.organizationId(), project);
      changeMethodology("pairwise");
      worker.complete(project, job);
      assertThat(worker.stale(project)).isTrue();
    }

    @Test
    void a_first_backfill_with_a_change_after_its_claim_is_stale_too() throws Exception {
      long job = worker.claim(org.organizationId(), project);
      changeWeight(5);
      worker.complete(project, job);
      assertThat(worker.stale(project)).isTrue();
    }

    @Test
    void a_change_during_the_first_final_write_waits_for_it_and_then_marks_it_stale()
        throws Exception {
      long job = worker.claim(org.organizationId(), project);
      CompletableFuture<Response> change;
      try (Connection writing = worker.writeResults(project, job)) {
        change = CompletableFuture.supplyAsync(() -> changeWeight(4));
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(2))
            .until(() -> !change.isDone());
        writing.commit();
      }
      assertThat(change.get().status()).isEqualTo(200);
      assertThat(worker.stale(project)).isTrue();
    }
  }
}
