package io.agreement.api.statistics;

import io.agreement.api.auth.Caller;
import io.agreement.api.settings.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A project's reliability statistics (SPEC 4.7); every role but annotators may read them. */
@RestController
class StatisticsController {

  private final ProjectScope projects;
  private final StatisticsReader statistics;

  StatisticsController(ProjectScope projects, StatisticsReader statistics) {
    this.projects = projects;
    this.statistics = statistics;
  }

  @Operation(
      summary =
          "Reliability statistics per control tag: alpha, kappas, AC1/AC2, intervals, diagnostics")
  @GetMapping({
    "/api/projects/{projectId}/agreement/statistics",
    "/api/projects/{projectId}/agreement/statistics/"
  })
  ProjectStatisticsView statistics(Caller caller, @PathVariable String projectId) {
    caller.requireReader();
    return statistics.read(projects.require(caller, projectId).id());
  }

  @Operation(summary = "The same statistics as CSV, one row per control tag")
  @GetMapping(
      value = {
        "/api/projects/{projectId}/agreement/statistics",
        "/api/projects/{projectId}/agreement/statistics/"
      },
      params = "format=csv",
      produces = "text/csv")
  ResponseEntity<String> statisticsCsv(Caller caller, @PathVariable String projectId) {
    caller.requireReader();
    long id = projects.require(caller, projectId).id();
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"project-" + id + "-statistics.csv\"")
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .body(StatisticsCsv.of(statistics.read(id)));
  }
}
