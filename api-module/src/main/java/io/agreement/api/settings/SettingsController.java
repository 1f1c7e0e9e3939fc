package io.agreement.api.settings;

import io.agreement.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Per-project agreement settings (SPEC 4.4), under the Label Studio Enterprise paths. */
@Tag(name = "Settings", description = "Per-project agreement settings")
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

  @Operation(
      summary = "A project's per-tag settings",
      description =
          "Every control tag of the current label config with the settings a backfill would score"
              + " it with, and the metrics and alpha levels it allows.")
  @GetMapping({"/dimensions", "/dimensions/"})
  DimensionsView dimensions(Caller caller, @PathVariable String projectId) {
    caller.requireReader();
    return effective.view(projects.require(caller, projectId));
  }

  @Operation(
      summary = "Change one tag's settings",
      description =
          "Marks the project's results stale. Needs OWNER or ADMINISTRATOR. 404 for a tag the"
              + " label config does not have.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = TagPatchBody.class),
              examples = {
                @ExampleObject(name = "threshold", value = "{\"threshold\": 0.8}"),
                @ExampleObject(name = "alpha level", value = "{\"alpha_level\": \"ordinal\"}"),
                @ExampleObject(name = "back to the default", value = "{\"metric\": null}")
              }))
  @ApiResponse(responseCode = "200", description = "The tag with its new settings")
  @ApiResponse(
      responseCode = "409",
      description = "The project's label config cannot be read; fix it first")
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

  @Operation(
      summary = "Change the project's methodology",
      description = "Marks the project's results stale. Needs OWNER or ADMINISTRATOR.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = MethodologyBody.class),
              examples = @ExampleObject(value = "{\"methodology\": \"pairwise\"}")))
  @PatchMapping({"/agreement/settings", "/agreement/settings/"})
  DimensionsView updateMethodology(
      Caller caller, @PathVariable String projectId, @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    ScopedProject project = projects.require(caller, projectId);
    service.updateMethodology(project, MethodologyPatch.from(json, body).methodology());
    return effective.view(project);
  }
}
