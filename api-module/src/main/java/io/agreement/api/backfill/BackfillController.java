package io.agreement.api.backfill;

import io.agreement.api.auth.Caller;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.Page;
import io.agreement.api.web.Paging;
import io.agreement.api.web.QueryParams;
import io.agreement.common.job.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
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
@Tag(name = "Backfill", description = "Trigger, watch and cancel agreement backfills")
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

  @Operation(
      summary = "Queue backfill jobs",
      description =
          "The next num_projects eligible projects, one project_id (skipped when its results are"
              + " current, unless force), or all_projects (in-flight jobs cancelled first;"
              + " completed projects too with force). Needs OWNER or ADMINISTRATOR.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = TriggerBody.class),
              examples = {
                @ExampleObject(name = "batch", value = "{\"num_projects\": 10}"),
                @ExampleObject(
                    name = "one project",
                    value = "{\"project_id\": 1, \"force\": true}"),
                @ExampleObject(name = "everything", value = "{\"all_projects\": true}")
              }))
  @PostMapping({"", "/"})
  TriggerResult trigger(Caller caller, @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    return service.trigger(caller, TriggerRequest.from(parse(body)));
  }

  @Operation(
      summary = "Backfill status",
      description =
          "Without a filter the organization's projects by the status of their latest job; with"
              + " project_id that project's latest job, with job_id that job.")
  @ApiResponse(
      responseCode = "200",
      description = "OrganizationStatus without a filter, a BackfillJob with one",
      content = @Content(schema = @Schema(oneOf = {OrganizationStatus.class, JobView.class})))
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

  @Operation(summary = "List backfill jobs", description = "Newest first, paged.")
  @GetMapping({"/jobs", "/jobs/"})
  Page<JobView> jobs(
      Caller caller,
      @Parameter(
              description = "Only jobs in this status",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {
                        "PENDING",
                        "QUEUED",
                        "RUNNING",
                        "COMPLETED",
                        "FAILED",
                        "CANCELLED"
                      }))
          @RequestParam(name = "status", required = false)
          String status,
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
    return paging.page(
        count,
        repo.jobs(
            caller.organizationId(), statusFilter, projectFilter, paging.size(), paging.offset()));
  }

  @Operation(
      summary = "Cancel backfill jobs",
      description =
          "The organization's active jobs, or those of one project_id, or one job_id. A running"
              + " job stops at its next chunk and writes nothing.")
  @DeleteMapping({"", "/"})
  CancelResult cancel(
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
    return CancelResult.of(cancelled);
  }

  private JobView projectStatus(long org, long projectId) {
    if (!repo.projectExists(org, projectId)) {
      throw ApiException.projectNotFound(projectId);
    }
    return repo.latestJob(org, projectId)
        .orElseThrow(
            () -> ApiException.notFound("Project " + projectId + " has never been backfilled"));
  }

  private OrganizationStatus organizationStatus(long org) {
    return OrganizationStatus.of(org, repo.organizationStatus(org));
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
