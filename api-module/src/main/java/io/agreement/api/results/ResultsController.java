package io.agreement.api.results;

import io.agreement.api.auth.Caller;
import io.agreement.api.settings.ProjectScope;
import io.agreement.api.settings.ScopedProject;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading a project's agreement results (SPEC 3.3); every role but annotators may. */
@RestController
@RequestMapping("/api/projects/{projectId}")
class ResultsController {

  private final ProjectScope projects;
  private final SummaryReader summaries;
  private final TaskReader tasks;

  ResultsController(ProjectScope projects, SummaryReader summaries, TaskReader tasks) {
    this.projects = projects;
    this.summaries = summaries;
    this.tasks = tasks;
  }

  @GetMapping({"/agreement", "/agreement/"})
  ProjectAgreement summary(Caller caller, @PathVariable String projectId) {
    return summaries.summary(readable(caller, projectId));
  }

  @GetMapping({"/agreement/tasks", "/agreement/tasks/"})
  Map<String, Object> tasks(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "control_tag", required = false) String controlTag,
      @RequestParam(name = "min", required = false) String min,
      @RequestParam(name = "max", required = false) String max,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "format", required = false) String format) {
    ScopedProject project = readable(caller, projectId);
    if (format != null && !format.equals("json")) {
      throw ApiException.badRequest(
          "format must be json or csv, got '" + QueryParams.abbreviate(format) + "'");
    }
    TaskFilter filter = TaskFilter.parse(controlTag, min, max, page, pageSize);
    TaskReader.TaskPage found = tasks.page(project, filter);
    return filter.paging().answer(found.count(), found.results());
  }

  /** Every matching task, streamed: page and page_size do not apply. */
  @GetMapping(
      value = {"/agreement/tasks", "/agreement/tasks/"},
      params = "format=csv")
  void tasksCsv(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "control_tag", required = false) String controlTag,
      @RequestParam(name = "min", required = false) String min,
      @RequestParam(name = "max", required = false) String max,
      HttpServletResponse response) {
    ScopedProject project = readable(caller, projectId);
    TaskFilter filter = TaskFilter.parse(controlTag, min, max, null, null);
    tasks.csv(project, filter, () -> csvOutput(response, project.id()));
  }

  private static Writer csvOutput(HttpServletResponse response, long projectId) {
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"project-" + projectId + "-agreement.csv\"");
    try {
      return response.getWriter();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping({"/tasks/{taskId}/agreement", "/tasks/{taskId}/agreement/"})
  TaskDetail task(Caller caller, @PathVariable String projectId, @PathVariable String taskId) {
    ScopedProject project = readable(caller, projectId);
    return tasks.task(project, ProjectScope.pathId("task id", taskId));
  }

  private ScopedProject readable(Caller caller, String projectId) {
    caller.requireReader();
    return projects.require(caller, projectId);
  }
}
