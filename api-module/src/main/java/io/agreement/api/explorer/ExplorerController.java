package io.agreement.api.explorer;

import io.agreement.api.auth.Caller;
import io.agreement.api.auth.Role;
import io.agreement.api.settings.DimensionsView;
import io.agreement.api.settings.EffectiveSettings;
import io.agreement.api.settings.ProjectScope;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.Page;
import io.agreement.api.web.Paging;
import io.agreement.api.web.QueryParams;
import io.agreement.api.web.TaskLinks;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the explorer needs beside the Label Studio Enterprise endpoints: who is signed in, every
 * project with its overall agreement and latest job in one paged call, and task-level progress.
 */
@RestController
@RequestMapping(value = "/api/agreement", produces = MediaType.APPLICATION_JSON_VALUE)
class ExplorerController {

  static final int MAX_TITLE = 200;

  static final int MAX_LOWEST = 100;

  private final ExplorerRepository repo;
  private final TaskLinks links;
  private final ProjectScope scope;
  private final EffectiveSettings settings;

  ExplorerController(
      ExplorerRepository repo, TaskLinks links, ProjectScope scope, EffectiveSettings settings) {
    this.repo = repo;
    this.links = links;
    this.scope = scope;
    this.settings = settings;
  }

  @Operation(summary = "Who is signed in: user, organization and role")
  @GetMapping({"/me", "/me/"})
  Map<String, Object> me(Caller caller) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("user_id", caller.userId());
    answer.put("email", caller.email());
    answer.put("organization_id", caller.organizationId());
    answer.put("role", caller.role().name());
    answer.put(
        "may_administer", caller.role() == Role.OWNER || caller.role() == Role.ADMINISTRATOR);
    answer.put("may_read_results", caller.role() != Role.ANNOTATOR);
    return answer;
  }

  @Operation(summary = "The organization's projects with their agreement and backfill state, paged")
  @GetMapping({"/projects", "/projects/"})
  Page<ProjectRow> projects(
      Caller caller,
      @RequestParam(name = "title", required = false) String title,
      @RequestParam(name = "ordering", required = false) String ordering,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "page_size", required = false) String pageSize) {
    caller.requireReader();
    String pattern = titlePattern(title);
    ProjectSort sort = ProjectSort.parse(ordering);
    Paging paging = Paging.parse(page, pageSize);
    long count = repo.count(caller.organizationId(), pattern);
    paging.requireWithin(count, "project(s)");
    return paging.page(
        count,
        repo.projects(caller.organizationId(), pattern, sort, paging.size(), paging.offset()));
  }

  @Operation(summary = "One project's agreement and backfill state")
  @GetMapping({"/projects/{projectId}", "/projects/{projectId}/"})
  ProjectRow project(Caller caller, @PathVariable String projectId) {
    caller.requireReader();
    long id = scope.require(caller, projectId).id();
    return repo.project(caller.organizationId(), id)
        .orElseThrow(() -> ApiException.projectNotFound(id));
  }

  /** The settings the next backfill would use, as PATCH agreement/settings/ answers them. */
  @Operation(summary = "A project's effective agreement settings")
  @GetMapping({"/projects/{projectId}/settings", "/projects/{projectId}/settings/"})
  DimensionsView settings(Caller caller, @PathVariable String projectId) {
    caller.requireReader();
    return settings.view(scope.require(caller, projectId));
  }

  /** The lowest-scored tasks first, with their links into Label Studio when it is configured. */
  @Operation(summary = "A project's lowest-agreement tasks, with links into Label Studio")
  @GetMapping({"/projects/{projectId}/lowest-tasks", "/projects/{projectId}/lowest-tasks/"})
  List<ExplorerRepository.LowTask> lowestTasks(
      Caller caller,
      @PathVariable String projectId,
      @RequestParam(name = "limit", required = false) String limit) {
    long id = project(caller, projectId).projectId();
    int size = limit == null ? 20 : (int) QueryParams.wholeNumber("limit", limit, 1, MAX_LOWEST);
    return repo.lowestTasks(id, size).stream()
        .map(t -> t.withUrl(links.taskUrl(id, t.taskId())))
        .toList();
  }

  @Operation(summary = "Tasks processed of all tasks, and active jobs (OWNER or ADMINISTRATOR)")
  @GetMapping({"/progress", "/progress/"})
  ExplorerRepository.Progress progress(Caller caller) {
    caller.requireAdmin();
    return repo.progress(caller.organizationId());
  }

  /** A case-insensitive substring match; the user's % and _ match themselves. */
  private static String titlePattern(String title) {
    if (title == null || title.isBlank()) {
      return null;
    }
    if (title.length() > MAX_TITLE) {
      throw ApiException.badRequest(
          "title must be at most " + MAX_TITLE + " characters, got " + title.length());
    }
    String escaped = title.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }
}
