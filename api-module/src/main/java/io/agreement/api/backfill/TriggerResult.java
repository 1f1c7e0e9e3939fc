package io.agreement.api.backfill;

import java.util.List;

/** The answer to a trigger, in Label Studio Enterprise's shape. */
record TriggerResult(
    int jobsQueued,
    int projectsSkipped,
    int projectsRemaining,
    long organizationId,
    String message,
    List<QueuedJob> jobs,
    int cancelledCount) {

  record QueuedJob(long jobId, long projectId) {}
}
