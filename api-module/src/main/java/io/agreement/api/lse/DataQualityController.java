package io.agreement.api.lse;

import io.agreement.api.auth.Caller;
import io.agreement.api.settings.DimensionsView;
import io.agreement.api.settings.EffectiveSettings;
import io.agreement.api.settings.ProjectScope;
import io.agreement.api.settings.ScopedProject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LSE's {@code data_quality_agreement_*} calls at their exact paths (no trailing slash), from
 * stored results (SPEC 8).
 */
@RestController
@Tag(name = "Label Studio Enterprise agreement")
@RequestMapping("/api/projects/{projectId}/analytics/data-quality/agreement-analysis")
class DataQualityController {

  private final ProjectScope projects;
  private final EffectiveSettings settings;
  private final DataQualityReader reader;

  DataQualityController(
      ProjectScope projects, EffectiveSettings settings, DataQualityReader reader) {
    this.projects = projects;
    this.settings = settings;
    this.reader = reader;
  }

  @Operation(
      summary =
          "Active dimensions with their mean task score (LSE data_quality_agreement_dimensions)")
  @GetMapping("/dimensions")
  List<Map<String, Object>> dimensions(Caller caller, @PathVariable String projectId) {
    ScopedProject project = readable(caller, projectId);
    DimensionsView view = settings.view(project);
    List<String> active =
        view.dimensions().stream().filter(d -> d.weight() > 0).map(d -> d.name()).toList();
    return reader.dimensions(project, active);
  }

  @Operation(
      summary =
          "Confusion matrix of a Choices, Taxonomy or Rating tag (LSE data_quality_agreement_confusion_matrix)")
  @GetMapping("/confusion-matrix")
  Map<String, Object> confusion(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "from_name", required = false) String fromName,
      @RequestParam(name = "mode", required = false) String mode) {
    return reader.confusion(readable(caller, projectId), fromName, mode);
  }

  @Operation(summary = "Histogram of task agreement (LSE data_quality_agreement_distribution)")
  @GetMapping("/distribution")
  Map<String, Object> distribution(Caller caller, @PathVariable String projectId) {
    return reader.distribution(readable(caller, projectId).id());
  }

  private ScopedProject readable(Caller caller, String projectId) {
    caller.requireReader();
    return projects.require(caller, projectId);
  }
}
