package io.agreement.generate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads back, on a connection of its own, the stored fingerprints of the tasks with pending
 * changes, every poll interval; after the load it also watches the dirty marks, until none is left
 * and every change is readable (the drain) or the drain timeout passes.
 */
final class ScorePoller implements Runnable {

  private static final String STORED =
      "SELECT task_id, fingerprint FROM agreement.task_state WHERE task_id = ANY(?)";
  private static final String DIRTY = "SELECT count(*) FROM agreement.dirty_task";

  private final Connection connection;
  private final LagTracker tracker;
  private final long pollNanos;
  private final long drainTimeoutNanos;
  private volatile long loadEndedAt;
  private volatile long drainedAt;
  private volatile SQLException failure;

  ScorePoller(Connection connection, LagTracker tracker, Duration poll, Duration drainTimeout) {
    this.connection = connection;
    this.tracker = tracker;
    this.pollNanos = poll.toNanos();
    this.drainTimeoutNanos = drainTimeout.toNanos();
  }

  /** The load has stopped at this {@link System#nanoTime()}: the drain starts. */
  void loadEnded(long at) {
    loadEndedAt = at;
  }

  /** Seconds from the load's end until drained; negative when the timeout passed first. */
  double drainSeconds() {
    return drainedAt == 0 ? -1 : (drainedAt - loadEndedAt) / 1e9;
  }

  SQLException failure() {
    return failure;
  }

  @Override
  public void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long at = System.nanoTime();
        poll(at);
        long ended = loadEndedAt;
        if (ended != 0 && at > ended) {
          if (tracker.pendingCount() == 0 && dirtyMarks() == 0) {
            drainedAt = at;
            return;
          }
          if (at - ended > drainTimeoutNanos) {
            return;
          }
        }
        LockSupport.parkNanos(at + pollNanos - System.nanoTime());
      }
    } catch (SQLException e) {
      failure = e;
    }
  }

  private void poll(long at) throws SQLException {
    long[] tasks = tracker.pendingTasks();
    if (tasks.length == 0) {
      return;
    }
    Map<Long, String> stored = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(STORED)) {
      Integer[] boxed = Arrays.stream(tasks).mapToObj(t -> (int) t).toArray(Integer[]::new);
      Array ids = connection.createArrayOf("int4", boxed);
      ps.setArray(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    tracker.observed(tasks, stored, at);
  }

  private long dirtyMarks() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(DIRTY);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
