package io.agreement.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes whose score is not yet readable, per task in commit order, and the lag of those that
 * became readable. A change is readable once the task's stored fingerprint equals the one Label
 * Studio's rows had right after it (no stored row for a task left without counted annotations), or
 * equals that of a later change of the same task: the score then reflects it and more.
 */
final class LagTracker {

  /**
   * One committed change.
   *
   * @param task the task it changed
   * @param fingerprint the task's fingerprint right after it; null when no counted annotation is
   *     left
   * @param committedAt {@link System#nanoTime()} just after its commit
   */
  record Change(long task, String fingerprint, long committedAt) {}

  private final Map<Long, ArrayDeque<Change>> pending = new HashMap<>();
  private final List<Long> lags = new ArrayList<>();
  private int pendingCount;

  synchronized void committed(Change change) {
    pending.computeIfAbsent(change.task(), t -> new ArrayDeque<>()).addLast(change);
    pendingCount++;
  }

  synchronized long[] pendingTasks() {
    return pending.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Resolves what a read of the stored fingerprints shows.
   *
   * @param tasks the tasks read
   * @param stored their stored fingerprints; a task missing here has no stored row
   * @param readAt {@link System#nanoTime()} when the read started; later commits are not judged
   * @return how many changes became readable
   */
  synchronized int observed(long[] tasks, Map<Long, String> stored, long readAt) {
    int resolved = 0;
    for (long task : tasks) {
      ArrayDeque<Change> changes = pending.get(task);
      if (changes == null) {
        continue;
      }
      int upTo = lastMatch(changes, stored.get(task), readAt);
      for (int i = 0; i <= upTo; i++) {
        lags.add(readAt - changes.removeFirst().committedAt());
        resolved++;
      }
      if (changes.isEmpty()) {
        pending.remove(task);
      }
    }
    pendingCount -= resolved;
    return resolved;
  }

  private static int lastMatch(ArrayDeque<Change> changes, String fingerprint, long readAt) {
    int index = 0;
    int last = -1;
    for (Iterator<Change> it = changes.iterator(); it.hasNext(); index++) {
      Change change = it.next();
      if (change.committedAt() > readAt) {
        break;
      }
      if (Objects.equals(change.fingerprint(), fingerprint)) {
        last = index;
      }
    }
    return last;
  }

  synchronized int pendingCount() {
    return pendingCount;
  }

  /** The lags of the readable changes, in nanoseconds. */
  synchronized long[] lags() {
    return lags.stream().mapToLong(Long::longValue).toArray();
  }
}
