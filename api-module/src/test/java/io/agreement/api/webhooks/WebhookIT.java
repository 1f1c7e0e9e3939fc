package io.agreement.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Label Studio's webhooks, in the exact shapes it sends (LS-WEBHOOKS 1.4), become dirty marks, a
 * refresh request and one message on the refresh queue; everything else it may send is answered 200
 * and marks nothing, and only a body that is not JSON is refused.
 */
@TestPropertySource(properties = IntegrationTest.WEBHOOK_SECRET_PROPERTY)
class WebhookIT extends IntegrationTest {

  static final String CONFIG =
      "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"sentiment\" toName=\"text\">"
          + "<Choice value=\"Positive\"/><Choice value=\"Negative\"/></Choices></View>";
  static final String RESULT =
      "[{\"id\": \"r1\", \"from_name\": \"sentiment\", \"to_name\": \"text\", \"type\": \"choices\","
          + " \"origin\": \"manual\", \"value\": {\"choices\": [\"Positive\"]}}]";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired RabbitTemplate rabbit;
  @Autowired MeterRegistry meters;

  private GeneratedOrganization org;
  private long project;
  private long user;
  private final List<Long> tasks = new ArrayList<>();

  @BeforeEach
  void project() {
    org = data.organization(0, 0, 2, 0);
    user = org.annotatorIds().get(0);
    project = data.projectWithConfig(org.organizationId(), CONFIG);
    tasks.clear();
    for (int i = 0; i < 3; i++) {
      tasks.add(data.task(project));
    }
  }

  private Response post(String body) {
    return post(body, WEBHOOK_SECRET);
  }

  private Response post(String body, String secret) {
    HttpRequest.Builder request =
        api(null)
            .request("/api/agreement/webhooks/label-studio/")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (secret != null) {
      request.header("X-Agreement-Webhook-Secret", secret);
    }
    return api(null).raw(request);
  }

  /** Task id to the source of its mark, for this test's project. */
  private Map<Long, String> marks() {
    return marks(project);
  }

  private Map<Long, String> marks(long projectId) {
    return data
        .jdbc()
        .sql("SELECT task_id, source FROM agreement.dirty_task WHERE project_id = :p")
        .param("p", projectId)
        .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The project's deleted annotations waiting for its refresh, ascending. */
  private List<Long> deleted() {
    return data.jdbc()
        .sql(
            "SELECT annotation_id FROM agreement.deleted_annotation WHERE project_id = :p"
                + " ORDER BY annotation_id")
        .param("p", project)
        .query(Long.class)
        .list();
  }

  private long count(String sql) {
    return data.jdbc().sql(sql).param("p", project).query(Long.class).single();
  }

  private long annotation(long task) {
    return data.annotation(task, project, user, RESULT);
  }

  private static String projectJson(long id) {
    return "{\"id\": "
        + id
        + ", \"title\": \"p\", \"label_config\": \"<View></View>\", \"control_weights\": {},"
        + " \"maximum_annotations\": 3, \"task_number\": 3}";
  }

  private String annotationJson(long id, long task) {
    return "{\"id\": "
        + id
        + ", \"result\": "
        + RESULT
        + ", \"task\": "
        + task
        + ", \"project\": "
        + project
        + ", \"completed_by\": "
        + user
        + ", \"updated_by\": "
        + user
        + ", \"was_cancelled\": false, \"ground_truth\": false,"
        + " \"created_at\": \"2026-01-05T10:00:00.123456Z\","
        + " \"updated_at\": \"2026-01-05T10:00:00.123456Z\", \"lead_time\": 12.5,"
        + " \"prediction\": {}, \"result_count\": 1, \"parent_prediction\": null,"
        + " \"parent_annotation\": null, \"unique_id\": \"0d3c\", \"last_action\": null,"
        + " \"bulk_created\": false}";
  }

  private String taskJson(long task) {
    return "{\"id\": "
        + task
        + ", \"data\": {\"text\": \"a [nested] {text}\"}, \"meta\": {}, \"project\": "
        + project
        + ", \"is_labeled\": false, \"total_annotations\": 2, \"cancelled_annotations\": 0,"
        + " \"updated_at\": \"2026-01-05T10:00:00.123456Z\", \"inner_id\": 1}";
  }

  /** The refresh message of this test's project, skipping those of other tests. */
  private JsonNode refreshMessage() {
    String queue = ENV.queueName() + "-refresh";
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      Message message = rabbit.receive(queue, 1000);
      if (message != null) {
        JsonNode body = JSON.readTree(message.getBody());
        if (body.path("project_id").asLong() == project) {
          return body;
        }
      }
    }
    throw new AssertionError("no refresh message for project " + project + " on " + queue);
  }

  private void assertRequested() {
    assertThat(count("SELECT count(*) FROM agreement.refresh_request WHERE project_id = :p"))
        .isEqualTo(1);
    assertThat(refreshMessage().path("project_id").asLong()).isEqualTo(project);
  }

  @Nested
  class Annotations {

    @Test
    void annotation_created_marks_its_task_and_asks_for_one_refresh() {
      long a = annotation(tasks.get(0));
      Response r =
          post(
              "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": "
                  + annotationJson(a, tasks.get(0))
                  + ", \"project\": "
                  + projectJson(project)
                  + ", \"task\": "
                  + taskJson(tasks.get(0))
                  + "}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("action").asString()).isEqualTo("ANNOTATION_CREATED");
      assertThat(r.body().path("marked").asInt()).isEqualTo(1);
      assertThat(marks()).isEqualTo(Map.of(tasks.get(0), "webhook"));
      assertRequested();
    }

    @Test
    void annotation_updated_marks_its_task_on_the_path_without_the_slash_too() {
      long a = annotation(tasks.get(1));
      HttpRequest.Builder request =
          api(null)
              .request("/api/agreement/webhooks/label-studio")
              .header("Content-Type", "application/json")
              .header("X-Agreement-Webhook-Secret", WEBHOOK_SECRET)
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"action\": \"ANNOTATION_UPDATED\", \"annotation\": "
                          + annotationJson(a, tasks.get(1))
                          + ", \"project\": "
                          + projectJson(project)
                          + ", \"task\": "
                          + taskJson(tasks.get(1))
                          + "}"));
      Response r = api(null).raw(request);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(marks()).isEqualTo(Map.of(tasks.get(1), "webhook"));
      assertRequested();
    }

    @Test
    void annotations_created_is_a_list_under_the_singular_key_with_a_task_list() {
      long a = annotation(tasks.get(0));
      long b = annotation(tasks.get(0));
      long c = annotation(tasks.get(2));
      Response r =
          post(
              "{\"action\": \"ANNOTATIONS_CREATED\", \"annotation\": ["
                  + annotationJson(a, tasks.get(0))
                  + ", "
                  + annotationJson(b, tasks.get(0))
                  + ", "
                  + annotationJson(c, tasks.get(2))
                  + "], \"project\": "
                  + projectJson(project)
                  + ", \"task\": ["
                  + taskJson(tasks.get(0))
                  + ", "
                  + taskJson(tasks.get(0))
                  + ", "
                  + taskJson(tasks.get(2))
                  + "]}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("marked").asInt()).isEqualTo(2);
      assertThat(marks()).containsOnlyKeys(tasks.get(0), tasks.get(2));
      assertRequested();
    }

    @Test
    void a_bulk_post_of_5000_annotations_with_their_results_marks_every_task() {
      StringBuilder body =
          new StringBuilder("{\"action\": \"ANNOTATIONS_CREATED\", \"annotation\": [");
      StringBuilder taskList = new StringBuilder();
      for (int i = 0; i < 5000; i++) {
        long task = 1_000_000L + i / 2;
        body.append(i == 0 ? "" : ", ").append(annotationJson(2_000_000L + i, task));
        taskList.append(i == 0 ? "" : ", ").append(taskJson(task));
      }
      body.append("], \"project\": ")
          .append(projectJson(project))
          .append(", \"task\": [")
          .append(taskList)
          .append("]}");
      assertThat(body.length()).isGreaterThan(3_000_000);
      Instant start = Instant.now();
      Response r = post(body.toString());
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
      assertThat(r.body().path("marked").asInt()).isEqualTo(2500);
      assertThat(marks()).hasSize(2500).containsEntry(1_000_000L, "webhook");
      assertRequested();
    }

    @Test
    void
        annotations_deleted_queues_the_ids_for_the_refresh_to_find_the_tasks_they_were_scored_in() {
      Response r =
          post(
              "{\"action\": \"ANNOTATIONS_DELETED\", \"annotations\": [{\"id\": 900002},"
                  + " {\"id\": 900002}, {\"id\": 2147483647}], \"project\": "
                  + projectJson(project)
                  + "}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("marked").asInt()).as("each id queued once").isEqualTo(2);
      assertThat(marks()).as("Label Studio has neither: no task to mark yet").isEmpty();
      assertThat(deleted()).containsExactly(900002L, 2147483647L);
      assertRequested();

      Response again =
          post(
              "{\"action\": \"ANNOTATIONS_DELETED\", \"annotations\": [{\"id\": 900002}],"
                  + " \"project\": "
                  + projectJson(project)
                  + "}");
      assertThat(again.body().path("marked").asInt()).as("already queued").isZero();
      assertThat(deleted()).containsExactly(900002L, 2147483647L);
    }

    @Test
    void annotations_deleted_finds_the_task_of_an_annotation_label_studio_still_has() {
      long a = annotation(tasks.get(2));
      Response r =
          post(
              "{\"action\": \"ANNOTATIONS_DELETED\", \"annotations\": [{\"id\": "
                  + a
                  + "}, {\"id\": 987654321}], \"project\": "
                  + projectJson(project)
                  + "}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(marks()).isEqualTo(Map.of(tasks.get(2), "webhook"));
      assertThat(deleted())
          .as("both queued too: the one Label Studio has may have been scored in another task")
          .containsExactly(a, 987654321L);
    }

    @Test
    void the_same_body_twice_makes_one_mark_and_one_request() {
      long a = annotation(tasks.get(0));
      String body =
          "{\"action\": \"ANNOTATION_UPDATED\", \"annotation\": "
              + annotationJson(a, tasks.get(0))
              + ", \"project\": "
              + projectJson(project)
              + "}";
      assertThat(post(body).status()).isEqualTo(200);
      Response again = post(body);
      assertThat(again.status()).isEqualTo(200);
      assertThat(count("SELECT count(*) FROM agreement.dirty_task WHERE project_id = :p"))
          .isEqualTo(1);
      assertRequested();
    }

    @Test
    void the_project_comes_from_the_annotation_when_the_body_has_no_project() {
      long a = annotation(tasks.get(0));
      Response r =
          post(
              "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": "
                  + annotationJson(a, tasks.get(0))
                  + "}");
      assertThat(r.body().path("marked").asInt()).as(r.raw()).isEqualTo(1);
      assertThat(marks()).containsOnlyKeys(tasks.get(0));
    }

    @Test
    void a_request_is_counted_by_action_and_outcome() {
      double before = counted("ANNOTATION_CREATED", "marked");
      long a = annotation(tasks.get(0));
      post(
          "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": "
              + annotationJson(a, tasks.get(0))
              + "}");
      post("{\"action\": \"LABEL_LINK_CREATED\", \"label_link\": {\"id\": 3}}");
      assertThat(counted("ANNOTATION_CREATED", "marked")).isEqualTo(before + 1);
      assertThat(counted("other", "nothing_marked")).isGreaterThanOrEqualTo(1);
    }

    private double counted(String action, String outcome) {
      var counter =
          meters
              .find("agreement.live.webhooks")
              .tag("action", action)
              .tag("outcome", outcome)
              .counter();
      return counter == null ? 0 : counter.count();
    }
  }

  @Nested
  class Tasks {

    @Test
    void tasks_created_marks_the_imported_tasks() {
      Response r =
          post(
              "{\"action\": \"TASKS_CREATED\", \"tasks\": ["
                  + taskJson(tasks.get(0))
                  + ", "
                  + taskJson(tasks.get(1))
                  + "], \"project\": "
                  + projectJson(project)
                  + "}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("marked").asInt()).isEqualTo(2);
      assertThat(marks()).containsOnlyKeys(tasks.get(0), tasks.get(1));
      assertRequested();
    }

    @Test
    void tasks_deleted_marks_the_deleted_ids() {
      Response r =
          post(
              "{\"action\": \"TASKS_DELETED\", \"tasks\": [{\"id\": "
                  + tasks.get(1)
                  + "}, {\"id\": "
                  + tasks.get(2)
                  + "}], \"project\": "
                  + projectJson(project)
                  + "}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(marks()).containsOnlyKeys(tasks.get(1), tasks.get(2));
      assertRequested();
    }
  }

  @Nested
  class Projects {

    private String currentHash() {
      return data.jdbc()
          .sql(
              "SELECT md5(coalesce(label_config, '') || chr(31) || coalesce(control_weights::text,"
                  + " '')) FROM project WHERE id = :p")
          .param("p", project)
          .query(String.class)
          .single();
    }

    private void scoredWith(String hash) {
      data.jdbc()
          .sql(
              """
              INSERT INTO agreement.project_source (project_id, config_hash, scored_at)
              VALUES (:p, :h, now());
              INSERT INTO agreement.project_agreement
                  (project_id, job_id, methodology, agreement, tasks_scored, computed_at, stale)
              VALUES (:p, NULL, 'consensus', 0.5, 1, now(), false);
              """)
          .param("p", project)
          .param("h", hash)
          .update();
    }

    private Response projectUpdated() {
      return post("{\"action\": \"PROJECT_UPDATED\", \"project\": " + projectJson(project) + "}");
    }

    @Test
    void a_changed_label_config_makes_the_results_stale_and_queues_a_forced_backfill() {
      scoredWith("hash-of-the-old-config");
      data.jdbc()
          .sql("UPDATE project SET label_config = :c WHERE id = :p")
          .param("c", CONFIG.replace("Negative", "Neutral"))
          .param("p", project)
          .update();
      Response r = projectUpdated();
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("config_change").asString()).isEqualTo("changed");
      assertThat(
              count(
                  "SELECT count(*) FROM agreement.project_agreement WHERE project_id = :p AND stale"))
          .isEqualTo(1);
      List<String> jobs =
          data.jdbc()
              .sql(
                  "SELECT status || '/' || trigger_mode FROM agreement.backfill_job"
                      + " WHERE project_id = :p")
              .param("p", project)
              .query(String.class)
              .list();
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0)).isIn("PENDING/config_change", "QUEUED/config_change");
      assertThat(projectUpdated().body().path("config_change").asString())
          .isEqualTo("already_queued");
      assertThat(count("SELECT count(*) FROM agreement.backfill_job WHERE project_id = :p"))
          .isEqualTo(1);
    }

    @Test
    void an_unchanged_config_leaves_the_results_current() {
      scoredWith(currentHash());
      Response r = projectUpdated();
      assertThat(r.body().path("config_change").asString()).as(r.raw()).isEqualTo("unchanged");
      assertThat(
              count(
                  "SELECT count(*) FROM agreement.project_agreement WHERE project_id = :p AND stale"))
          .isZero();
      assertThat(count("SELECT count(*) FROM agreement.backfill_job WHERE project_id = :p"))
          .isZero();
    }

    @Test
    void project_deleted_marks_nothing() {
      Response r =
          post("{\"action\": \"PROJECT_DELETED\", \"project\": {\"id\": " + project + "}}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("marked").asInt()).isZero();
      assertThat(marks()).isEmpty();
    }

    @Test
    void a_soft_deleted_project_gets_no_marks() {
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = :p")
          .param("p", project)
          .update();
      Response r =
          post(
              "{\"action\": \"TASKS_CREATED\", \"tasks\": ["
                  + taskJson(tasks.get(0))
                  + "], \"project\": "
                  + projectJson(project)
                  + "}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().path("marked").asInt()).isZero();
      assertThat(marks()).isEmpty();
    }
  }

  @Nested
  class WithoutPayload {

    @Test
    void a_body_with_only_an_action_asks_for_a_sweep_now() {
      data.jdbc().sql("UPDATE agreement.sweep_state SET sweep_requested_at = NULL").update();
      Instant before =
          data.jdbc()
              .sql("SELECT clock_timestamp()")
              .query(java.sql.Timestamp.class)
              .single()
              .toInstant();
      Response r = post("{\"action\": \"ANNOTATION_CREATED\"}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().path("sweep_requested").asBoolean()).isTrue();
      Instant requested =
          data.jdbc()
              .sql("SELECT sweep_requested_at FROM agreement.sweep_state WHERE id = 1")
              .query(java.sql.Timestamp.class)
              .single()
              .toInstant();
      assertThat(requested).isAfterOrEqualTo(before);
      assertThat(marks()).isEmpty();
    }
  }

  @Nested
  class Tolerated {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"action\": \"LABEL_LINK_CREATED\", \"label_link\": {\"id\": 3}, \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"REVIEW_CREATED\", \"review\": {\"id\": 3, \"annotation\": 5}, \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"nonsense\", \"tasks\": [{\"id\": TASK}], \"project\": {\"id\": PROJECT}}",
          "{\"action\": 17, \"tasks\": [{\"id\": TASK}], \"project\": {\"id\": PROJECT}}",
          "{\"tasks\": [{\"id\": TASK}], \"project\": {\"id\": PROJECT}}",
          "{}",
          "[]",
          "[{\"action\": \"TASKS_CREATED\"}]",
          "\"TASKS_CREATED\"",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": TASK}]}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": TASK}], \"project\": {\"id\": 2147483647}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": TASK}], \"project\": {\"id\": \"PROJECT\"}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": TASK}], \"project\": {\"id\": -PROJECT}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": TASK}], \"project\": {\"id\": null}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": TASK}], \"project\": [PROJECT]}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": \"TASK\"}], \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": -TASK}, {\"id\": 0}], \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": 99999999999999999999999}, {\"id\": 2147483648}], \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": null}, {\"id\": TASK.5}, {\"id\": {\"id\": TASK}}, {\"id\": [TASK]}, null, true], \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"TASKS_CREATED\", \"tasks\": {\"id\": null}, \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"ANNOTATIONS_DELETED\", \"annotations\": [{\"id\": 2147483648}, {\"id\": -1}, {\"id\": 0}], \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": \"1\", \"task\": \"TASK\"}, \"project\": {\"id\": PROJECT}}",
          "{\"action\": \"PROJECT_UPDATED\", \"project\": {\"id\": \"PROJECT\"}}",
          "{\"action\": \"PROJECT_UPDATED\", \"project\": {\"id\": 2147483647}}",
          "{\"action\": \"PROJECT_UPDATED\"  , \"project\": null}"
        })
    void an_event_it_cannot_use_is_answered_200_and_marks_nothing(String template) {
      String body =
          template.replace("PROJECT", Long.toString(project)).replace("TASK", "" + tasks.get(0));
      Response r = post(body);
      assertThat(r.status()).as(body + " -> " + r.raw()).isEqualTo(200);
      assertThat(r.body().path("marked").asInt()).isZero();
      assertThat(r.body().path("sweep_requested").asBoolean()).isFalse();
      assertThat(marks()).isEmpty();
      assertThat(count("SELECT count(*) FROM agreement.refresh_request WHERE project_id = :p"))
          .isZero();
    }
  }

  @Nested
  class Refused {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "not json",
          "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": 1, \"task\": ",
          "{\"action\": \"TASKS_DELETED\", \"tasks\": [{\"id\": 1}]",
          "{\"action\": \"TASKS_DELETED\"} {\"action\": \"TASKS_DELETED\"}",
          "{'action': 'TASKS_DELETED'}"
        })
    void a_body_that_is_not_json_is_400(String body) {
      Response r = post(body);
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.detail()).isNotBlank();
      assertThat(count("SELECT count(*) FROM agreement.dirty_task WHERE project_id = :p")).isZero();
    }

    @Test
    void a_missing_secret_is_401_and_reads_nothing() {
      Response r = post(tasksCreated(), null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).contains("X-Agreement-Webhook-Secret").contains("missing");
      assertThat(marks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "integration-test-webhook-secre", " ", "Token abc"})
    void a_wrong_secret_is_401(String secret) {
      Response r = post(tasksCreated(), secret);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).contains("does not match");
      assertThat(r.raw()).doesNotContain(WEBHOOK_SECRET);
      assertThat(marks()).isEmpty();
    }

    @Test
    void a_wrong_secret_is_401_before_the_body_is_read() {
      assertThat(post("not json", "wrong").status()).isEqualTo(401);
    }

    @Test
    void a_label_studio_token_is_no_webhook_secret() {
      HttpRequest.Builder request =
          api(org.token())
              .request("/api/agreement/webhooks/label-studio/")
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(tasksCreated()));
      assertThat(api(org.token()).raw(request).status()).isEqualTo(401);
      assertThat(marks()).isEmpty();
    }

    private String tasksCreated() {
      return "{\"action\": \"TASKS_CREATED\", \"tasks\": ["
          + taskJson(tasks.get(0))
          + "], \"project\": "
          + projectJson(project)
          + "}";
    }
  }

  @Nested
  class DatabaseOutage {

    private void connections(boolean allowed) throws Exception {
      try (Connection admin =
              DriverManager.getConnection(
                  ENV.endpoints().jdbcUrl("postgres"),
                  ENV.endpoints().pgUser(),
                  ENV.endpoints().pgPassword());
          Statement s = admin.createStatement()) {
        s.execute("ALTER DATABASE " + ENV.database() + " ALLOW_CONNECTIONS " + allowed);
        if (!allowed) {
          s.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                  + ENV.database()
                  + "' AND pid <> pg_backend_pid()");
        }
      }
    }

    /** The direct connect is for a pool that has no connection, never for one that is busy. */
    @Test
    void a_busy_pool_keeps_its_limit() throws Exception {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(ENV.jdbcUrl());
      config.setUsername(ENV.endpoints().pgUser());
      config.setPassword(ENV.endpoints().pgPassword());
      config.setMaximumPoolSize(1);
      config.setConnectionTimeout(250);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        WebhookDatabase.PoolThenDirect connections =
            new WebhookDatabase.PoolThenDirect(pool, config);
        try (Connection held = connections.getConnection()) {
          assertThatThrownBy(connections::getConnection)
              .isInstanceOf(SQLTransientConnectionException.class);
        }
        try (Connection again = connections.getConnection()) {
          assertThat(again.isValid(1)).isTrue();
        }
      }
    }

    @Test
    void a_database_outage_is_a_503_within_two_seconds_and_passes() throws Exception {
      long a = annotation(tasks.get(0));
      String body =
          "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": "
              + annotationJson(a, tasks.get(0))
              + ", \"project\": "
              + projectJson(project)
              + "}";
      assertThat(post(body).status()).isEqualTo(200);
      data.jdbc()
          .sql("DELETE FROM agreement.dirty_task WHERE project_id = :p")
          .param("p", project)
          .update();
      connections(false);
      try {
        // Five seconds of outage, long enough for the pool's reconnect backoff to grow past the
        // webhook's 1 s wait: the first webhook after it must pass all the same.
        for (int attempt = 0; attempt < 5; attempt++) {
          Instant start = Instant.now();
          Response r = post(body);
          Duration took = Duration.between(start, Instant.now());
          assertThat(r.status()).as(r.raw()).isEqualTo(503);
          assertThat(r.detail()).contains("database");
          assertThat(took).isLessThan(Duration.ofMillis(2000));
        }
      } finally {
        connections(true);
      }
      Response recovered = post(body);
      assertThat(recovered.status()).as(recovered.raw()).isEqualTo(200);
      assertThat(marks()).containsOnlyKeys(tasks.get(0));
    }
  }
}
