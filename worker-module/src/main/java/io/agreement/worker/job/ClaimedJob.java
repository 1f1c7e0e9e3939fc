package io.agreement.worker.job;

/** A job this worker holds after a successful claim. */
record ClaimedJob(long jobId, long projectId, long organizationId, int attempts, String workerId) {}
