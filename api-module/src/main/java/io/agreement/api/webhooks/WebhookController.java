package io.agreement.api.webhooks;

import io.agreement.api.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * {@code POST /api/agreement/webhooks/label-studio/}: Label Studio's outgoing webhooks (SPEC 9),
 * authenticated by a shared secret header instead of a Label Studio token. Every authenticated JSON
 * body is answered 200, so Label Studio never switches the webhook off for an event the service
 * does not use; only a body that is not JSON is a 400.
 */
@Tag(name = "Live refresh", description = "Scores that follow the labeling")
@RestController
class WebhookController {

  static final String PATH = "/api/agreement/webhooks/label-studio";
  static final String SECRET_HEADER = "X-Agreement-Webhook-Secret";

  private final Optional<WebhookSecret> secret;
  private final WebhookParser parser;
  private final WebhookReceiver receiver;
  private final WebhookMetrics metrics;

  WebhookController(
      WebhookProperties props,
      WebhookParser parser,
      WebhookReceiver receiver,
      MeterRegistry meters) {
    this.secret = WebhookSecret.from(props.secret(), props.secretFile());
    this.parser = parser;
    this.receiver = receiver;
    this.metrics = new WebhookMetrics(meters);
  }

  @SecurityRequirements
  @Operation(
      summary = "Receive a Label Studio webhook",
      description =
          "Marks the tasks an event names dirty for the next refresh (ANNOTATION_CREATED,"
              + " ANNOTATIONS_CREATED, ANNOTATION_UPDATED, ANNOTATIONS_DELETED, TASKS_CREATED,"
              + " TASKS_DELETED), checks the label config on PROJECT_UPDATED, and asks for a sweep"
              + " when the body has only an action (send_payload=false). Never waits for scoring."
              + " Configure it on the Label Studio webhook with the header "
              + SECRET_HEADER
              + "; without AGREEMENT_WEBHOOK_SECRET the path answers 404.")
  @ApiResponse(
      responseCode = "200",
      description = "Read: what was marked, or nothing for an event or id the service does not use",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = WebhookAnswer.class)))
  @ApiResponse(
      responseCode = "401",
      description = "The header " + SECRET_HEADER + " is missing or does not match")
  @ApiResponse(
      responseCode = "404",
      description = "No AGREEMENT_WEBHOOK_SECRET is configured: answered as an unknown path")
  @ApiResponse(
      responseCode = "503",
      description = "The database is unavailable or slow; answered within about a second")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = WebhookBody.class),
              examples = {
                @ExampleObject(
                    name = "annotation created",
                    value =
                        "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": 17, \"task\":"
                            + " 19, \"project\": 2, \"result\": []}, \"project\": {\"id\": 2},"
                            + " \"task\": {\"id\": 19, \"project\": 2}}"),
                @ExampleObject(
                    name = "annotations deleted",
                    value =
                        "{\"action\": \"ANNOTATIONS_DELETED\", \"annotations\": [{\"id\": 17}],"
                            + " \"project\": {\"id\": 2}}"),
                @ExampleObject(name = "without payload", value = "{\"action\": \"TASKS_CREATED\"}")
              }))
  @PostMapping(
      value = {PATH, PATH + "/"},
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  WebhookAnswer receive(
      @Parameter(
              name = SECRET_HEADER,
              required = true,
              description = "The secret configured as AGREEMENT_WEBHOOK_SECRET",
              schema = @Schema(type = "string"))
          @RequestHeader(name = SECRET_HEADER, required = false)
          String sent,
      HttpServletRequest request)
      throws NoResourceFoundException, IOException {
    if (secret.isEmpty()) {
      metrics.count(null, "disabled");
      // Exactly what Spring answers for a path nothing serves.
      String uri = request.getRequestURI();
      throw new NoResourceFoundException(HttpMethod.POST, uri, uri.replaceAll("^/+|/+$", ""));
    }
    if (!secret.get().matches(sent)) {
      metrics.count(null, "unauthorized");
      throw ApiException.unauthorized(
          sent == null
              ? "The header " + SECRET_HEADER + " is missing; set it on the Label Studio webhook"
              : "The header " + SECRET_HEADER + " does not match AGREEMENT_WEBHOOK_SECRET");
    }
    WebhookEvent event = read(request);
    try {
      WebhookAnswer answer = receiver.receive(event);
      metrics.count(event.action(), outcome(answer));
      return answer;
    } catch (DataAccessException e) {
      metrics.count(event.action(), "unavailable");
      throw e;
    }
  }

  private WebhookEvent read(HttpServletRequest request) throws IOException {
    try {
      return parser.parse(request.getInputStream());
    } catch (WebhookParser.NotJson e) {
      metrics.count(null, "not_json");
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static String outcome(WebhookAnswer answer) {
    if (answer.sweepRequested()) {
      return "sweep_requested";
    }
    if (answer.configChange() != null) {
      return "config_" + answer.configChange();
    }
    return answer.marked() > 0 ? "marked" : "nothing_marked";
  }
}
