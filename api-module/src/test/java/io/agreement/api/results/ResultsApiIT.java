package io.agreement.api.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The three read endpoints over real HTTP, on result rows written the way the worker writes them.
 */
class ResultsApiIT extends IntegrationTest {

  static final String CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
        <Rating name="quality" toName="text"/>
      </View>""";

  private GeneratedOrganization org;
  private ApiClient owner;
  private long project;
  private long firstUser;
  private long secondUser;
  private final List<Long> tasks = new ArrayList<>();

  @BeforeEach
  void backfilledProject() {
    org = data.organization(0, 0, 2, 0);
    owner = api(org.token());
    project = data.projectWithConfig(org.organizationId(), CONFIG);
    firstUser = org.annotatorIds().get(0);
    secondUser = org.annotatorIds().get(1);
    for (int i = 0; i < 4; i++) {
      tasks.add(data.task(project));
    }
    String matrix =
        "{\"annotation_ids\": [11, 12], \"user_ids\": ["
            + firstUser
            + ", "
            + secondUser
            + "], \"scores\": [[1.0, 0.25], [0.25, 1.0]]}";
    new ResultsFixture(data.jdbc(), project)
        .project(9, "consensus", 0.5, 3)
        .tag(1, "quality", "Rating", "numeric_difference", 2, 0.5, 3, 0.1, "interval")
        .tag(0, "sentiment", "Choices", "exact_match", 1, 0.5, 3, null, "nominal")
        .task(tasks.get(0), 0.25, 2, matrix)
        .taskTag(tasks.get(0), "quality", 0.5, 2)
        .taskTag(tasks.get(0), "sentiment", 0.0, 2)
        .task(tasks.get(1), 0.75, 2, matrix)
        .taskTag(tasks.get(1), "sentiment", 1.0, 2)
        .taskTag(tasks.get(1), "quality", 0.5, 2)
        .task(tasks.get(2), 0.5, 3, null)
        .taskTag(tasks.get(2), "sentiment", 0.5, 3)
        .taskTag(tasks.get(2), "quality", 0.5, 3)
        .annotator(secondUser, 0, 0)
        .annotator(firstUser, 1.5, 3)
        .annotatorTag(firstUser, "quality", 1.5, 3)
        .annotatorTag(firstUser, "sentiment", 1.0, 3);
  }

  private String base() {
    return "/api/projects/" + project;
  }

  @Nested
  class Summary {

    @Test
    void shows_the_last_backfill_with_tags_in_config_order_and_annotator_means() {
      Response r = owner.get(base() + "/agreement/");
      assertThat(r.status()).isEqualTo(200);
      JsonNode body = r.body();
      assertThat(body.get("project_id").asLong()).isEqualTo(project);
      assertThat(body.get("methodology").asString()).isEqualTo("consensus");
      assertThat(body.get("computed_at").asString()).isEqualTo("2024-05-01T12:00:00Z");
      assertThat(body.get("stale").asBoolean()).isFalse();
      assertThat(body.get("agreement").asDouble()).isEqualTo(0.5);
      assertThat(body.get("tasks_scored").asInt()).isEqualTo(3);
      JsonNode tags = body.get("control_tags");
      assertThat(tags).hasSize(2);
      assertThat(tags.get(0).get("name").asString()).isEqualTo("sentiment");
      assertThat(tags.get(0).get("krippendorff_alpha").isNull()).isTrue();
      JsonNode quality = tags.get(1);
      assertThat(quality.get("type").asString()).isEqualTo("Rating");
      assertThat(quality.get("metric").asString()).isEqualTo("numeric_difference");
      assertThat(quality.get("weight").asDouble()).isEqualTo(2.0);
      assertThat(quality.get("threshold").asDouble()).isEqualTo(0.5);
      assertThat(quality.get("krippendorff_alpha").asDouble()).isEqualTo(0.1);
      assertThat(quality.get("alpha_level").asString()).isEqualTo("interval");
      assertThat(quality.get("methodology").asString()).isEqualTo("consensus");
    }

    @Test
    void annotator_agreement_is_the_mean_pair_score_and_null_without_pairs() {
      JsonNode annotators = owner.get(base() + "/agreement/").body().get("annotators");
      assertThat(annotators).hasSize(2);
      JsonNode first = annotators.get(0);
      assertThat(first.get("user_id").asLong()).isEqualTo(firstUser);
      assertThat(first.get("email").asString()).contains("@example.com");
      assertThat(first.get("agreement").asDouble()).isEqualTo(0.5);
      assertThat(first.get("pairs").asLong()).isEqualTo(3);
      assertThat(first.get("per_tag").propertyNames()).containsExactly("sentiment", "quality");
      assertThat(first.get("per_tag").get("sentiment").asDouble()).isEqualTo(1.0 / 3);
      JsonNode second = annotators.get(1);
      assertThat(second.get("agreement").isNull()).isTrue();
      assertThat(second.get("per_tag").isEmpty()).isTrue();
    }

    @Test
    void never_backfilled_project_answers_nulls_and_the_current_tags_with_their_settings() {
      long fresh = data.projectWithConfig(org.organizationId(), CONFIG);
      assertThat(
              owner
                  .patch("/api/projects/" + fresh + "/dimensions/quality/", "{\"weight\": 3}")
                  .status())
          .isEqualTo(200);
      Response r = owner.get("/api/projects/" + fresh + "/agreement/");
      assertThat(r.status()).isEqualTo(200);
      JsonNode body = r.body();
      for (String field : List.of("computed_at", "agreement", "tasks_scored", "job_id")) {
        assertThat(body.get(field).isNull()).as(field).isTrue();
      }
      assertThat(body.get("methodology").asString()).isEqualTo("consensus");
      assertThat(body.get("annotators")).isEmpty();
      JsonNode tags = body.get("control_tags");
      assertThat(tags).hasSize(2);
      assertThat(tags.get(0).get("name").asString()).isEqualTo("sentiment");
      assertThat(tags.get(0).get("metric").asString()).isEqualTo("exact_match");
      assertThat(tags.get(1).get("weight").asDouble()).isEqualTo(3.0);
      assertThat(tags.get(1).get("methodology").asString()).isEqualTo("consensus");
      assertThat(tags.get(1).get("agreement").isNull()).isTrue();
      assertThat(tags.get(1).get("krippendorff_alpha").isNull()).isTrue();
    }

    @Test
    void unreadable_label_config_lists_no_tags() {
      long broken =
          data.projectWithConfig(org.organizationId(), "<View><Choices name=\"x\" toName=");
      Response r = owner.get("/api/projects/" + broken + "/agreement/");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("control_tags")).isEmpty();
      assertThat(r.body().get("computed_at").isNull()).isTrue();
    }

    @Test
    void settings_change_shows_stale_results_computed_with_the_old_methodology() {
      assertThat(
              owner
                  .patch(base() + "/agreement/settings/", "{\"methodology\": \"pairwise\"}")
                  .status())
          .isEqualTo(200);
      JsonNode body = owner.get(base() + "/agreement/").body();
      assertThat(body.get("stale").asBoolean()).isTrue();
      assertThat(body.get("methodology").asString()).isEqualTo("consensus");
    }
  }

  @Nested
  class Tasks {

    @Test
    void lists_scored_tasks_by_task_id_with_per_tag_scores_in_config_order() {
      Response r = owner.get(base() + "/agreement/tasks/");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("count").asLong()).isEqualTo(3);
      assertThat(r.body().get("next").isNull()).isTrue();
      assertThat(r.body().get("previous").isNull()).isTrue();
      assertThat(taskIds(r)).containsExactly(tasks.get(0), tasks.get(1), tasks.get(2));
      JsonNode first = r.body().get("results").get(0);
      assertThat(first.get("agreement").asDouble()).isEqualTo(0.25);
      assertThat(first.get("annotations").asInt()).isEqualTo(2);
      assertThat(first.get("control_tags").propertyNames()).containsExactly("sentiment", "quality");
      assertThat(first.get("control_tags").get("quality").asDouble()).isEqualTo(0.5);
    }

    @Test
    void min_and_max_bound_the_overall_score_inclusively() {
      assertThat(taskIds(owner.get(base() + "/agreement/tasks/?min=0.5")))
          .containsExactly(tasks.get(1), tasks.get(2));
      assertThat(taskIds(owner.get(base() + "/agreement/tasks/?max=0.5")))
          .containsExactly(tasks.get(0), tasks.get(2));
      assertThat(taskIds(owner.get(base() + "/agreement/tasks/?min=0.5&max=.5")))
          .containsExactly(tasks.get(2));
      assertThat(taskIds(owner.get(base() + "/agreement/tasks/?min=1&max=1"))).isEmpty();
    }

    @Test
    void control_tag_makes_min_and_max_bound_that_tags_score() {
      assertThat(taskIds(owner.get(base() + "/agreement/tasks/?control_tag=sentiment&min=0.5")))
          .containsExactly(tasks.get(1), tasks.get(2));
      assertThat(taskIds(owner.get(base() + "/agreement/tasks/?control_tag=sentiment&max=0")))
          .containsExactly(tasks.get(0));
      Response none = owner.get(base() + "/agreement/tasks/?control_tag=quality&max=0.4");
      assertThat(none.status()).isEqualTo(200);
      assertThat(none.body().get("count").asLong()).isZero();
      assertThat(taskIds(owner.get(base() + "/agreement/tasks/?control_tag=quality"))).hasSize(3);
    }

    @Test
    void pages_link_to_each_other_and_a_page_past_the_end_is_404() {
      Response first = owner.get(base() + "/agreement/tasks/?page_size=2&min=0");
      assertThat(taskIds(first)).containsExactly(tasks.get(0), tasks.get(1));
      assertThat(first.body().get("next").asString())
          .contains("page=2")
          .contains("page_size=2")
          .contains("min=0");
      assertThat(first.body().get("previous").isNull()).isTrue();
      Response second = owner.get(base() + "/agreement/tasks/?page_size=2&page=2");
      assertThat(taskIds(second)).containsExactly(tasks.get(2));
      assertThat(second.body().get("next").isNull()).isTrue();
      assertThat(second.body().get("previous").asString()).contains("page=1");
      Response past = owner.get(base() + "/agreement/tasks/?page_size=2&page=3");
      assertThat(past.status()).isEqualTo(404);
      assertThat(past.detail()).contains("Invalid page 3");
    }

    @Test
    void first_page_of_nothing_is_empty_not_404() {
      long fresh = data.projectWithConfig(org.organizationId(), CONFIG);
      Response r = owner.get("/api/projects/" + fresh + "/agreement/tasks/?control_tag=quality");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("count").asLong()).isZero();
      assertThat(r.body().get("results")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "control_tag=nope",
          "control_tag=",
          "control_tag=sentiment%27%20OR%20%271%27%3D%271",
          "control_tag=SENTIMENT"
        })
    void unknown_control_tag_is_400_naming_the_known_ones(String query) {
      Response r = owner.get(base() + "/agreement/tasks/?" + query);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).contains("known: quality, sentiment");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "min=abc",
          "min=NaN",
          "max=Infinity",
          "min=-0.1",
          "max=1.5",
          "min=1e999",
          "min=0x1p-1",
          "min=1d",
          "min=",
          "max=0.2&min=0.8",
          "min=%27%3B%20DROP%20TABLE%20task%3B--",
          "page=0",
          "page=-1",
          "page=abc",
          "page=99999999999999999999",
          "page_size=0",
          "page_size=1.5",
          "page_size=NaN"
        })
    void bad_parameters_are_400_with_a_detail(String query) {
      Response r = owner.get(base() + "/agreement/tasks/?" + query);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).isNotBlank();
    }
  }

  @Nested
  class TaskDetail {

    @Test
    void shows_tag_scores_and_the_matrix_in_annotation_order() {
      Response r = owner.get(base() + "/tasks/" + tasks.get(0) + "/agreement/");
      assertThat(r.status()).isEqualTo(200);
      JsonNode body = r.body();
      assertThat(body.get("task_id").asLong()).isEqualTo(tasks.get(0));
      assertThat(body.get("agreement").asDouble()).isEqualTo(0.25);
      assertThat(body.get("annotations").asInt()).isEqualTo(2);
      assertThat(body.get("control_tags").propertyNames()).containsExactly("sentiment", "quality");
      JsonNode matrix = body.get("matrix");
      assertThat(matrix.propertyNames()).containsExactly("annotation_ids", "user_ids", "scores");
      assertThat(matrix.get("annotation_ids").get(0).asLong()).isEqualTo(11);
      assertThat(matrix.get("user_ids").get(1).asLong()).isEqualTo(secondUser);
      assertThat(matrix.get("scores").get(0).get(1).asDouble()).isEqualTo(0.25);
    }

    @Test
    void task_without_matrix_shows_null() {
      Response r = owner.get(base() + "/tasks/" + tasks.get(2) + "/agreement");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("matrix").isNull()).isTrue();
    }

    @Test
    void unscored_task_and_task_of_another_project_are_404() {
      Response unscored = owner.get(base() + "/tasks/" + tasks.get(3) + "/agreement/");
      assertThat(unscored.status()).isEqualTo(404);
      assertThat(unscored.detail()).contains("no agreement score");
      long other = data.projectWithConfig(org.organizationId(), CONFIG);
      assertThat(
              owner
                  .get("/api/projects/" + other + "/tasks/" + tasks.get(0) + "/agreement/")
                  .status())
          .isEqualTo(404);
      assertThat(owner.get(base() + "/tasks/2147483647/agreement/").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "abc",
          "0",
          "-5",
          "99999999999",
          "2147483648",
          "1.5",
          "NaN",
          "1%27%20OR%201%3D1"
        })
    void bad_task_ids_are_400(String id) {
      Response r = owner.get(base() + "/tasks/" + id + "/agreement/");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).contains("task id");
    }
  }

  @Nested
  class Access {

    @Test
    void annotators_cannot_read_results() {
      ApiClient annotator = api(data.member(org.organizationId(), "ANNOTATOR"));
      for (String path : readPaths()) {
        Response r = annotator.get(path);
        assertThat(r.status()).as(path).isEqualTo(403);
        assertThat(r.detail()).contains("Annotators cannot read");
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MANAGER", "REVIEWER", "ADMINISTRATOR"})
    void other_roles_may_read(String role) {
      ApiClient member = api(data.member(org.organizationId(), role));
      for (String path : readPaths()) {
        assertThat(member.get(path).status()).as(path).isEqualTo(200);
      }
    }

    @Test
    void missing_token_is_401() {
      assertThat(api(null).get(base() + "/agreement/").status()).isEqualTo(401);
    }

    @Test
    void another_organizations_project_is_404_exactly_like_a_missing_one() {
      GeneratedOrganization stranger = data.organization(0, 0, 1, 0);
      ApiClient other = api(stranger.token());
      for (String path : readPaths()) {
        Response r = other.get(path);
        assertThat(r.status()).as(path).isEqualTo(404);
        assertThat(r.detail()).isEqualTo("Project " + project + " not found in your organization");
      }
      Response missing = other.get("/api/projects/2147483647/agreement/");
      assertThat(missing.detail()).isEqualTo("Project 2147483647 not found in your organization");
    }

    @Test
    void soft_deleted_project_is_404() {
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = :p")
          .param("p", project)
          .update();
      for (String path : readPaths()) {
        assertThat(owner.get(path).status()).as(path).isEqualTo(404);
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "abc",
          "0",
          "-1",
          "2147483648",
          "99999999999999999999",
          "1e3",
          "0x10",
          "NaN",
          "1%20OR%201%3D1"
        })
    void bad_project_ids_are_400(String id) {
      for (String path : List.of("/agreement/", "/agreement/tasks/", "/tasks/1/agreement/")) {
        Response r = owner.get("/api/projects/" + id + path);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.detail()).contains("project id");
      }
    }

    private List<String> readPaths() {
      return List.of(
          base() + "/agreement/",
          base() + "/agreement/tasks/",
          base() + "/tasks/" + tasks.get(0) + "/agreement/");
    }
  }

  private static List<Long> taskIds(Response r) {
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    r.body().get("results").forEach(task -> ids.add(task.get("task_id").asLong()));
    return ids;
  }
}
