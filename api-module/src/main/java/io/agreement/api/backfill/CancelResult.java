package io.agreement.api.backfill;

import java.util.List;

/** The answer to DELETE /api/dimensions/backfill/: the jobs that were active and are cancelled. */
record CancelResult(int cancelledCount, String message, List<Long> jobIds) {

  static CancelResult of(List<Long> cancelled) {
    return new CancelResult(
        cancelled.size(),
        "Successfully cancelled " + cancelled.size() + " Agreement V2 backfill job(s)",
        cancelled);
  }
}
