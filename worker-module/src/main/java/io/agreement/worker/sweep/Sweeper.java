package io.agreement.worker.sweep;

import io.agreement.common.live.DirtyMarks;
import io.agreement.common.live.LiveProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the sweep, the reconciliation and the re-publishing of refresh requests, each when due, at
 * most one process at a time across all workers ({@link SweepLock}). Each method is one steppable
 * pass: empty when another process holds the lock. {@link #run} is what the schedule calls: a
 * database or broker outage is logged and retried on the next tick.
 */
final class Sweeper {

  /**
   * What one tick did; null where that part was not due.
   *
   * @param republished refresh requests published again
   */
  record Tick(Sweep.Result sweep, Reconciliation.Result reconcile, int republished) {}

  private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

  /**
   * Requests whose refresh has not started (the worker deletes the row when it starts it), and
   * projects with marks (dirty tasks or deleted annotations) but no request (its end found none
   * pending in a race with a new mark).
   */
  private static final String UNSTARTED =
      """
      SELECT project_id FROM agreement.refresh_request
      WHERE coalesce(published_at, requested_at) < clock_timestamp() - CAST(? AS interval)
      UNION
      SELECT DISTINCT d.project_id FROM (
        SELECT project_id, last_marked_at FROM agreement.dirty_task
        UNION ALL
        SELECT project_id, marked_at FROM agreement.deleted_annotation) AS d (project_id, marked)
      WHERE d.marked < clock_timestamp() - CAST(? AS interval)
        AND NOT EXISTS (SELECT 1 FROM agreement.refresh_request r WHERE r.project_id = d.project_id)
      ORDER BY 1
      """;

  private final SweepLock lock;
  private final SweepState state;
  private final Sweep sweep;
  private final Reconciliation reconciliation;
  private final DirtyMarks marks;
  private final LiveProperties props;
  private final SweepMetrics metrics;

  Sweeper(
      SweepLock lock,
      JdbcClient jdbc,
      Sweep sweep,
      Reconciliation reconciliation,
      DirtyMarks marks,
      LiveProperties props,
      SweepMetrics metrics) {
    this.lock = lock;
    this.state = new SweepState(jdbc);
    this.sweep = sweep;
    this.reconciliation = reconciliation;
    this.marks = marks;
    this.props = props;
    this.metrics = metrics;
  }

  /** The scheduled tick: never throws. */
  void run() {
    try {
      tick();
    } catch (SQLException | DataAccessException e) {
      metrics.failed();
      log.warn("Sweep pass failed, will retry: {}", e.getMessage());
    } catch (RuntimeException e) {
      metrics.failed();
      log.warn("Sweep pass failed, will retry", e);
    }
  }

  /** Sweeps and reconciles where due, then re-publishes what waits too long. */
  Optional<Tick> tick() throws SQLException {
    return lock.runExclusive(
        c -> {
          SweepState.Due due = state.due(props.sweepInterval(), props.reconcileInterval());
          Sweep.Result swept = due.sweep() ? sweep(c, due) : null;
          Reconciliation.Result reconciled = due.reconcile() ? reconcile(c, due) : null;
          return new Tick(swept, reconciled, republish(c));
        });
  }

  /** A sweep now, due or not. */
  Optional<Sweep.Result> sweep() throws SQLException {
    return lock.runExclusive(
        c -> sweep(c, state.due(props.sweepInterval(), props.reconcileInterval())));
  }

  /** A reconciliation now, due or not. */
  Optional<Reconciliation.Result> reconcile() throws SQLException {
    return lock.runExclusive(
        c -> reconcile(c, state.due(props.sweepInterval(), props.reconcileInterval())));
  }

  /** Re-publishing of waiting refresh requests now. */
  Optional<Integer> republish() throws SQLException {
    return lock.runExclusive(this::republish);
  }

  private Sweep.Result sweep(Connection c, SweepState.Due due) throws SQLException {
    long started = System.nanoTime();
    Sweep.Result result = sweep.run(c, due.watermark(), due.now());
    state.swept(due.now(), result.watermark());
    metrics.swept(result, Duration.ofNanos(System.nanoTime() - started));
    if (result.changed() > 0) {
      log.info(
          "Sweep: {} of {} recently updated task(s) changed, marked dirty",
          result.changed(),
          result.examined());
    }
    return result;
  }

  private Reconciliation.Result reconcile(Connection c, SweepState.Due due) throws SQLException {
    long started = System.nanoTime();
    Reconciliation.Result result = reconciliation.run(c);
    state.reconciled(due.now());
    metrics.reconciled(result, Duration.ofNanos(System.nanoTime() - started));
    if (result.changed() > 0) {
      log.info(
          "Reconciliation: {} task(s) in {} scored project(s) changed without a timestamp,"
              + " marked dirty",
          result.changed(),
          result.projects());
    }
    return result;
  }

  private int republish(Connection c) throws SQLException {
    List<Long> projects = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(UNSTARTED)) {
      ps.setString(1, props.republishAfter().toMillis() + " milliseconds");
      ps.setString(2, props.republishAfter().toMillis() + " milliseconds");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          projects.add(rs.getLong(1));
        }
      }
    }
    projects.forEach(marks::requestIfMarked);
    metrics.republished(projects.size());
    return projects.size();
  }
}
