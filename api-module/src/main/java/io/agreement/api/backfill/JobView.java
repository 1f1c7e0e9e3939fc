package io.agreement.api.backfill;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A job as the API shows it. */
@Schema(name = "BackfillJob")
record JobView(
    long jobId,
    long projectId,
    long organizationId,
    @Schema(allowableValues = {"PENDING", "QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"})
        String status,
    Instant createdAt,
    @Nullable Instant queuedAt,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable String errorMessage,
    int attempts,
    @JsonRawValue @Schema(implementation = ProgressData.class) String progressData,
    @Nullable TriggeredBy triggeredBy,
    @Nullable String workerId) {

  record TriggeredBy(long id, @Nullable String email) {}

  /** The job's progress counters; a worker may add counters of its own. */
  record ProgressData(
      long tasksTotal, long tasksProcessed, long annotationsProcessed, long matricesCreated) {}
}
