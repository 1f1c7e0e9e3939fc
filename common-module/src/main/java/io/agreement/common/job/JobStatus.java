package io.agreement.common.job;

import java.util.Optional;

/** Lifecycle of a backfill job; the names are the wire and database values. */
public enum JobStatus {
  /** Row written, message not yet confirmed by the broker. */
  PENDING,
  /** Message confirmed by the broker. */
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public static Optional<JobStatus> parse(String value) {
    for (JobStatus status : values()) {
      if (status.name().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
