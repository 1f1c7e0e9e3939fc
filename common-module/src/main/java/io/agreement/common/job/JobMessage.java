package io.agreement.common.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of one queued message: which job to run. The job row holds everything else. */
public record JobMessage(
    @JsonProperty("job_id") long jobId,
    @JsonProperty("project_id") long projectId,
    @JsonProperty("organization_id") long organizationId) {}
