package io.agreement.api.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of POST /api/dimensions/backfill/ as a client sends it, one of three shapes; {@link
 * TriggerRequest} reads it.
 */
@Schema(
    description = "Exactly one of num_projects, project_id or all_projects",
    oneOf = {
      TriggerBody.NextProjects.class,
      TriggerBody.OneProject.class,
      TriggerBody.AllProjects.class
    })
sealed interface TriggerBody {

  /** The batched rollout. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "TriggerNextProjects",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record NextProjects(
      @Schema(
              description = "Queue the next N eligible projects, by ascending id",
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "1",
              maximum = "" + TriggerRequest.MAX_PROJECTS,
              example = "10")
          Integer numProjects)
      implements TriggerBody {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "TriggerOneProject", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record OneProject(
      @Schema(
              description = "Queue this project",
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "1",
              maximum = "2147483647")
          Long projectId,
      @Schema(description = "Queue it even if its results are current", example = "true")
          Boolean force)
      implements TriggerBody {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "TriggerAllProjects",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record AllProjects(
      @Schema(
              description = "Cancel in-flight jobs, then queue every project that is not completed",
              requiredMode = Schema.RequiredMode.REQUIRED,
              allowableValues = "true")
          Boolean allProjects,
      @Schema(description = "Completed projects too: re-score the whole organization")
          Boolean force)
      implements TriggerBody {}
}
