package io.agreement.api.docs;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of a served /v3/api-docs, and a check of one real answer against what the
 * description declares for it: its status, its media type and its schema (networknt's validator,
 * OpenAPI 3.1 dialect).
 */
final class OpenApiDescription {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  /** One operation: its method in capitals and its path as the description writes it. */
  record Operation(String method, String path, JsonNode node) {

    String key() {
      return method + " " + path;
    }

    /** Whether the description says the operation takes no credentials ({@code security: []}). */
    boolean anonymous() {
      return node.path("security").isArray() && node.path("security").isEmpty();
    }

    boolean hasBody() {
      return node.has("requestBody");
    }

    List<String> integerPathParameters() {
      List<String> names = new ArrayList<>();
      for (JsonNode parameter : node.path("parameters")) {
        if (parameter.path("in").asString().equals("path")
            && parameter.path("schema").path("type").asString().equals("integer")) {
          names.add(parameter.path("name").asString());
        }
      }
      return names;
    }
  }

  private final JsonNode docs;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());

  OpenApiDescription(String json) {
    this.docs = JSON.readTree(json);
  }

  JsonNode docs() {
    return docs;
  }

  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
      for (String method : METHODS) {
        if (path.getValue().has(method)) {
          operations.add(
              new Operation(method.toUpperCase(), path.getKey(), path.getValue().get(method)));
        }
      }
    }
    return operations;
  }

  /** What is wrong with this answer to the operation; empty when it is as declared. */
  List<String> problems(Operation operation, int status, String contentType, String body) {
    JsonNode response = operation.node().path("responses").path(String.valueOf(status));
    if (response.isMissingNode()) {
      return List.of("status " + status + " is not declared; body: " + body);
    }
    if (status == 204) {
      return body == null || body.isEmpty()
          ? List.of()
          : List.of("204 No Content came with a body: " + body);
    }
    String media = contentType == null ? "" : contentType.split(";")[0].trim();
    JsonNode schema = response.path("content").path(media).path("schema");
    if (schema.isMissingNode()) {
      return List.of(
          "media type '" + contentType + "' is not declared for " + status + "; body: " + body);
    }
    JsonNode value;
    try {
      value = JSON.readTree(body);
    } catch (RuntimeException e) {
      return List.of("the body is not JSON: " + body);
    }
    return errors(schema, value).stream().map(e -> status + " " + e + "; body: " + body).toList();
  }

  /** What is wrong with a JSON request body by the operation's declared request schema. */
  List<String> requestProblems(Operation operation, JsonNode body) {
    JsonNode schema =
        operation
            .node()
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("schema");
    if (schema.isMissingNode()) {
      return List.of("no application/json request body is declared");
    }
    return errors(schema, body);
  }

  /** The request body examples the description gives, by name. */
  Map<String, JsonNode> requestExamples(Operation operation) {
    Map<String, JsonNode> examples = new java.util.LinkedHashMap<>();
    operation
        .node()
        .path("requestBody")
        .path("content")
        .path("application/json")
        .path("examples")
        .properties()
        .forEach(example -> examples.put(example.getKey(), example.getValue().path("value")));
    return examples;
  }

  private List<String> errors(JsonNode schema, JsonNode value) {
    ObjectNode document = ((ObjectNode) schema).deepCopy();
    document.set("components", docs.path("components"));
    List<Error> errors =
        registry
            .getSchema(SchemaLocation.of("https://contract.test/response.json"), document)
            .validate(value);
    return errors.stream().map(Error::toString).toList();
  }
}
