package io.agreement.worker.job;

import java.sql.Timestamp;

/**
 * A task's ground truth as its annotations stream by: the counted {@code ground_truth} annotation
 * updated last, then the highest id (SPEC 8).
 */
final class GroundTruthPick {

  private Long annotationId;
  private Timestamp updatedAt;

  void offer(long annotationId, boolean groundTruth, Timestamp updatedAt) {
    if (!groundTruth) {
      return;
    }
    boolean later =
        this.annotationId == null
            || compare(updatedAt, this.updatedAt) > 0
            || (compare(updatedAt, this.updatedAt) == 0 && annotationId > this.annotationId);
    if (later) {
      this.annotationId = annotationId;
      this.updatedAt = updatedAt;
    }
  }

  /** Null when the task has none. */
  Long pick() {
    return annotationId;
  }

  void reset() {
    annotationId = null;
    updatedAt = null;
  }

  private static int compare(Timestamp a, Timestamp b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }
}
