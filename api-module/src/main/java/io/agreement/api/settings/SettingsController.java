package io.agreement.api.settings;

import io.agreement.api.auth.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-project agreement settings (SPEC 4.4) under the Label Studio Enterprise paths: dimensions as
 * LSE's bare array of Dimension objects, addressed by id or by control tag name (SPEC 8).
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
class SettingsController {

  private final ProjectScope projects;
  private final EffectiveSettings effective;
  private final DimensionObjects dimensions;
  private final SettingsService service;
  private final JsonMapper json;

  SettingsController(
      ProjectScope projects,
      EffectiveSettings effective,
      DimensionObjects dimensions,
      SettingsService service,
      JsonMapper json) {
    this.projects = projects;
    this.effective = effective;
    this.dimensions = dimensions;
    this.service = service;
    this.json = json;
  }

  @GetMapping({"/dimensions", "/dimensions/"})
  List<Map<String, Object>> dimensions(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "agreement_methodology", required = false) String methodology,
      @RequestParam(name = "is_active", required = false) String isActive,
      @RequestParam(name = "ordering", required = false) String ordering) {
    caller.requireReader();
    ScopedProject project = projects.require(caller, projectId);
    DimensionQuery query = DimensionQuery.parse(methodology, isActive, ordering);
    return query.apply(dimensions.list(project));
  }

  @GetMapping({"/dimensions/{dimension}", "/dimensions/{dimension}/"})
  Map<String, Object> dimension(
      Caller caller, @PathVariable String projectId, @PathVariable String dimension) {
    caller.requireReader();
    ScopedProject project = projects.require(caller, projectId);
    return dimensions.detail(project, service.controlTagName(project, dimension));
  }

  @PatchMapping({"/dimensions/{dimension}", "/dimensions/{dimension}/"})
  Map<String, Object> updateDimension(
      Caller caller,
      @PathVariable String projectId,
      @PathVariable String dimension,
      @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    ScopedProject project = projects.require(caller, projectId);
    String tag = service.controlTagName(project, dimension);
    service.updateTag(project, tag, TagPatch.from(json, body));
    return dimensions.detail(project, tag);
  }

  @PatchMapping({"/agreement/settings", "/agreement/settings/"})
  DimensionsView updateProjectSettings(
      Caller caller, @PathVariable String projectId, @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    ScopedProject project = projects.require(caller, projectId);
    service.updateProject(project, ProjectSettingsPatch.from(json, body));
    return effective.view(project);
  }
}
