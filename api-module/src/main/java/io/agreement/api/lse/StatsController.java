package io.agreement.api.lse;

import io.agreement.api.auth.Caller;
import io.agreement.api.settings.ProjectScope;
import io.agreement.api.settings.ScopedProject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Label Studio Enterprise's {@code client.projects.stats} calls at their exact paths (no trailing
 * slash), answered from stored results (SPEC 8).
 */
@RestController
@Tag(name = "Label Studio Enterprise agreement")
@RequestMapping("/api/projects/{projectId}")
class StatsController {

  private final ProjectScope projects;
  private final StatsReader stats;

  StatsController(ProjectScope projects, StatsReader stats) {
    this.projects = projects;
    this.stats = stats;
  }

  @Operation(summary = "Inter-annotator agreement matrix (LSE projects.stats.iaa)")
  @GetMapping("/stats/IAA")
  Map<String, Object> iaa(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "expand", required = false) String expand,
      @RequestParam(name = "per_label", required = false) String perLabel,
      @RequestParam(name = "std", required = false) String std,
      @RequestParam(name = "task", required = false) String task) {
    ScopedProject project = readable(caller, projectId);
    return stats.iaa(
        project.id(),
        LseParams.ids("task", task),
        LseParams.flag("per_label", perLabel),
        LseParams.flag("std", std));
  }

  @Operation(summary = "Annotators' agreement by user id (LSE projects.stats.agreement_annotators)")
  @GetMapping("/stats/agreement_annotators")
  Map<String, Object> annotators(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "ids", required = false) String ids) {
    ScopedProject project = readable(caller, projectId);
    return Map.of("agreement", stats.annotators(project.id(), LseParams.ids("ids", ids)));
  }

  @Operation(summary = "One annotator's agreement (LSE projects.stats.agreement_annotator)")
  @GetMapping("/stats/agreement_annotator/{userId}")
  Map<String, Object> annotator(
      Caller caller, @PathVariable String projectId, @PathVariable String userId) {
    ScopedProject project = readable(caller, projectId);
    long id = ProjectScope.pathId("user id", userId);
    return nullable(
        "Agreement_per_annotator", stats.annotators(project.id(), List.of(id)).get("" + id));
  }

  /** 204 with no body before the first backfill: the SDK then returns None. */
  @Operation(
      summary =
          "The project's agreement, overall or per label; 204 before a backfill (LSE projects.stats.total_agreement)")
  @ApiResponse(responseCode = "200", description = "The project's agreement, or per label")
  @ApiResponse(
      responseCode = "204",
      description = "No results yet: the project was never backfilled")
  @GetMapping("/stats/total_agreement")
  ResponseEntity<Map<String, Object>> total(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "per_label", required = false) String perLabel) {
    ScopedProject project = readable(caller, projectId);
    return stats
        .total(project.id(), LseParams.flag("per_label", perLabel))
        .map(total -> ResponseEntity.ok(nullable("total_agreement", total)))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  @Operation(
      summary =
          "Users' agreement with the ground truth (LSE projects.stats.users_ground_truth_agreement)")
  @GetMapping("/stats/agreement-groundtruth")
  Map<String, Object> groundTruth(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "ids", required = false) String ids,
      @RequestParam(name = "per_label", required = false) String perLabel) {
    ScopedProject project = readable(caller, projectId);
    return Map.of(
        "agreement",
        stats.groundTruth(
            project.id(), LseParams.ids("ids", ids), LseParams.flag("per_label", perLabel)));
  }

  @Operation(
      summary =
          "One user's agreement with the ground truth (LSE projects.stats.user_ground_truth_agreement)")
  @GetMapping("/users/{userId}/stats/agreement-groundtruth")
  Map<String, Object> userGroundTruth(
      Caller caller,
      @PathVariable String projectId,
      @PathVariable String userId,
      @RequestParam(name = "per_label", required = false) String perLabel) {
    ScopedProject project = readable(caller, projectId);
    long id = ProjectScope.pathId("user id", userId);
    Map<String, Object> byUser =
        stats.groundTruth(project.id(), List.of(id), LseParams.flag("per_label", perLabel));
    return nullable("agreement", byUser.get(Long.toString(id)));
  }

  private ScopedProject readable(Caller caller, String projectId) {
    caller.requireReader();
    return projects.require(caller, projectId);
  }

  /** Map.of refuses null values, and null is an answer here. */
  private static Map<String, Object> nullable(String key, Object value) {
    Map<String, Object> answer = new java.util.LinkedHashMap<>();
    answer.put(key, value);
    return answer;
  }
}
