package io.agreement.worker.job;

/** Why a running job should stop at its next chunk boundary, set from other threads. */
final class JobSignal {

  private volatile boolean cancelled;
  private volatile boolean handBack;

  void cancel() {
    cancelled = true;
  }

  void handBack() {
    handBack = true;
  }

  boolean cancelled() {
    return cancelled;
  }

  boolean shouldStop() {
    return cancelled || handBack;
  }
}
