package io.agreement.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhookParserTest {

  private final WebhookParser parser = new WebhookParser(JsonMapper.builder().build());

  private WebhookEvent parse(String body) {
    return parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void an_annotation_event_names_the_annotations_task_and_the_project() {
    WebhookEvent e =
        parse(
            """
            {"action": "ANNOTATION_UPDATED",
             "annotation": {"id": 17, "task": 19, "project": 2, "completed_by": 5,
                            "result": [{"value": {"choices": ["a"]}, "id": 99}]},
             "project": {"id": 2, "label_config": "<View/>", "control_weights": {"x": {"id": 8}}},
             "task": {"id": 19, "project": 2, "data": {"id": 1234}}}
            """);
    assertThat(e.action()).isEqualTo("ANNOTATION_UPDATED");
    assertThat(e.projectId()).isEqualTo(2L);
    assertThat(e.taskIds()).containsExactly(19, 19);
    assertThat(e.annotationIds()).isEmpty();
    assertThat(e.actionOnly()).isFalse();
  }

  @Test
  void deleted_annotations_come_without_their_tasks() {
    WebhookEvent e =
        parse(
            "{\"annotations\": [{\"id\": 17}, {\"id\": 18}], \"action\": \"ANNOTATIONS_DELETED\","
                + " \"project\": {\"id\": 3}}");
    assertThat(e.annotationIds()).containsExactly(17, 18);
    assertThat(e.taskIds()).isEmpty();
    assertThat(e.projectId()).isEqualTo(3L);
  }

  @Test
  void the_project_falls_back_to_that_of_the_first_task() {
    WebhookEvent e =
        parse("{\"action\": \"TASKS_CREATED\", \"tasks\": [{\"id\": 5, \"project\": 4}]}");
    assertThat(e.projectId()).isEqualTo(4L);
    assertThat(e.taskIds()).containsExactly(5);
  }

  @Test
  void a_body_with_only_an_action_is_a_sweep_request() {
    assertThat(parse("{\"action\": \"TASKS_DELETED\"}").actionOnly()).isTrue();
    assertThat(parse("{\"action\": \"TASKS_DELETED\", \"project\": {\"id\": 1}}").actionOnly())
        .isFalse();
    assertThat(parse("{}").actionOnly()).isFalse();
  }

  @Test
  void what_is_not_json_is_refused() {
    for (String body : new String[] {"", " ", "nope", "{\"action\": ", "{} []", "{\"a\": 1,}"}) {
      assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(WebhookParser.NotJson.class);
    }
  }

  @Test
  void a_body_far_larger_than_its_ids_is_read_as_a_stream() {
    int annotations = 20_000;
    byte[] result =
        ("\"result\": [" + "{\"value\": {\"text\": [\"" + "x".repeat(10_000) + "\"]}}]")
            .getBytes(StandardCharsets.UTF_8);
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          private int next = -1;

          @Override
          public boolean hasMoreElements() {
            return next <= annotations;
          }

          @Override
          public InputStream nextElement() {
            int i = next++;
            String text =
                i < 0
                    ? "{\"action\": \"ANNOTATIONS_CREATED\", \"annotation\": ["
                    : i == annotations
                        ? "], \"project\": {\"id\": 9}}"
                        : (i == 0 ? "" : ",")
                            + "{\"id\": "
                            + (i + 1)
                            + ", \"task\": "
                            + (i + 1)
                            + ", ";
            InputStream head = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            return i < 0 || i == annotations
                ? head
                : new SequenceInputStream(
                    head,
                    new SequenceInputStream(
                        new ByteArrayInputStream(result),
                        new ByteArrayInputStream("}".getBytes())));
          }
        };
    WebhookEvent e = parser.parse(new SequenceInputStream(parts));
    assertThat(e.projectId()).isEqualTo(9L);
    assertThat(e.taskIds()).containsExactly(LongStream.rangeClosed(1, annotations).toArray());
    assertThat(e.truncated()).isFalse();
  }
}
