package io.agreement.generate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Label Studio's webhook bodies (LS-WEBHOOKS.md 1.4) for one annotation change: ANNOTATION_CREATED
 * and ANNOTATION_UPDATED with the annotation, its task and the project; ANNOTATIONS_DELETED with
 * only the annotation's id and the project.
 */
final class WebhookPayloads {

  /** What Label Studio's project serializer sends of a project. */
  record Project(
      long id, String title, String labelConfig, String controlWeights, int maximumAnnotations) {}

  /** An annotation row as it is after the change. */
  record Annotation(
      long id,
      long task,
      long project,
      long completedBy,
      String result,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {}

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  private final JsonMapper json;

  WebhookPayloads(JsonMapper json) {
    this.json = json;
  }

  String created(Annotation annotation, Project project) {
    return saved("ANNOTATION_CREATED", annotation, project);
  }

  String updated(Annotation annotation, Project project) {
    return saved("ANNOTATION_UPDATED", annotation, project);
  }

  String deleted(long annotationId, Project project) {
    ObjectNode body = json.createObjectNode().put("action", "ANNOTATIONS_DELETED");
    body.putArray("annotations").addObject().put("id", annotationId);
    body.set("project", project(project));
    return json.writeValueAsString(body);
  }

  private String saved(String action, Annotation a, Project project) {
    ObjectNode body = json.createObjectNode().put("action", action);
    ObjectNode annotation = body.putObject("annotation");
    annotation
        .put("id", a.id())
        .put("task", a.task())
        .put("project", a.project())
        .put("completed_by", a.completedBy())
        .put("updated_by", a.completedBy());
    annotation.set("result", json.readTree(a.result()));
    annotation
        .put("was_cancelled", false)
        .put("ground_truth", false)
        .put("created_at", iso(a.createdAt()))
        .put("updated_at", iso(a.updatedAt()))
        .put("lead_time", 1.5)
        .put("last_action", action.equals("ANNOTATION_CREATED") ? "submitted" : "updated");
    body.set("project", project(project));
    body.putObject("task")
        .put("id", a.task())
        .put("project", a.project())
        .put("updated_at", iso(a.updatedAt()));
    return json.writeValueAsString(body);
  }

  private ObjectNode project(Project p) {
    ObjectNode project =
        json.createObjectNode()
            .put("id", p.id())
            .put("title", p.title())
            .put("label_config", p.labelConfig());
    JsonNode weights =
        p.controlWeights() == null ? json.createObjectNode() : json.readTree(p.controlWeights());
    project.set("control_weights", weights);
    return project.put("maximum_annotations", p.maximumAnnotations());
  }

  private static String iso(OffsetDateTime t) {
    return ISO.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
