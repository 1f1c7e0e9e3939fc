package io.agreement.api.settings;

import io.agreement.api.auth.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Per-project agreement settings (SPEC 4.4), under the Label Studio Enterprise paths. */
@RestController
@RequestMapping("/api/projects/{projectId}")
class SettingsController {

  private final ProjectScope projects;
  private final EffectiveSettings effective;
  private final SettingsService service;
  private final JsonMapper json;

  SettingsController(
      ProjectScope projects,
      EffectiveSettings effective,
      SettingsService service,
      JsonMapper json) {
    this.projects = projects;
    this.effective = effective;
    this.service = service;
    this.json = json;
  }

  @GetMapping({"/dimensions", "/dimensions/"})
  DimensionsView dimensions(Caller caller, @PathVariable String projectId) {
    caller.requireReader();
    return effective.view(projects.require(caller, projectId));
  }

  @PatchMapping({"/dimensions/{controlTag}", "/dimensions/{controlTag}/"})
  Dimension updateDimension(
      Caller caller,
      @PathVariable String projectId,
      @PathVariable String controlTag,
      @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    ScopedProject project = projects.require(caller, projectId);
    return service.updateTag(project, controlTag, TagPatch.from(json, body));
  }

  @PatchMapping({"/agreement/settings", "/agreement/settings/"})
  DimensionsView updateMethodology(
      Caller caller, @PathVariable String projectId, @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    ScopedProject project = projects.require(caller, projectId);
    service.updateMethodology(project, MethodologyPatch.from(json, body).methodology());
    return effective.view(project);
  }
}
