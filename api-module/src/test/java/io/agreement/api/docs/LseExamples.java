package io.agreement.api.docs;

import static io.agreement.api.docs.ApiExamples.add;
import static io.agreement.api.docs.ApiExamples.call;
import static io.agreement.api.docs.ApiExamples.example;

import io.agreement.api.docs.ApiExamples.Call;
import java.util.Map;

/** Example requests of Label Studio Enterprise's read API (SPEC 8), as the SDK sends them. */
final class LseExamples {

  private static final String STATS = "GET /api/projects/{projectId}/stats/";
  private static final String QUALITY =
      "GET /api/projects/{projectId}/analytics/data-quality/agreement-analysis/";

  private LseExamples() {}

  static void register() {
    add(
        STATS + "IAA",
        example("the matrix", 200, f -> call(f, f.project(), null, null)),
        example(
            "per label with std", 200, f -> call(f, f.project(), "per_label=true&std=true", null)),
        example("tasks that are no numbers", 400, f -> call(f, f.project(), "task=a,b", null)),
        example("another organization's", 404, f -> call(f, f.foreignProject(), null, null)));
    add(
        STATS + "agreement_annotators",
        example("some annotators", 200, f -> call(f, f.project(), "ids=" + user(f), null)),
        example("ids that are no numbers", 400, f -> call(f, f.project(), "ids=x", null)));
    add(
        STATS + "agreement_annotator/{userId}",
        example(
            "one annotator",
            200,
            f ->
                new Call(
                    Map.of("projectId", f.project(), "userId", user(f)), null, null, f.token())));
    add(
        STATS + "total_agreement",
        example("the project's", 200, f -> call(f, f.project(), null, null)),
        example("never backfilled", 204, f -> call(f, f.fresh(), null, null)),
        example("an annotator", 403, f -> call(f, f.project(), null, null).as(f.annotatorToken())));
    add(
        STATS + "agreement-groundtruth",
        example("some users", 200, f -> call(f, f.project(), "ids=" + user(f), null)),
        example(
            "per label",
            200,
            f -> call(f, f.project(), "ids=" + user(f) + "&per_label=true", null)));
    add(
        "GET /api/projects/{projectId}/users/{userId}/stats/agreement-groundtruth",
        example(
            "one user",
            200,
            f ->
                new Call(
                    Map.of("projectId", f.project(), "userId", user(f)), null, null, f.token())));
    add(
        "GET /api/projects/{projectId}/tasks/{taskId}/agreement-matrix",
        example(
            "a task",
            200,
            f ->
                new Call(
                    Map.of("projectId", f.project(), "taskId", f.task()), null, null, f.token())),
        example(
            "a malformed selection",
            400,
            f ->
                new Call(
                    Map.of("projectId", f.project(), "taskId", f.task()),
                    "selection=%7Bnot",
                    null,
                    f.token())));
    add(
        QUALITY + "dimensions",
        example("the active tags", 200, f -> call(f, f.project(), null, null)));
    add(
        QUALITY + "confusion-matrix",
        example(
            "a Choices tag", 200, f -> call(f, f.project(), "from_name=sentiment&mode=all", null)),
        example(
            "accepted has no review data",
            400,
            f -> call(f, f.project(), "from_name=sentiment&mode=accepted", null)),
        example("an unknown tag", 404, f -> call(f, f.project(), "from_name=nope", null)));
    add(
        QUALITY + "distribution",
        example("ten buckets", 200, f -> call(f, f.project(), null, null)));
    add(
        "GET /api/projects/{projectId}/dimensions/{dimension}/",
        example("by tag name", 200, f -> dimension(f, "sentiment", null)),
        example("an unknown id", 404, f -> dimension(f, "2147483647", null)));
  }

  private static long user(ContractFixture f) {
    return f.org().annotatorIds().get(0);
  }

  private static Call dimension(ContractFixture f, String dimension, String body) {
    return new Call(
        Map.of("projectId", f.project(), "dimension", dimension), null, body, f.token());
  }
}
