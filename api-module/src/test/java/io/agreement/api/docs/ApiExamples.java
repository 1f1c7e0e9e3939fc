package io.agreement.api.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Example requests for every operation of /v3/api-docs, keyed {@code "METHOD /path/"} as the
 * description writes it. {@link ApiContractIT} runs them all and fails for an operation that has
 * none: a new endpoint adds its examples here (at least one answered 2xx, and its own errors).
 * Credentials, Accept, Content-Type and path ids out of range are tried on every operation without
 * being listed.
 */
final class ApiExamples {

  /**
   * One request: path variables by name, a query string (without '?'), a JSON body, the caller's
   * token and any further headers.
   */
  record Call(
      Map<String, Object> path,
      String query,
      String body,
      String token,
      Map<String, String> headers) {

    Call(Map<String, Object> path, String query, String body, String token) {
      this(path, query, body, token, Map.of());
    }

    Call as(String otherToken) {
      return new Call(path, query, body, otherToken, headers);
    }
  }

  /** A request and the status it must get. */
  record Example(String name, int status, Function<ContractFixture, Call> call) {}

  static final Map<String, List<Example>> BY_OPERATION = new LinkedHashMap<>();

  private ApiExamples() {}

  static void add(String operation, Example... examples) {
    BY_OPERATION.put(operation, List.of(examples));
  }

  static Example example(String name, int status, Function<ContractFixture, Call> call) {
    return new Example(name, status, call);
  }

  static Call call(ContractFixture f, long project, String query, String body) {
    return new Call(Map.of("projectId", project), query, body, f.token());
  }

  private static Call tag(ContractFixture f, long project, String tag, String body) {
    return new Call(Map.of("projectId", project, "dimension", tag), null, body, f.token());
  }

  static Call plain(ContractFixture f, String query, String body) {
    return new Call(Map.of(), query, body, f.token());
  }

  static {
    LseExamples.register();
    ServiceExamples.register();
    add(
        "POST /api/dimensions/backfill/",
        example(
            "one project, forced",
            200,
            f -> plain(f, null, "{\"project_id\": " + f.project() + ", \"force\": true}")),
        example("the next eligible project", 200, f -> plain(f, null, "{\"num_projects\": 1}")),
        example(
            "every project, forced",
            200,
            f -> plain(f, null, "{\"all_projects\": true, \"force\": true}")),
        example("num_projects out of range", 400, f -> plain(f, null, "{\"num_projects\": 0}")),
        example("not JSON", 400, f -> plain(f, null, "{")),
        example("unknown field", 400, f -> plain(f, null, "{\"project\": 1}")),
        example(
            "another organization's project",
            404,
            f -> plain(f, null, "{\"project_id\": " + f.foreignProject() + "}")),
        example(
            "an annotator",
            403,
            f -> plain(f, null, "{\"num_projects\": 1}").as(f.annotatorToken())));
    add(
        "DELETE /api/dimensions/backfill/",
        example("one project's jobs", 200, f -> plain(f, "project_id=" + f.fresh(), null)),
        example("an unknown job", 404, f -> plain(f, "job_id=2147483647", null)),
        example("a project id that is no number", 400, f -> plain(f, "project_id=abc", null)));
    add(
        "GET /api/dimensions/backfill/status/",
        example("the organization", 200, f -> plain(f, null, null)),
        example("a job", 200, f -> plain(f, "job_id=" + f.job(), null)),
        example("a project", 200, f -> plain(f, "project_id=" + f.project(), null)),
        example("both filters", 400, f -> plain(f, "project_id=1&job_id=1", null)),
        example(
            "another organization's project",
            404,
            f -> plain(f, "project_id=" + f.foreignProject(), null)));
    add(
        "GET /api/dimensions/backfill/jobs/",
        example("every job", 200, f -> plain(f, null, null)),
        example(
            "completed, one per page", 200, f -> plain(f, "status=COMPLETED&page_size=1", null)),
        example("an unknown status", 400, f -> plain(f, "status=DONE", null)),
        example("a page past the last", 404, f -> plain(f, "page=1000", null)));
    add(
        "GET /api/projects/{projectId}/agreement/",
        example("backfilled", 200, f -> call(f, f.project(), null, null)),
        example("never backfilled", 200, f -> call(f, f.fresh(), null, null)),
        example("another organization's", 404, f -> call(f, f.foreignProject(), null, null)),
        example("an annotator", 403, f -> call(f, f.project(), null, null).as(f.annotatorToken())));
    add(
        "GET /api/projects/{projectId}/agreement/tasks/",
        example("every task", 200, f -> call(f, f.project(), null, null)),
        example(
            "by a tag's score",
            200,
            f -> call(f, f.project(), "control_tag=sentiment&min=0.5&max=1&page_size=10", null)),
        example("min above 1", 400, f -> call(f, f.project(), "min=2", null)),
        example("an unknown tag", 400, f -> call(f, f.project(), "control_tag=nope", null)));
    add(
        "GET /api/projects/{projectId}/tasks/{taskId}/agreement/",
        example(
            "a scored task",
            200,
            f ->
                new Call(
                    Map.of("projectId", f.project(), "taskId", f.task()), null, null, f.token())),
        example(
            "a task of another project",
            404,
            f ->
                new Call(
                    Map.of("projectId", f.fresh(), "taskId", f.task()), null, null, f.token())));
    add(
        "GET /api/projects/{projectId}/dimensions/",
        example("the tags", 200, f -> call(f, f.project(), null, null)),
        example("an unreadable label config", 200, f -> call(f, f.broken(), null, null)));
    add(
        "PATCH /api/projects/{projectId}/dimensions/{dimension}/",
        example("a threshold", 200, f -> tag(f, f.fresh(), "sentiment", "{\"threshold\": 0.8}")),
        example(
            "a metric back to its default",
            200,
            f -> tag(f, f.fresh(), "entities", "{\"metric\": null}")),
        example(
            "a threshold above 1", 400, f -> tag(f, f.fresh(), "sentiment", "{\"threshold\": 2}")),
        example("an unknown field", 400, f -> tag(f, f.fresh(), "sentiment", "{\"colour\": 1}")),
        example(
            "a tag the config lacks", 404, f -> tag(f, f.fresh(), "quality", "{\"weight\": 2}")),
        example("an unreadable label config", 409, f -> tag(f, f.broken(), "x", "{\"weight\": 2}")),
        example(
            "an annotator",
            403,
            f -> tag(f, f.fresh(), "sentiment", "{\"weight\": 2}").as(f.annotatorToken())));
    add(
        "PATCH /api/projects/{projectId}/agreement/settings/",
        example("pairwise", 200, f -> call(f, f.fresh(), null, "{\"methodology\": \"pairwise\"}")),
        example(
            "an unknown methodology",
            400,
            f -> call(f, f.fresh(), null, "{\"methodology\": \"majority\"}")));
  }
}
