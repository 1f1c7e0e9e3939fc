package io.agreement.api.docs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * The error answers every operation can give, each a ProblemDetail, added to every operation; a
 * status an operation declares itself (a 409, say) gets the same content.
 */
final class ErrorResponses implements OperationCustomizer {

  static final String SCHEMA = "ProblemDetail";
  static final String REF = "#/components/schemas/" + SCHEMA;

  private static final Map<String, String> EVERY_OPERATION =
      Map.of(
          "400", "The request is invalid; the detail says what to change",
          "401", "No credentials, or credentials no active user has",
          "403", "The caller's role or membership does not allow this",
          "404", "Not found in the caller's organization (or a page past the last)",
          "406", "The Accept header rules out application/json",
          "500", "An unexpected error; the API's log has it",
          "503", "The database is unavailable; retry shortly");

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    ApiResponses responses = operation.getResponses();
    EVERY_OPERATION.forEach((status, description) -> add(responses, status, description));
    if (operation.getRequestBody() != null) {
      add(responses, "415", "The body is not sent with 'Content-Type: application/json'");
    }
    // Errors are ProblemDetails whatever the method returns, declared ones (a 409, say) too.
    responses.forEach(
        (status, response) -> {
          if (status.matches("[45]\\d\\d")) {
            response.setContent(content());
          }
        });
    return operation;
  }

  private static void add(ApiResponses responses, String status, String description) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(
          status, new ApiResponse().description(description).content(content()));
    }
  }

  /** Spring answers application/problem+json, or application/json when only that is accepted. */
  static Content content() {
    Schema<?> ref = new Schema<>().$ref(REF);
    return new Content()
        .addMediaType("application/problem+json", new MediaType().schema(ref))
        .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(REF)));
  }

  /** RFC 9457's fields as Spring writes them; {@code detail} says what to change. */
  static Schema<?> schema() {
    return new ObjectSchema()
        .description("An error (RFC 9457 problem details)")
        .addProperty("type", new StringSchema().example("about:blank"))
        .addProperty("title", new StringSchema().example("Bad Request"))
        .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400)))
        .addProperty(
            "detail",
            new StringSchema().example("project_id must be a whole number from 1 to 2147483647"))
        .addProperty("instance", new StringSchema().example("/api/dimensions/backfill/"))
        .required(List.of("title", "status", "detail"));
  }
}
