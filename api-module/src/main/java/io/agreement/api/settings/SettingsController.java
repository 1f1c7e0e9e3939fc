package io.agreement.api.settings;

import io.agreement.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Settings", description = "Per-project agreement settings")
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

  @Operation(
      summary = "A project's per-tag settings",
      description =
          "Every control tag of the current label config with the settings a backfill would score"
              + " it with, and the metrics and alpha levels it allows.")
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

  @Operation(
      summary = "One dimension",
      description = "By its stable id, or by its control tag's name, as dimensions/ lists it.")
  @GetMapping({"/dimensions/{dimension}", "/dimensions/{dimension}/"})
  Map<String, Object> dimension(
      Caller caller, @PathVariable String projectId, @PathVariable String dimension) {
    caller.requireReader();
    ScopedProject project = projects.require(caller, projectId);
    return dimensions.detail(project, service.controlTagName(project, dimension));
  }

  @Operation(
      summary = "Change one tag's settings",
      description =
          "By the dimension's id or its control tag's name. Marks the project's results stale"
              + " and queues a forced backfill (AGREEMENT_AUTO_BACKFILL)."
              + " Needs OWNER or ADMINISTRATOR. 404 for a tag the label config does not have.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = TagPatchBody.class),
              examples = {
                @ExampleObject(name = "threshold", value = "{\"threshold\": 0.8}"),
                @ExampleObject(name = "alpha level", value = "{\"alpha_level\": \"ordinal\"}"),
                @ExampleObject(name = "back to the default", value = "{\"metric\": null}"),
                @ExampleObject(name = "inactive", value = "{\"is_active\": false}")
              }))
  @ApiResponse(responseCode = "200", description = "The dimension with its new settings")
  @ApiResponse(
      responseCode = "409",
      description = "The project's label config cannot be read; fix it first")
  @PatchMapping({"/dimensions/{dimension}", "/dimensions/{dimension}/"})
  Map<String, Object> updateDimension(
      Caller caller,
      @PathVariable String projectId,
      @PathVariable String dimension,
      @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    ScopedProject project = projects.require(caller, projectId);
    String tag = service.controlTagName(project, dimension);
    service.updateTag(caller.organizationId(), project, tag, TagPatch.from(json, body));
    return dimensions.detail(project, tag);
  }

  @Operation(
      summary = "Change the project's methodology or agreement threshold",
      description =
          "A methodology change marks the project's results stale and queues a forced backfill"
              + " (AGREEMENT_AUTO_BACKFILL); the threshold only recounts"
              + " the low-agreement tasks. Needs OWNER or ADMINISTRATOR.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = ProjectSettingsBody.class),
              examples = {
                @ExampleObject(name = "methodology", value = "{\"methodology\": \"pairwise\"}"),
                @ExampleObject(name = "threshold", value = "{\"agreement_threshold\": 0.6}")
              }))
  @PatchMapping({"/agreement/settings", "/agreement/settings/"})
  DimensionsView updateProjectSettings(
      Caller caller, @PathVariable String projectId, @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    ScopedProject project = projects.require(caller, projectId);
    service.updateProject(caller.organizationId(), project, ProjectSettingsPatch.from(json, body));
    return effective.view(project);
  }
}
