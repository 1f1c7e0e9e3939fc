package io.agreement.api.lse;

import io.agreement.api.auth.Caller;
import io.agreement.api.settings.DimensionIds;
import io.agreement.api.settings.ProjectScope;
import io.agreement.api.settings.ScopedProject;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** LSE's {@code client.tasks.agreement_matrix.get}, at its exact path (no trailing slash). */
@RestController
@Tag(name = "Label Studio Enterprise agreement")
class AgreementMatrixController {

  private final ProjectScope projects;
  private final DimensionIds dimensions;
  private final TaskMatrixReader reader;
  private final JsonMapper json;

  AgreementMatrixController(
      ProjectScope projects, DimensionIds dimensions, TaskMatrixReader reader, JsonMapper json) {
    this.projects = projects;
    this.dimensions = dimensions;
    this.reader = reader;
    this.json = json;
  }

  @Operation(
      summary =
          "Agreement matrix between the participants of one task (LSE tasks.agreement_matrix.get)")
  @GetMapping("/api/projects/{projectId}/tasks/{taskId}/agreement-matrix")
  Map<String, Object> matrix(
      Caller caller,
      @PathVariable String projectId,
      @PathVariable String taskId,
      @RequestParam(name = "dimension", required = false) String dimension,
      HttpServletRequest request) {
    caller.requireReader();
    ScopedProject project = projects.require(caller, projectId);
    long task = ProjectScope.pathId("task id", taskId);
    Selection selection = Selection.parse(request.getParameterMap(), json);
    return reader.matrix(project.id(), task, selection, controlTag(project, dimension));
  }

  private String controlTag(ScopedProject project, String dimension) {
    if (dimension == null) {
      return null;
    }
    long id = QueryParams.wholeNumber("dimension", dimension, 1, Integer.MAX_VALUE);
    return dimensions
        .controlTag(project.id(), id)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Dimension " + id + " is not a dimension of project " + project.id()));
  }
}
