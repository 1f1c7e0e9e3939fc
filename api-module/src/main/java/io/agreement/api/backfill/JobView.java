package io.agreement.api.backfill;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** A job as the API shows it. */
record JobView(
    long jobId,
    long projectId,
    long organizationId,
    String status,
    Instant createdAt,
    Instant queuedAt,
    Instant startedAt,
    Instant completedAt,
    String errorMessage,
    int attempts,
    @JsonRawValue String progressData,
    TriggeredBy triggeredBy,
    String workerId) {

  record TriggeredBy(long id, String email) {}
}
