package io.agreement.api.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The explorer's own endpoints over HTTP: three generated projects, two of them with results
 * written as the worker writes them, one with a job that failed.
 */
class ExplorerApiIT extends IntegrationTest {

  @DynamicPropertySource
  static void labelStudio(DynamicPropertyRegistry registry) {
    registry.add("agreement.label-studio.url", () -> "http://ls.example/");
  }

  private GeneratedOrganization org;
  private ApiClient owner;
  private List<Long> projects;

  @BeforeEach
  void organization() {
    org = data.organization(3, 4, 2, 0);
    owner = api(org.token());
    projects = org.projectIds().stream().sorted().toList();
    results(projects.get(0), 0.9, false);
    results(projects.get(1), 0.4, true);
    job(projects.get(2), "FAILED", "{\"tasks_total\": 4, \"tasks_processed\": 1}");
    job(projects.get(1), "RUNNING", "{\"tasks_total\": 4, \"tasks_processed\": 2}");
  }

  @Nested
  class Me {
    @Test
    void says_who_is_signed_in_and_what_the_role_allows() {
      JsonNode me = owner.get("/api/agreement/me/").body();
      assertThat(me.get("user_id").asLong()).isEqualTo(org.ownerId());
      assertThat(me.get("email").asString()).isEqualTo(org.ownerEmail());
      assertThat(me.get("organization_id").asLong()).isEqualTo(org.organizationId());
      assertThat(me.get("role").asString()).isEqualTo("OWNER");
      assertThat(me.get("may_administer").asBoolean()).isTrue();
      JsonNode manager =
          owner.as(data.member(org.organizationId(), "MANAGER")).get("/api/agreement/me").body();
      assertThat(manager.get("role").asString()).isEqualTo("MANAGER");
      assertThat(manager.get("may_administer").asBoolean()).isFalse();
      assertThat(manager.get("may_read_results").asBoolean()).isTrue();
    }

    @Test
    void refuses_a_missing_or_wrong_token_with_a_detail() {
      Response missing = owner.as(null).get("/api/agreement/me/");
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.detail()).isNotBlank();
      Response wrong = owner.as("not-a-token").get("/api/agreement/me/");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.detail()).isNotBlank();
    }
  }

  @Nested
  class Projects {
    @Test
    void lists_every_project_with_its_results_and_latest_job() {
      JsonNode page = owner.get("/api/agreement/projects/").body();
      assertThat(page.get("count").asLong()).isEqualTo(3);
      List<JsonNode> rows = rows(page);
      assertThat(rows).extracting(r -> r.get("project_id").asLong()).isEqualTo(projects);
      assertThat(rows.get(0).get("agreement").asDouble()).isEqualTo(0.9);
      assertThat(rows.get(0).get("backfilled").asBoolean()).isTrue();
      assertThat(rows.get(1).get("stale").asBoolean()).isTrue();
      assertThat(rows.get(1).get("latest_job_status").asString()).isEqualTo("RUNNING");
      assertThat(rows.get(2).get("agreement").isNull()).isTrue();
      assertThat(rows.get(2).get("backfilled").asBoolean()).isFalse();
      assertThat(rows.get(2).get("latest_job_status").asString()).isEqualTo("FAILED");
      assertThat(rows.get(2).get("title").asString()).isEqualTo("Project 3");
    }

    @Test
    void sorts_by_agreement_with_unscored_projects_last_and_filters_by_title() {
      List<JsonNode> down = rows(owner.get("/api/agreement/projects/?ordering=-agreement").body());
      assertThat(down).extracting(r -> r.get("project_id").asLong()).isEqualTo(projects);
      List<JsonNode> up = rows(owner.get("/api/agreement/projects/?ordering=agreement").body());
      assertThat(up)
          .extracting(r -> r.get("project_id").asLong())
          .containsExactly(projects.get(1), projects.get(0), projects.get(2));
      JsonNode two = owner.get("/api/agreement/projects/?title=ject%202").body();
      assertThat(two.get("count").asLong()).isEqualTo(1);
      assertThat(rows(two).get(0).get("project_id").asLong()).isEqualTo(projects.get(1));
      assertThat(owner.get("/api/agreement/projects/?title=%25").body().get("count").asLong())
          .isZero();
    }

    @Test
    void pages_like_the_other_lists() {
      JsonNode second = owner.get("/api/agreement/projects/?page=2&page_size=2").body();
      assertThat(rows(second)).hasSize(1);
      assertThat(second.get("previous").isNull()).isFalse();
      assertThat(owner.get("/api/agreement/projects/?page=3&page_size=2").status()).isEqualTo(404);
    }

    @Test
    void refuses_unknown_orderings_bad_paging_long_titles_and_annotators() {
      Response ordering = owner.get("/api/agreement/projects/?ordering=password;DROP");
      assertThat(ordering.status()).isEqualTo(400);
      assertThat(ordering.detail()).contains("ordering must be one of");
      assertThat(owner.get("/api/agreement/projects/?page=0").status()).isEqualTo(400);
      assertThat(owner.get("/api/agreement/projects/?page_size=x").detail()).contains("page_size");
      assertThat(owner.get("/api/agreement/projects/?title=" + "a".repeat(201)).status())
          .isEqualTo(400);
      Response annotator =
          owner.as(data.member(org.organizationId(), "ANNOTATOR")).get("/api/agreement/projects/");
      assertThat(annotator.status()).isEqualTo(403);
      assertThat(annotator.detail()).contains("Annotators");
    }

    @Test
    void never_shows_another_organizations_projects() {
      GeneratedOrganization other = data.organization(1, 1, 1, 0);
      long foreign = other.projectIds().get(0);
      assertThat(owner.get("/api/agreement/projects/" + foreign + "/").status()).isEqualTo(404);
      assertThat(owner.get("/api/agreement/projects/" + foreign + "/settings/").status())
          .isEqualTo(404);
      assertThat(owner.get("/api/agreement/projects/" + foreign + "/lowest-tasks/").status())
          .isEqualTo(404);
      assertThat(owner.get("/api/agreement/projects/abc/").status()).isEqualTo(400);
      assertThat(owner.get("/api/agreement/projects/99999999999/").status()).isEqualTo(400);
    }
  }

  @Nested
  class OneProject {
    @Test
    void answers_one_row_and_the_effective_settings() {
      long id = projects.get(0);
      JsonNode row = owner.get("/api/agreement/projects/" + id + "/").body();
      assertThat(row.get("title").asString()).isEqualTo("Project 1");
      assertThat(row.get("tasks_scored").asInt()).isEqualTo(4);
      JsonNode settings = owner.get("/api/agreement/projects/" + id + "/settings/").body();
      assertThat(settings.get("methodology").asString()).isEqualTo("consensus");
      assertThat(settings.get("agreement_threshold").asDouble()).isEqualTo(0.5);
      assertThat(settings.get("dimensions").get(0).get("name").asString()).isEqualTo("sentiment");
    }

    @Test
    void lists_the_lowest_scored_tasks_first_with_their_links() {
      long id = projects.get(0);
      List<Long> tasks = tasksOf(id);
      double[] scores = {0.8, 0.1, Double.NaN, 0.5};
      for (int i = 0; i < tasks.size(); i++) {
        taskResult(tasks.get(i), id, scores[i]);
      }
      JsonNode lowest =
          owner.get("/api/agreement/projects/" + id + "/lowest-tasks/?limit=2").body();
      assertThat(lowest).hasSize(2);
      assertThat(lowest.get(0).get("task_id").asLong()).isEqualTo(tasks.get(1));
      assertThat(lowest.get(1).get("task_id").asLong()).isEqualTo(tasks.get(3));
      assertThat(lowest.get(0).get("task_url").asString())
          .isEqualTo("http://ls.example/projects/" + id + "/data?task=" + tasks.get(1));
      Response limit = owner.get("/api/agreement/projects/" + id + "/lowest-tasks/?limit=101");
      assertThat(limit.status()).isEqualTo(400);
      assertThat(limit.detail()).contains("limit");
      assertThat(owner.get("/api/agreement/projects/" + id + "/lowest-tasks/?limit=-1").status())
          .isEqualTo(400);
    }
  }

  @Nested
  class Progress {
    @Test
    void sums_the_latest_jobs_of_each_project_for_administrators_only() {
      JsonNode progress = owner.get("/api/agreement/progress/").body();
      assertThat(progress.get("tasks_processed").asLong()).isEqualTo(3);
      assertThat(progress.get("tasks_total").asLong()).isEqualTo(8);
      assertThat(progress.get("active_jobs").asLong()).isEqualTo(1);
      Response manager =
          owner.as(data.member(org.organizationId(), "MANAGER")).get("/api/agreement/progress/");
      assertThat(manager.status()).isEqualTo(403);
      assertThat(manager.detail()).contains("OWNER or ADMINISTRATOR");
    }
  }

  @Nested
  class Access {
    @Test
    void every_endpoint_wants_a_token_and_none_shows_results_to_an_annotator() {
      ApiClient annotator = owner.as(data.member(org.organizationId(), "ANNOTATOR"));
      long id = projects.get(0);
      for (String path :
          List.of(
              "/api/agreement/projects/",
              "/api/agreement/projects/" + id + "/",
              "/api/agreement/projects/" + id + "/settings/",
              "/api/agreement/projects/" + id + "/lowest-tasks/",
              "/api/agreement/progress/")) {
        Response anonymous = owner.as(null).get(path);
        assertThat(anonymous.status()).as(path).isEqualTo(401);
        assertThat(anonymous.detail()).as(path).isNotBlank();
        Response refused = annotator.get(path);
        assertThat(refused.status()).as(path).isEqualTo(403);
        assertThat(refused.detail()).as(path).isNotBlank();
      }
      assertThat(annotator.get("/api/agreement/me/").body().get("may_read_results").asBoolean())
          .isFalse();
    }
  }

  @Nested
  class Pages {
    @Test
    void the_root_and_ui_redirect_to_the_explorer_which_needs_no_token() throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> root = http.send(get("/"), HttpResponse.BodyHandlers.ofString());
      assertThat(root.statusCode()).isEqualTo(302);
      assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/ui/");
      HttpResponse<String> ui = http.send(get("/ui/"), HttpResponse.BodyHandlers.ofString());
      assertThat(ui.statusCode()).isEqualTo(200);
      assertThat(ui.body()).contains("<script type=\"module\" src=\"js/main.js\">");
      HttpResponse<String> module =
          http.send(get("/ui/js/main.js"), HttpResponse.BodyHandlers.ofString());
      assertThat(module.statusCode()).isEqualTo(200);
      assertThat(module.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
      HttpResponse<String> charts =
          http.send(
              get("/webjars/echarts/dist/echarts.esm.min.js"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(charts.statusCode()).isEqualTo(200);
      assertThat(
              http.send(get("/ui/js/none.js"), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(404);
    }

    private HttpRequest get(String path) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    }
  }

  private static List<JsonNode> rows(JsonNode page) {
    return StreamSupport.stream(page.get("results").spliterator(), false).toList();
  }

  private List<Long> tasksOf(long project) {
    return data.jdbc()
        .sql("SELECT id FROM task WHERE project_id = :p ORDER BY id")
        .param("p", project)
        .query(Long.class)
        .list();
  }

  private void results(long project, double agreement, boolean stale) {
    data.jdbc()
        .sql(
            """
            INSERT INTO agreement.project_agreement
                (project_id, job_id, methodology, agreement, tasks_scored, computed_at, stale)
            VALUES (:p, 1, 'consensus', :a, 4, :at, :stale)
            """)
        .param("p", project)
        .param("a", agreement)
        .param("at", Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")))
        .param("stale", stale)
        .update();
  }

  private void job(long project, String status, String progress) {
    data.jdbc()
        .sql(
            """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status, progress, error_message)
            VALUES (:o, :p, :s, CAST(:progress AS jsonb), CASE WHEN :s = 'FAILED' THEN 'boom' END)
            """)
        .param("o", org.organizationId())
        .param("p", project)
        .param("s", status)
        .param("progress", progress)
        .update();
  }

  private void taskResult(long task, long project, double score) {
    data.jdbc()
        .sql(
            """
            INSERT INTO agreement.task_agreement (task_id, project_id, agreement, annotations, computed_at)
            VALUES (:t, :p, :a, 2, now())
            """)
        .param("t", task)
        .param("p", project)
        .param("a", Double.isNaN(score) ? null : score)
        .update();
  }
}
