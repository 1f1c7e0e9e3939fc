package io.agreement.api.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of POST /api/dimensions/backfill/ as a client sends it; {@link TriggerRequest} reads it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    description =
        "Exactly one of num_projects, project_id or all_projects; force with project_id or"
            + " all_projects",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
    minProperties = 1)
record TriggerBody(
    @Schema(
            description = "Queue the next N eligible projects, by ascending id",
            minimum = "1",
            maximum = "" + TriggerRequest.MAX_PROJECTS,
            example = "10")
        Integer numProjects,
    @Schema(description = "Queue this project", minimum = "1", maximum = "2147483647")
        Long projectId,
    @Schema(
            description =
                "Cancel in-flight jobs, then queue every project that is not completed (with"
                    + " force: every project); must be true")
        Boolean allProjects,
    @Schema(description = "Also queue projects whose results are current", example = "false")
        Boolean force) {}
