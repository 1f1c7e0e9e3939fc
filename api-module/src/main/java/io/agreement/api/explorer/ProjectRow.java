package io.agreement.api.explorer;

import java.time.Instant;

/**
 * One project as the explorer lists it: its last results ({@code agreement} and {@code
 * tasks_scored} null before the first backfill) and its latest job, whatever that job's state.
 */
record ProjectRow(
    long projectId,
    String title,
    Double agreement,
    Integer tasksScored,
    Instant computedAt,
    boolean backfilled,
    boolean stale,
    Long latestJobId,
    String latestJobStatus) {}
