package io.agreement.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * A Label Studio webhook body as the description shows it; the receiver reads it as a stream, not
 * into this record. Beside {@code action} and {@code project} it carries {@code annotation} (an
 * object, or a list for ANNOTATIONS_CREATED), {@code annotations} ({@code [{"id": n}]}), {@code
 * task} (an object or a list) or {@code tasks} ({@code [{"id": n}]}), as Label Studio sends them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    description =
        "Label Studio's webhook body, exactly as it sends it; only action and the ids are read",
    additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
record WebhookBody(
    @Schema(
            description = "ANNOTATION_CREATED, TASKS_DELETED, PROJECT_UPDATED, ...",
            example = "ANNOTATION_CREATED")
        String action,
    @Schema(
            description = "The project, with its id",
            requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        Map<String, Object> project) {}
