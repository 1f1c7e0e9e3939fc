package io.agreement.api.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The four backfill endpoints over real HTTP, without workers: what gets queued and every error.
 */
class BackfillApiIT extends IntegrationTest {

  private static final String BACKFILL = "/api/dimensions/backfill/";
  private GeneratedOrganization org;
  private ApiClient owner;

  @BeforeEach
  void organization() {
    org = data.organization(5, 3, 2, 0);
    owner = api(org.token());
  }

  @Nested
  class Authentication {

    @Test
    void missing_token_is_401_with_a_hint() {
      Response r = api(null).get(BACKFILL + "status/");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).contains("Authorization: Token");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Token nope",
          "Bearer abc",
          "Token",
          "Token ' OR 1=1 --",
          "Token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        })
    void unknown_or_malformed_token_is_401(String header) {
      Response r =
          api(null)
              .raw(api(null).request(BACKFILL + "status/").header("Authorization", header).GET());
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).isNotBlank();
    }

    @Test
    void inactive_user_is_401() {
      data.jdbc()
          .sql("UPDATE htx_user SET is_active = false WHERE id = :id")
          .param("id", org.ownerId())
          .update();
      assertThat(owner.get(BACKFILL + "status/").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANNOTATOR", "REVIEWER", "MANAGER"})
    void backfill_needs_owner_or_administrator(String role) {
      ApiClient member = api(data.member(org.organizationId(), role));
      assertThat(member.post(BACKFILL, "{\"num_projects\": 1}").status()).isEqualTo(403);
      assertThat(member.get(BACKFILL + "status/").status()).isEqualTo(403);
      assertThat(member.get(BACKFILL + "jobs/").status()).isEqualTo(403);
      Response cancel = member.delete(BACKFILL);
      assertThat(cancel.status()).isEqualTo(403);
      assertThat(cancel.detail()).contains("OWNER or ADMINISTRATOR");
      assertThat(
              data.jdbc()
                  .sql("SELECT count(*) FROM agreement.backfill_job WHERE organization_id = :o")
                  .param("o", org.organizationId())
                  .query(Long.class)
                  .single())
          .isZero();
    }

    @Test
    void administrator_may_trigger() {
      ApiClient admin = api(data.member(org.organizationId(), "ADMINISTRATOR"));
      assertThat(admin.post(BACKFILL, "{\"num_projects\": 1}").status()).isEqualTo(200);
    }

    @Test
    void member_without_a_role_is_owner_only_of_the_organization_they_created() {
      data.jdbc()
          .sql("UPDATE organization SET created_by_id = NULL WHERE id = :o")
          .param("o", org.organizationId())
          .update();
      assertThat(owner.get(BACKFILL + "status/").status()).isEqualTo(403);
      data.jdbc()
          .sql("UPDATE organization SET created_by_id = :u WHERE id = :o")
          .param("u", org.ownerId())
          .param("o", org.organizationId())
          .update();
      assertThat(owner.get(BACKFILL + "status/").status()).isEqualTo(200);
    }

    @Test
    void soft_deleted_membership_is_403() {
      data.jdbc()
          .sql("UPDATE organizations_organizationmember SET deleted_at = now() WHERE user_id = :u")
          .param("u", org.ownerId())
          .update();
      assertThat(owner.get(BACKFILL + "status/").status()).isEqualTo(403);
    }
  }

  @Nested
  class Trigger {

    @Test
    void queues_next_projects_in_ascending_id_order() {
      Response r = owner.post(BACKFILL, "{\"num_projects\": 2}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("jobs_queued").asInt()).isEqualTo(2);
      assertThat(r.body().get("projects_skipped").asInt()).isZero();
      assertThat(r.body().get("projects_remaining").asInt()).isEqualTo(3);
      assertThat(r.body().get("organization_id").asLong()).isEqualTo(org.organizationId());
      assertThat(projectIds(r)).containsExactly(org.projectIds().get(0), org.projectIds().get(1));

      Response next = owner.post(BACKFILL, "{\"num_projects\": 10}");
      assertThat(projectIds(next)).containsExactlyElementsOf(org.projectIds().subList(2, 5));
      assertThat(next.body().get("projects_remaining").asInt()).isZero();
    }

    @Test
    void queued_jobs_are_confirmed_by_the_broker() {
      Response r = owner.post(BACKFILL, "{\"num_projects\": 5}");
      for (JsonNode job : r.body().get("jobs")) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> data.jobStatus(job.get("job_id").asLong()).equals("QUEUED"));
      }
    }

    @Test
    void single_project_is_queued_once_while_active() {
      long project = org.projectIds().get(3);
      Response first = owner.post(BACKFILL, "{\"project_id\": " + project + "}");
      assertThat(first.body().get("jobs_queued").asInt()).isEqualTo(1);
      Response second = owner.post(BACKFILL, "{\"project_id\": " + project + "}");
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body().get("jobs_queued").asInt()).isZero();
      assertThat(second.body().get("message").asString())
          .contains("already has an active backfill job");
      assertThat(data.jobStatuses(project)).hasSize(1);
    }

    @Test
    void completed_project_is_skipped_unless_forced() {
      long project = org.projectIds().get(0);
      markCompleted(project);
      Response skipped = owner.post(BACKFILL, "{\"project_id\": " + project + "}");
      assertThat(skipped.body().get("jobs_queued").asInt()).isZero();
      assertThat(skipped.body().get("projects_skipped").asInt()).isEqualTo(1);
      Response batch = owner.post(BACKFILL, "{\"num_projects\": 10}");
      assertThat(projectIds(batch)).doesNotContain(project).hasSize(4);
      assertThat(batch.body().get("projects_skipped").asInt()).isEqualTo(1);
      Response forced = owner.post(BACKFILL, "{\"project_id\": " + project + ", \"force\": true}");
      assertThat(forced.body().get("jobs_queued").asInt()).isEqualTo(1);
    }

    @Test
    void failed_and_cancelled_projects_are_eligible_again() {
      Response first = owner.post(BACKFILL, "{\"num_projects\": 2}");
      long failedJob = first.firstJobId();
      data.jdbc()
          .sql("UPDATE agreement.backfill_job SET status = 'FAILED' WHERE id = :id")
          .param("id", failedJob)
          .update();
      owner.delete(BACKFILL + "?project_id=" + org.projectIds().get(1));
      Response again = owner.post(BACKFILL, "{\"num_projects\": 2}");
      assertThat(projectIds(again))
          .containsExactly(org.projectIds().get(0), org.projectIds().get(1));
    }

    @Test
    void all_projects_cancels_active_jobs_and_queues_everything_not_completed() {
      markCompleted(org.projectIds().get(4));
      Response batch = owner.post(BACKFILL, "{\"num_projects\": 2}");
      Response all = owner.post(BACKFILL, "{\"all_projects\": true}");
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.body().get("jobs_queued").asInt()).isEqualTo(4);
      assertThat(all.body().get("projects_skipped").asInt()).isEqualTo(1);
      assertThat(all.body().get("projects_remaining").asInt()).isZero();
      for (JsonNode job : batch.body().get("jobs")) {
        assertThat(data.jobStatus(job.get("job_id").asLong())).isEqualTo("CANCELLED");
      }
    }

    @Test
    void all_projects_with_force_queues_completed_projects_too() {
      markCompleted(org.projectIds().get(4));
      Response all = owner.post(BACKFILL, "{\"all_projects\": true, \"force\": true}");
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.body().get("jobs_queued").asInt()).isEqualTo(5);
      assertThat(projectIds(all)).containsExactlyElementsOf(org.projectIds());
      assertThat(all.body().get("message").asString()).contains("completed ones included");
    }

    @Test
    void concurrent_triggers_never_queue_a_project_twice() throws Exception {
      GeneratedOrganization big = data.organization(40, 1, 1, 0);
      ApiClient client = api(big.token());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> client.post(BACKFILL, "{\"num_projects\": 7}"));
      }
      List<Long> queued = new ArrayList<>();
      for (Future<Response> f : pool.invokeAll(calls)) {
        assertThat(f.get().status()).isEqualTo(200);
        queued.addAll(projectIds(f.get()));
      }
      pool.shutdown();
      assertThat(queued).hasSize(40).doesNotHaveDuplicates();
      assertThat(new HashSet<>(queued)).isEqualTo(new HashSet<>(big.projectIds()));
    }

    @Test
    void another_organizations_project_is_404() {
      GeneratedOrganization other = data.organization(1, 1, 1, 0);
      Response r = owner.post(BACKFILL, "{\"project_id\": " + other.projectIds().get(0) + "}");
      assertThat(r.status()).isEqualTo(404);
      assertThat(owner.get(BACKFILL + "status/?project_id=" + other.projectIds().get(0)).status())
          .isEqualTo(404);
      assertThat(owner.delete(BACKFILL + "?project_id=" + other.projectIds().get(0)).status())
          .isEqualTo(404);
      assertThat(data.jobStatuses(other.projectIds().get(0))).isEmpty();
    }

    @Test
    void soft_deleted_project_does_not_exist() {
      long project = org.projectIds().get(2);
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = :id")
          .param("id", project)
          .update();
      assertThat(owner.post(BACKFILL, "{\"project_id\": " + project + "}").status()).isEqualTo(404);
      assertThat(projectIds(owner.post(BACKFILL, "{\"num_projects\": 10}")))
          .doesNotContain(project)
          .hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "{}",
          "[]",
          "null",
          "42",
          "\"text\"",
          "{",
          "{\"num_projects\": 0}",
          "{\"num_projects\": 10001}",
          "{\"num_projects\": -1}",
          "{\"num_projects\": 1.5}",
          "{\"num_projects\": \"10\"}",
          "{\"num_projects\": null}",
          "{\"num_projects\": true}",
          "{\"num_projects\": 99999999999999999999999}",
          "{\"project_id\": 0}",
          "{\"project_id\": \"42\"}",
          "{\"project_id\": [1]}",
          "{\"all_projects\": false}",
          "{\"all_projects\": \"true\"}",
          "{\"all_projects\": 1}",
          "{\"num_projects\": 1, \"project_id\": 2}",
          "{\"num_projects\": 1, \"all_projects\": true}",
          "{\"num_projects\": 1, \"extra\": 1}",
          "{\"project_id\": 1, \"force\": \"yes\"}",
          "{\"num_projects\": 1, \"force\": true}",
          "{\"numProjects\": 1}",
          "<xml/>"
        })
    void bad_bodies_are_400_with_a_detail_and_queue_nothing(String body) {
      Response r = owner.post(BACKFILL, body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.detail()).as(body).isNotBlank();
      assertThat(countJobs()).isZero();
    }

    @Test
    void unknown_project_is_404() {
      Response r = owner.post(BACKFILL, "{\"project_id\": 2147483647}");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).contains("2147483647");
    }

    @Test
    void huge_body_is_400() {
      Response r =
          owner.post(BACKFILL, "{\"num_projects\": 1, \"x\": \"" + "a".repeat(100_000) + "\"}");
      assertThat(r.status()).isIn(400, 413);
    }
  }

  @Nested
  class Status {

    @Test
    void organization_counts_each_project_once_by_its_latest_job() {
      long p0 = org.projectIds().get(0);
      owner.post(BACKFILL, "{\"project_id\": " + p0 + "}");
      owner.delete(BACKFILL + "?project_id=" + p0);
      owner.post(BACKFILL, "{\"project_id\": " + p0 + "}");
      markCompleted(org.projectIds().get(1));
      JsonNode status = owner.get(BACKFILL + "status/").body();
      assertThat(status.get("organization_id").asLong()).isEqualTo(org.organizationId());
      JsonNode counts = status.get("org_status");
      assertThat(counts.get("total_projects").asInt()).isEqualTo(5);
      assertThat(counts.get("not_started").asInt()).isEqualTo(3);
      assertThat(counts.get("completed").asInt()).isEqualTo(1);
      assertThat(counts.get("cancelled").asInt()).isZero();
      assertThat(counts.get("pending").asInt() + counts.get("queued").asInt()).isEqualTo(1);
      assertThat(status.has("progress")).isTrue();
    }

    @Test
    void project_and_job_status_show_the_job() {
      long project = org.projectIds().get(2);
      Response queued = owner.post(BACKFILL, "{\"project_id\": " + project + "}");
      long jobId = queued.firstJobId();
      JsonNode byProject = owner.get(BACKFILL + "status/?project_id=" + project).body();
      assertThat(byProject.get("job_id").asLong()).isEqualTo(jobId);
      assertThat(byProject.get("project_id").asLong()).isEqualTo(project);
      assertThat(byProject.get("organization_id").asLong()).isEqualTo(org.organizationId());
      assertThat(byProject.get("status").asString()).isIn("PENDING", "QUEUED");
      assertThat(byProject.get("triggered_by").get("id").asLong()).isEqualTo(org.ownerId());
      assertThat(byProject.get("triggered_by").get("email").asString()).isEqualTo(org.ownerEmail());
      for (String key :
          List.of("tasks_total", "tasks_processed", "annotations_processed", "matrices_created")) {
        assertThat(byProject.get("progress_data").get(key).asLong())
            .as("a job that has not run yet shows %s 0", key)
            .isZero();
      }
      assertThat(byProject.has("error_message")).isTrue();
      JsonNode byJob = owner.get(BACKFILL + "status/?job_id=" + jobId).body();
      assertThat(byJob.get("job_id").asLong()).isEqualTo(jobId);
    }

    @Test
    void never_backfilled_project_is_404() {
      Response r = owner.get(BACKFILL + "status/?project_id=" + org.projectIds().get(0));
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).contains("never been backfilled");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "?project_id=abc",
          "?project_id=-1",
          "?project_id=0",
          "?job_id=1.5",
          "?project_id=99999999999999999999",
          "?project_id=1&job_id=2",
          "?job_id=%00"
        })
    void bad_parameters_are_400(String query) {
      Response r = owner.get(BACKFILL + "status/" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.detail()).isNotBlank();
    }
  }

  @Nested
  class Jobs {

    @Test
    void lists_newest_first_with_filters_and_pages() {
      owner.post(BACKFILL, "{\"num_projects\": 5}");
      owner.delete(BACKFILL + "?project_id=" + org.projectIds().get(0));
      JsonNode all = owner.get(BACKFILL + "jobs/").body();
      assertThat(all.get("count").asInt()).isEqualTo(5);
      assertThat(all.get("next").isNull()).isTrue();
      List<Long> ids = new ArrayList<>();
      all.get("results").forEach(j -> ids.add(j.get("job_id").asLong()));
      assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));

      JsonNode cancelled = owner.get(BACKFILL + "jobs/?status=CANCELLED").body();
      assertThat(cancelled.get("count").asInt()).isEqualTo(1);
      assertThat(cancelled.get("results").get(0).get("project_id").asLong())
          .isEqualTo(org.projectIds().get(0));

      JsonNode page1 = owner.get(BACKFILL + "jobs/?page_size=2").body();
      assertThat(page1.get("results")).hasSize(2);
      assertThat(page1.get("next").asString()).contains("page=2").startsWith("http");
      assertThat(page1.get("previous").isNull()).isTrue();
      JsonNode page3 = owner.get(BACKFILL + "jobs/?page_size=2&page=3").body();
      assertThat(page3.get("results")).hasSize(1);
      assertThat(page3.get("previous").asString()).contains("page=2");
      JsonNode byProject =
          owner.get(BACKFILL + "jobs/?project_id=" + org.projectIds().get(1)).body();
      assertThat(byProject.get("count").asInt()).isEqualTo(1);
    }

    @Test
    void another_organizations_project_is_404_like_a_missing_one() {
      GeneratedOrganization other = data.organization(1, 1, 1, 0);
      for (long project : List.of(other.projectIds().get(0), 999_999L)) {
        Response r = owner.get(BACKFILL + "jobs/?project_id=" + project);
        assertThat(r.status()).as("project %d", project).isEqualTo(404);
        assertThat(r.detail()).contains("not found in your organization");
      }
    }

    @Test
    void jobs_of_a_soft_deleted_project_are_gone_like_the_project() {
      long project = org.projectIds().get(0);
      long job = owner.post(BACKFILL, "{\"project_id\": " + project + "}").firstJobId();
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = :id")
          .param("id", project)
          .update();

      assertThat(owner.get(BACKFILL + "jobs/").body().get("count").asInt()).isZero();
      assertThat(owner.get(BACKFILL + "status/?job_id=" + job).status()).isEqualTo(404);
      assertThat(owner.get(BACKFILL + "jobs/?project_id=" + project).status()).isEqualTo(404);
    }

    @Test
    void does_not_show_other_organizations_jobs() {
      GeneratedOrganization other = data.organization(2, 1, 1, 0);
      api(other.token()).post(BACKFILL, "{\"num_projects\": 2}");
      assertThat(owner.get(BACKFILL + "jobs/").body().get("count").asInt()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "?status=DONE",
          "?status=",
          "?page=0",
          "?page=x",
          "?page_size=0",
          "?project_id=x",
          "?status=PENDING'--"
        })
    void bad_parameters_are_400(String query) {
      Response r = owner.get(BACKFILL + "jobs/" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.detail()).isNotBlank();
    }

    @Test
    void a_page_size_above_500_is_accepted_as_label_studio_accepts_it() {
      owner.post(BACKFILL, "{\"num_projects\": 1}");
      Response r = owner.get(BACKFILL + "jobs/?page_size=100000");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("count").asInt()).isEqualTo(1);
      assertThat(owner.get(BACKFILL + "jobs/?page_size=99999999999").status()).isEqualTo(400);
    }

    @Test
    void page_past_the_end_is_404() {
      owner.post(BACKFILL, "{\"num_projects\": 1}");
      assertThat(owner.get(BACKFILL + "jobs/?page=9").status()).isEqualTo(404);
    }
  }

  @Nested
  class Cancel {

    @Test
    void cancels_every_active_job_of_the_organization() {
      owner.post(BACKFILL, "{\"num_projects\": 3}");
      GeneratedOrganization other = data.organization(1, 1, 1, 0);
      Response otherQueued = api(other.token()).post(BACKFILL, "{\"num_projects\": 1}");
      Response r = owner.delete(BACKFILL);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("cancelled_count").asInt()).isEqualTo(3);
      assertThat(r.body().get("message").asString())
          .isEqualTo("Successfully cancelled 3 Agreement V2 backfill job(s)");
      long otherJob = otherQueued.firstJobId();
      assertThat(data.jobStatus(otherJob)).isIn("PENDING", "QUEUED");
      assertThat(owner.delete(BACKFILL).body().get("cancelled_count").asInt()).isZero();
    }

    @Test
    void cancels_one_project_or_one_job() {
      Response queued = owner.post(BACKFILL, "{\"num_projects\": 3}");
      long project = queued.body().get("jobs").get(0).get("project_id").asLong();
      long job = queued.body().get("jobs").get(1).get("job_id").asLong();
      assertThat(
              owner
                  .delete(BACKFILL + "?project_id=" + project)
                  .body()
                  .get("cancelled_count")
                  .asInt())
          .isEqualTo(1);
      assertThat(owner.delete(BACKFILL + "?job_id=" + job).body().get("cancelled_count").asInt())
          .isEqualTo(1);
      assertThat(data.jobStatus(job)).isEqualTo("CANCELLED");
      assertThat(data.jobStatus(queued.body().get("jobs").get(2).get("job_id").asLong()))
          .isIn("PENDING", "QUEUED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?project_id=abc", "?job_id=-5", "?project_id=1e3"})
    void bad_parameters_are_400(String query) {
      assertThat(owner.delete(BACKFILL + query).status()).isEqualTo(400);
    }

    @Test
    void unknown_job_is_404() {
      assertThat(owner.delete(BACKFILL + "?job_id=2147483000").status()).isEqualTo(404);
    }
  }

  @Test
  void wrong_method_is_405_not_500() {
    Response r = owner.raw(owner.request(BACKFILL).PUT(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(r.status()).isEqualTo(405);
  }

  @Test
  void api_description_is_served() {
    Response r = api(null).raw(api(null).request("/v3/api-docs").GET());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw()).contains("/api/dimensions/backfill/");
  }

  private void markCompleted(long project) {
    long job =
        data.jdbc()
            .sql(
                """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status, completed_at)
            VALUES (:o, :p, 'COMPLETED', now()) RETURNING id
            """)
            .param("o", org.organizationId())
            .param("p", project)
            .query(Long.class)
            .single();
    data.jdbc()
        .sql(
            """
            INSERT INTO agreement.project_agreement (project_id, job_id, methodology, tasks_scored, computed_at)
            VALUES (:p, :j, 'consensus', 0, now())
            """)
        .param("p", project)
        .param("j", job)
        .update();
  }

  private long countJobs() {
    return data.jdbc()
        .sql("SELECT count(*) FROM agreement.backfill_job WHERE organization_id = :o")
        .param("o", org.organizationId())
        .query(Long.class)
        .single();
  }

  private static List<Long> projectIds(Response r) {
    List<Long> ids = new ArrayList<>();
    r.body().get("jobs").forEach(j -> ids.add(j.get("project_id").asLong()));
    return ids;
  }
}
