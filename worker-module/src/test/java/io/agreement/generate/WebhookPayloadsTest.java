package io.agreement.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookPayloadsTest {

  private final JsonMapper json = new JsonMapper();
  private final WebhookPayloads payloads = new WebhookPayloads(json);
  private final WebhookPayloads.Project project =
      new WebhookPayloads.Project(2, "Project \"2\"", "<View>\n</View>", "{\"sentiment\": 1}", 3);
  private final WebhookPayloads.Annotation annotation =
      new WebhookPayloads.Annotation(
          17,
          19,
          2,
          5,
          "[{\"from_name\":\"sentiment\",\"value\":{\"choices\":[\"Positive\"]}}]",
          OffsetDateTime.of(2026, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC),
          OffsetDateTime.of(2026, 1, 5, 11, 0, 0, 123_456_000, ZoneOffset.ofHours(1)));

  @Test
  void created_carries_the_annotation_its_task_and_the_project_as_label_studio_sends_them() {
    JsonNode body = json.readTree(payloads.created(annotation, project));
    assertThat(body.get("action").asString()).isEqualTo("ANNOTATION_CREATED");
    JsonNode a = body.get("annotation");
    assertThat(a.get("id").asLong()).isEqualTo(17);
    assertThat(a.get("task").asLong()).isEqualTo(19);
    assertThat(a.get("project").asLong()).isEqualTo(2);
    assertThat(a.get("completed_by").asLong()).isEqualTo(5);
    assertThat(a.get("was_cancelled").asBoolean()).isFalse();
    assertThat(a.get("ground_truth").asBoolean()).isFalse();
    assertThat(a.get("result").isArray()).isTrue();
    assertThat(a.get("result").get(0).get("value").get("choices").get(0).asString())
        .isEqualTo("Positive");
    assertThat(a.get("created_at").asString()).isEqualTo("2026-01-05T09:00:00.000000Z");
    assertThat(a.get("updated_at").asString()).isEqualTo("2026-01-05T10:00:00.123456Z");
    assertThat(body.get("task").get("id").asLong()).isEqualTo(19);
    assertThat(body.get("task").get("project").asLong()).isEqualTo(2);
    assertProject(body.get("project"));
  }

  @Test
  void updated_differs_from_created_only_in_its_action() {
    JsonNode created = json.readTree(payloads.created(annotation, project));
    JsonNode updated = json.readTree(payloads.updated(annotation, project));
    assertThat(updated.get("action").asString()).isEqualTo("ANNOTATION_UPDATED");
    assertThat(updated.get("annotation").get("id")).isEqualTo(created.get("annotation").get("id"));
    assertThat(updated.get("task")).isEqualTo(created.get("task"));
    assertThat(updated.get("project")).isEqualTo(created.get("project"));
  }

  @Test
  void deleted_names_only_the_annotation_id_and_the_project() {
    JsonNode body = json.readTree(payloads.deleted(17, project));
    assertThat(body.propertyNames()).containsExactly("action", "annotations", "project");
    assertThat(body.get("action").asString()).isEqualTo("ANNOTATIONS_DELETED");
    assertThat(body.get("annotations").size()).isEqualTo(1);
    assertThat(body.get("annotations").get(0).propertyNames()).containsExactly("id");
    assertThat(body.get("annotations").get(0).get("id").asLong()).isEqualTo(17);
    assertProject(body.get("project"));
  }

  @Test
  void a_project_without_control_weights_sends_an_empty_object() {
    var bare = new WebhookPayloads.Project(4, "p", "<View/>", null, 1);
    JsonNode body = json.readTree(payloads.deleted(1, bare));
    assertThat(body.get("project").get("control_weights").isObject()).isTrue();
    assertThat(body.get("project").get("control_weights").size()).isZero();
  }

  private static void assertProject(JsonNode p) {
    assertThat(p.get("id").asLong()).isEqualTo(2);
    assertThat(p.get("title").asString()).isEqualTo("Project \"2\"");
    assertThat(p.get("label_config").asString()).isEqualTo("<View>\n</View>");
    assertThat(p.get("control_weights").get("sentiment").asInt()).isEqualTo(1);
    assertThat(p.get("maximum_annotations").asInt()).isEqualTo(3);
  }
}
