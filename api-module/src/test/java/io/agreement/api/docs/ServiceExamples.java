package io.agreement.api.docs;

import static io.agreement.api.docs.ApiExamples.add;
import static io.agreement.api.docs.ApiExamples.call;
import static io.agreement.api.docs.ApiExamples.example;
import static io.agreement.api.docs.ApiExamples.plain;

import io.agreement.api.docs.ApiExamples.Call;
import io.agreement.api.support.IntegrationTest;
import java.util.Map;

/** Example requests of the service's own endpoints beyond the backfill and results. */
final class ServiceExamples {

  private static final String MEMBER_ROLE = "/api/agreement/members/{userId}/role/";

  private ServiceExamples() {}

  static void register() {
    add(
        "POST /api/token/refresh/",
        example(
            "a personal access token", 200, f -> anonymous("{\"refresh\": \"" + f.pat() + "\"}")),
        example("no token in the body", 400, f -> anonymous("{}")),
        example("not a JWT", 401, f -> anonymous("{\"refresh\": \"a.b.c\"}")));
    add(
        "GET /api/agreement/members/",
        example("every member", 200, f -> plain(f, null, null)),
        example("a page past the last", 404, f -> plain(f, "page=99", null)),
        example("an annotator", 403, f -> plain(f, null, null).as(f.annotatorToken())));
    add(
        "PUT " + MEMBER_ROLE,
        example("a manager", 200, f -> member(f, annotator(f), "{\"role\": \"MANAGER\"}")),
        example("an unknown role", 400, f -> member(f, annotator(f), "{\"role\": \"WIZARD\"}")),
        example("not a member", 404, f -> member(f, 2147483647, "{\"role\": \"MANAGER\"}")));
    add(
        "DELETE " + MEMBER_ROLE,
        example("back to the Community rule", 200, f -> member(f, annotator(f), null)),
        example("not a member", 404, f -> member(f, 2147483647, null)));
    add(
        "GET /api/projects/{projectId}/agreement/statistics/",
        example("never backfilled", 200, f -> call(f, f.fresh(), null, null)),
        example("another organization's", 404, f -> call(f, f.foreignProject(), null, null)));
    add("GET /api/agreement/me/", example("the caller", 200, f -> plain(f, null, null)));
    add(
        "GET /api/agreement/projects/",
        example("by title", 200, f -> plain(f, "title=Project&ordering=-agreement", null)),
        example("an unknown ordering", 400, f -> plain(f, "ordering=nope", null)));
    add(
        "GET /api/agreement/projects/{projectId}/",
        example("one project", 200, f -> call(f, f.project(), null, null)),
        example("another organization's", 404, f -> call(f, f.foreignProject(), null, null)));
    add(
        "GET /api/agreement/projects/{projectId}/settings/",
        example("its settings", 200, f -> call(f, f.project(), null, null)));
    add(
        "GET /api/agreement/projects/{projectId}/lowest-tasks/",
        example("the lowest five", 200, f -> call(f, f.project(), "limit=5", null)),
        example("a limit above 100", 400, f -> call(f, f.project(), "limit=101", null)));
    add(
        "POST /api/agreement/webhooks/label-studio/",
        example(
            "an annotation created",
            200,
            f ->
                webhook(
                    "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": 1, \"task\": "
                        + f.task()
                        + ", \"project\": "
                        + f.project()
                        + ", \"result\": [{\"value\": {\"choices\": [\"Positive\"]}}]},"
                        + " \"project\": {\"id\": "
                        + f.project()
                        + "}}",
                    IntegrationTest.WEBHOOK_SECRET)),
        example(
            "an action the service does not use",
            200,
            f -> webhook("{\"action\": \"LABEL_LINK_CREATED\"}", IntegrationTest.WEBHOOK_SECRET)),
        example(
            "a body that is not JSON",
            400,
            f -> webhook("{\"action\": ", IntegrationTest.WEBHOOK_SECRET)),
        example(
            "a wrong secret",
            401,
            f -> webhook("{\"action\": \"TASKS_CREATED\"}", "not-the-secret")));
    add(
        "GET /api/agreement/refresh/status/",
        example("the organization's backlog", 200, f -> plain(f, null, null)),
        example("an annotator", 403, f -> plain(f, null, null).as(f.annotatorToken())));
    add(
        "GET /api/agreement/progress/",
        example("the organization's", 200, f -> plain(f, null, null)),
        example("an annotator", 403, f -> plain(f, null, null).as(f.annotatorToken())));
  }

  private static Call webhook(String body, String secret) {
    return new Call(Map.of(), null, body, null, Map.of("X-Agreement-Webhook-Secret", secret));
  }

  private static Call anonymous(String body) {
    return new Call(Map.of(), null, body, null);
  }

  private static long annotator(ContractFixture f) {
    return f.org().annotatorIds().get(1);
  }

  private static Call member(ContractFixture f, long userId, String body) {
    return new Call(Map.of("userId", userId), null, body, f.token());
  }
}
