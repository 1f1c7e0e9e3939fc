package io.agreement.api.backfill;

import io.agreement.api.auth.Caller;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.Paging;
import io.agreement.api.web.QueryParams;
import io.agreement.common.job.JobStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Label Studio Enterprise backfill endpoints under /api/dimensions/backfill/. */
@RestController
@RequestMapping("/api/dimensions/backfill")
class BackfillController {

  private static final int MAX_BODY_BYTES = 16 * 1024;

  private final BackfillService service;
  private final BackfillRepository repo;
  private final JsonMapper json;

  BackfillController(BackfillService service, BackfillRepository repo, JsonMapper json) {
    this.service = service;
    this.repo = repo;
    this.json = json;
  }

  @PostMapping({"", "/"})
  Map<String, Object> trigger(Caller caller, @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    TriggerResult result = service.trigger(caller, TriggerRequest.from(parse(body)));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("jobs_queued", result.jobsQueued());
    answer.put("projects_skipped", result.projectsSkipped());
    answer.put("projects_remaining", result.projectsRemaining());
    answer.put("organization_id", result.organizationId());
    answer.put("message", result.message());
    answer.put("jobs", result.jobs());
    if (result.cancelledCount() > 0) {
      answer.put("cancelled_count", result.cancelledCount());
    }
    return answer;
  }

  @GetMapping({"/status", "/status/"})
  Object status(
      Caller caller,
      @RequestParam(name = "project_id", required = false) String projectId,
      @RequestParam(name = "job_id", required = false) String jobId) {
    caller.requireAdmin();
    OptionalLong project = QueryParams.positiveId("project_id", projectId);
    OptionalLong job = QueryParams.positiveId("job_id", jobId);
    if (project.isPresent() && job.isPresent()) {
      throw ApiException.badRequest("Send project_id or job_id, not both");
    }
    long org = caller.organizationId();
    if (job.isPresent()) {
      return repo.job(org, job.getAsLong())
          .orElseThrow(
              () ->
                  ApiException.notFound(
                      "Backfill job " + job.getAsLong() + " not found in your organization"));
    }
    if (project.isPresent()) {
      return projectStatus(org, project.getAsLong());
    }
    return organizationStatus(org);
  }

  @GetMapping({"/jobs", "/jobs/"})
  Map<String, Object> jobs(
      Caller caller,
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "project_id", required = false) String projectId,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "page_size", required = false) String pageSize) {
    caller.requireAdmin();
    String statusFilter =
        status == null
            ? null
            : JobStatus.parse(status.trim().toUpperCase())
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "status must be one of "
                                + Arrays.toString(JobStatus.values())
                                + ", got '"
                                + QueryParams.abbreviate(status)
                                + "'"))
                .name();
    OptionalLong project = QueryParams.positiveId("project_id", projectId);
    Long projectFilter = project.isPresent() ? project.getAsLong() : null;
    if (projectFilter != null && !repo.projectExists(caller.organizationId(), projectFilter)) {
      throw ApiException.projectNotFound(projectFilter);
    }
    Paging paging = Paging.parse(page, pageSize);
    long count = repo.countJobs(caller.organizationId(), statusFilter, projectFilter);
    paging.requireWithin(count, "job(s)");
    return paging.answer(
        count,
        repo.jobs(
            caller.organizationId(), statusFilter, projectFilter, paging.size(), paging.offset()));
  }

  @DeleteMapping({"", "/"})
  Map<String, Object> cancel(
      Caller caller,
      @RequestParam(name = "project_id", required = false) String projectId,
      @RequestParam(name = "job_id", required = false) String jobId) {
    caller.requireAdmin();
    OptionalLong project = QueryParams.positiveId("project_id", projectId);
    OptionalLong job = QueryParams.positiveId("job_id", jobId);
    List<Long> cancelled =
        service.cancel(
            caller,
            project.isPresent() ? project.getAsLong() : null,
            job.isPresent() ? job.getAsLong() : null);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("cancelled_count", cancelled.size());
    answer.put(
        "message", "Successfully cancelled " + cancelled.size() + " Agreement V2 backfill job(s)");
    answer.put("job_ids", cancelled);
    return answer;
  }

  private JobView projectStatus(long org, long projectId) {
    if (!repo.projectExists(org, projectId)) {
      throw ApiException.projectNotFound(projectId);
    }
    return repo.latestJob(org, projectId)
        .orElseThrow(
            () -> ApiException.notFound("Project " + projectId + " has never been backfilled"));
  }

  private Map<String, Object> organizationStatus(long org) {
    Map<String, Object> row = repo.organizationStatus(org);
    Map<String, Object> counts = new LinkedHashMap<>();
    for (String key :
        List.of(
            "total_projects",
            "not_started",
            "pending",
            "queued",
            "running",
            "completed",
            "failed",
            "cancelled",
            "stale")) {
      counts.put(key, ((Number) row.get(key)).longValue());
    }
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("tasks_processed", ((Number) row.get("tasks_processed")).longValue());
    progress.put("annotations_processed", ((Number) row.get("annotations_processed")).longValue());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("organization_id", org);
    answer.put("org_status", counts);
    answer.put("progress", progress);
    return answer;
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    if (body.length > MAX_BODY_BYTES) {
      throw ApiException.badRequest("The body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
