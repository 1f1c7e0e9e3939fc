package io.agreement.api.results;

import io.agreement.api.auth.Caller;
import io.agreement.api.settings.ProjectScope;
import io.agreement.api.settings.ScopedProject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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
  Map<String, Object> tasks(Caller caller, @PathVariable String projectId,
      @RequestParam(name = "control_tag", required = false) String controlTag,
      @RequestParam(name = "min", required = false) String min,
      @RequestParam(name = "max", required = false) String max,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "page_size", required = false) String pageSize) {
    ScopedProject project = readable(caller, projectId);
    TaskFilter filter = TaskFilter.parse(controlTag, min, max, page, pageSize);
    TaskReader.TaskPage found = tasks.page(project, filter);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("count", found.count());
    answer.put("next", filter.page() * filter.pageSize() < found.count() ? pageUrl(filter.page() + 1) : null);
    answer.put("previous", filter.page() > 1 ? pageUrl(filter.page() - 1) : null);
    answer.put("results", found.results());
    return answer;
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

  private static String pageUrl(long page) {
    return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).toUriString();
  }
}
