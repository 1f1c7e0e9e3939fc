package io.agreement.worker.sweep;

import io.agreement.common.labelstudio.LabelStudioChanges;
import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One sweep (SPEC 9): the tasks whose {@code updated_at} is past the watermark less the overlap
 * (Label Studio bumps it on every annotation save and single delete), each compared with the
 * fingerprint it was scored with; only those that differ are marked, per project. Projects saved in
 * the same window have their config checked. The tasks are streamed through a cursor, so a large
 * backlog (an import, an outage) is read in bounded memory.
 *
 * <p>The first sweep of a database (no watermark yet) starts at the database's current time less
 * the overlap: a fresh install does not mark everything Label Studio ever changed; what predates it
 * is a backfill's job. The watermark becomes the greatest {@code updated_at} seen, never later than
 * the sweep's start by the database's clock (a timestamp in the future would otherwise hide every
 * change until then) and never moving backwards.
 */
final class Sweep {

  /**
   * What a sweep did.
   *
   * @param examined tasks read in the window
   * @param changed tasks found changed and marked
   * @param projectsChecked projects whose config was checked
   * @param watermark the new watermark
   */
  record Result(long examined, long changed, int projectsChecked, Instant watermark) {}

  private final DirtyMarks marks;
  private final ConfigChanges configs;
  private final Duration overlap;
  private final int batch;

  Sweep(DirtyMarks marks, ConfigChanges configs, Duration overlap, int batch) {
    this.marks = marks;
    this.configs = configs;
    this.overlap = overlap;
    this.batch = batch;
  }

  /**
   * Sweeps on {@code connection} (in auto-commit mode; left so).
   *
   * @param watermark the current watermark, null before the first sweep
   * @param now the database's time at the start of the pass
   */
  Result run(Connection connection, Instant watermark, Instant now) throws SQLException {
    Instant since = (watermark == null ? now : watermark).minus(overlap);
    Instant newest = watermark == null ? now : watermark;
    MarkBuffer changed = new MarkBuffer(marks, DirtyMarks.Source.SWEEP, batch);
    long examined = 0;
    connection.setAutoCommit(false);
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioChanges.SWEEP)) {
      ps.setFetchSize(batch);
      ps.setObject(1, Timestamps.utc(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          examined++;
          long task = rs.getLong(1);
          long project = rs.getLong(2);
          boolean linked = !rs.wasNull();
          newest = later(newest, Timestamps.instant(rs, 3));
          if (linked && rs.getBoolean(4)) {
            changed.add(project, task);
          }
          long scoredIn = rs.getLong(5);
          if (!rs.wasNull()) {
            changed.add(scoredIn, task);
          }
        }
      }
      connection.commit();
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
    changed.flush();
    List<Long> projects = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioChanges.PROJECTS_UPDATED)) {
      ps.setObject(1, Timestamps.utc(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          projects.add(rs.getLong(1));
          newest = later(newest, Timestamps.instant(rs, 2));
        }
      }
    }
    for (long project : projects) {
      configs.check(project);
    }
    Instant next = newest.isAfter(now) ? later(watermark, now) : newest;
    return new Result(examined, changed.found(), projects.size(), next);
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }
}
