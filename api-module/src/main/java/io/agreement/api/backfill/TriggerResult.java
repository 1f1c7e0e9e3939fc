package io.agreement.api.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer to a trigger, in Label Studio Enterprise's shape.
 *
 * @param projectsSkipped projects left out because their results are current
 * @param projectsRemaining projects still eligible for a later trigger
 * @param cancelledCount in-flight jobs an {@code all_projects} trigger cancelled first; only
 *     present when above 0
 */
record TriggerResult(
    int jobsQueued,
    int projectsSkipped,
    int projectsRemaining,
    long organizationId,
    String message,
    List<QueuedJob> jobs,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        @Schema(description = "In-flight jobs cancelled first (all_projects); absent when 0")
        int cancelledCount) {

  record QueuedJob(long jobId, long projectId) {}
}
