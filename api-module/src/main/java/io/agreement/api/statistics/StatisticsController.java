package io.agreement.api.statistics;

import io.agreement.api.auth.Caller;
import io.agreement.api.settings.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
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
}
