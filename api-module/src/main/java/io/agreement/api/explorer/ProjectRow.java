package io.agreement.api.explorer;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One project as the explorer lists it: its last results ({@code agreement} and {@code
 * tasks_scored} null before the first backfill) and its latest job, whatever that job's state.
 */
record ProjectRow(
    long projectId,
    @Nullable String title,
    @Nullable Double agreement,
    @Nullable Integer tasksScored,
    @Nullable Instant computedAt,
    boolean backfilled,
    boolean stale,
    @Nullable Long latestJobId,
    @Nullable String latestJobStatus) {}
