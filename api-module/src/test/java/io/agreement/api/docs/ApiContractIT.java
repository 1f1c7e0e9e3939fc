package io.agreement.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.docs.ApiExamples.Call;
import io.agreement.api.docs.ApiExamples.Example;
import io.agreement.api.docs.OpenApiDescription.Operation;
import io.agreement.api.support.IntegrationTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of /v3/api-docs, discovered from the description itself, answers as the
 * description says: its {@link ApiExamples} get the status they expect, every answer (2xx or error)
 * has a declared status, media type and schema, and a request that is refused changes nothing.
 */
@TestPropertySource(properties = IntegrationTest.WEBHOOK_SECRET_PROPERTY)
class ApiContractIT extends IntegrationTest {

  private OpenApiDescription description() {
    ContractClient.Answer docs = client().get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    return new OpenApiDescription(docs.body());
  }

  private ContractClient client() {
    return new ContractClient("http://localhost:" + port);
  }

  @Test
  void the_description_is_valid_openapi() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed =
        new OpenAPIV3Parser().readContents(client().get("/v3/api-docs").body(), null, options);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
  }

  @Test
  void every_operation_has_examples_and_every_example_an_operation() {
    List<String> operations = description().operations().stream().map(Operation::key).toList();
    assertThat(operations).isNotEmpty();
    assertThat(ApiExamples.BY_OPERATION.keySet())
        .as("ApiExamples has examples for every operation")
        .containsAll(operations);
    for (String operation : operations) {
      assertThat(ApiExamples.BY_OPERATION.get(operation))
          .as(operation + " has an example answered 2xx")
          .anyMatch(example -> example.status() / 100 == 2);
    }
    assertThat(operations).containsAll(ApiExamples.BY_OPERATION.keySet());
  }

  @Test
  void the_description_names_the_api_and_declares_what_a_client_needs() {
    OpenApiDescription described = description();
    JsonNode docs = described.docs();
    assertThat(docs.path("openapi").asString()).startsWith("3.1");
    assertThat(docs.path("info").path("title").asString()).isEqualTo("Agreement backfill API");
    assertThat(docs.path("info").path("version").asString()).isNotBlank().isNotEqualTo("v0");
    assertThat(docs.path("components").path("securitySchemes").propertyNames())
        .contains("Token", "Bearer", "ApiKey");
    assertThat(docs.path("security")).hasSize(3);
    for (Operation operation : described.operations()) {
      assertThat(
              described.operations().stream()
                  .filter(o -> o.method().equals(operation.method()))
                  .map(o -> o.path().replaceAll("/$", ""))
                  .filter(operation.path().replaceAll("/$", "")::equals))
          .as("one entry per endpoint: " + operation.key() + " has no twin with(out) the slash")
          .hasSize(1);
      assertThat(operation.node().path("summary").asString())
          .as(operation.key() + " has a summary")
          .isNotBlank();
      for (JsonNode parameter : operation.node().path("parameters")) {
        assertThat(parameter.path("name").asString()).as(operation.key()).isNotEqualTo("caller");
        assertThat(parameter.path("schema").path("type").asString())
            .as(operation.key() + " " + parameter.path("name").asString())
            .isNotBlank();
      }
      assertThat(operation.node().path("requestBody").toString()).doesNotContain("\"byte\"");
      described
          .requestExamples(operation)
          .forEach(
              (name, example) ->
                  assertThat(described.requestProblems(operation, example))
                      .as(operation.key() + " example " + name)
                      .isEmpty());
      for (String status : List.of("400", "401", "403", "404", "406")) {
        assertThat(operation.node().path("responses").path(status).toString())
            .as(operation.key() + " " + status)
            .contains("#/components/schemas/ProblemDetail");
      }
    }
    for (Map.Entry<String, JsonNode> schema :
        docs.path("components").path("schemas").properties()) {
      assertThat(schema.getValue().path("properties").propertyNames())
          .as("properties of " + schema.getKey() + " as the API writes them")
          .allMatch(name -> name.matches("[a-z][a-z0-9_]*"));
    }
  }

  @TestFactory
  Stream<DynamicNode> every_answer_matches_the_description() {
    OpenApiDescription description = description();
    ContractFixture fixture = ContractFixture.create(data);
    return description.operations().stream()
        .filter(operation -> ApiExamples.BY_OPERATION.containsKey(operation.key()))
        .map(
            operation ->
                DynamicContainer.dynamicContainer(
                    operation.key(), tests(description, fixture, operation)));
  }

  private Stream<DynamicTest> tests(
      OpenApiDescription description, ContractFixture fixture, Operation operation) {
    List<DynamicTest> tests = new ArrayList<>();
    List<Example> examples = ApiExamples.BY_OPERATION.get(operation.key());
    for (Example example : examples) {
      tests.add(
          DynamicTest.dynamicTest(
              example.name() + " -> " + example.status(),
              () ->
                  expect(
                      description,
                      operation,
                      example.call().apply(fixture),
                      Map.of(),
                      example.status())));
    }
    Call valid =
        examples.stream()
            .filter(e -> e.status() / 100 == 2)
            .findFirst()
            .orElseThrow()
            .call()
            .apply(fixture);
    for (Refusal refusal : refusals(operation, valid)) {
      tests.add(
          DynamicTest.dynamicTest(
              refusal.name() + " -> " + refusal.status(),
              () ->
                  expect(
                      description,
                      operation,
                      refusal.call(),
                      refusal.headers(),
                      refusal.status())));
    }
    return tests.stream();
  }

  /** A request every operation must refuse, derived from one it accepts. */
  private record Refusal(String name, Call call, Map<String, String> headers, int status) {}

  private static List<Refusal> refusals(Operation operation, Call valid) {
    List<Refusal> refusals = new ArrayList<>();
    if (!operation.anonymous()) {
      refusals.add(new Refusal("without credentials", valid.as(null), Map.of(), 401));
    }
    for (String accept : List.of("application/xml", "text/html", "application/json;q=0")) {
      refusals.add(new Refusal("Accept: " + accept, valid, Map.of("Accept", accept), 406));
    }
    if (operation.hasBody()) {
      refusals.add(
          new Refusal(
              "Content-Type: text/plain", valid, Map.of("Content-Type", "text/plain"), 415));
      refusals.add(new Refusal("no Content-Type", valid, Map.of("Content-Type", ""), 415));
    }
    for (String name : operation.integerPathParameters()) {
      for (String id : List.of("0", "2147483648", "abc")) {
        Map<String, Object> path = new HashMap<>(valid.path());
        path.put(name, id);
        Call call = new Call(path, valid.query(), valid.body(), valid.token(), valid.headers());
        refusals.add(new Refusal(name + " = " + id, call, Map.of(), 400));
      }
    }
    return refusals;
  }

  private void expect(
      OpenApiDescription description,
      Operation operation,
      Call call,
      Map<String, String> headers,
      int status) {
    if (status / 100 == 2 && call.body() != null) {
      assertThat(
              description.requestProblems(operation, OpenApiDescription.JSON.readTree(call.body())))
          .as("a request that succeeds is valid by the description")
          .isEmpty();
    }
    String before = ContractState.of(data.jdbc());
    ContractClient.Answer answer =
        client().send(operation.method(), operation.path(), call, headers);
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(
            description.problems(operation, answer.status(), answer.contentType(), answer.body()))
        .isEmpty();
    if (status >= 400) {
      assertThat(ContractState.of(data.jdbc()))
          .as("a refused request changes nothing")
          .isEqualTo(before);
      assertThat(OpenApiDescription.JSON.readTree(answer.body()).path("detail").asString())
          .isNotBlank();
    }
    if ("".equals(headers.get("Content-Type"))) {
      assertThat(answer.body()).contains("header 'Content-Type: application/json' is missing");
    }
  }
}
