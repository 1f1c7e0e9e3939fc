package io.agreement.worker.job;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running job, written by the job thread and read by the heartbeat. */
public final class Progress {

  final AtomicLong tasksTotal = new AtomicLong();
  final AtomicLong tasksProcessed = new AtomicLong();
  final AtomicLong annotationsProcessed = new AtomicLong();
  final AtomicLong annotationsSkipped = new AtomicLong();
  final AtomicLong resultItemsSkipped = new AtomicLong();
  final AtomicLong matricesCreated = new AtomicLong();

  /** Skips logged so far; only the job thread touches it. */
  int skipsLogged;

  String toJson() {
    return "{\"tasks_total\":"
        + tasksTotal.get()
        + ",\"tasks_processed\":"
        + tasksProcessed.get()
        + ",\"annotations_processed\":"
        + annotationsProcessed.get()
        + ",\"annotations_skipped\":"
        + annotationsSkipped.get()
        + ",\"result_items_skipped\":"
        + resultItemsSkipped.get()
        + ",\"matrices_created\":"
        + matricesCreated.get()
        + "}";
  }
}
