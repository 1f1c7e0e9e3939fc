package io.agreement.worker.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A project's results are written by one backfill or one refresh at a time: a session advisory lock
 * on the writer's connection, held across its transactions and released before the connection goes
 * back to the pool (a session lock would outlive the borrower otherwise).
 */
public final class ProjectLock {

  private static final int NAMESPACE = 7010;

  private ProjectLock() {}

  /** Waits for the lock. */
  static void lock(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
      ps.setInt(1, NAMESPACE);
      ps.setInt(2, Math.toIntExact(projectId));
      ps.execute();
    }
  }

  /**
   * Waits at most {@code wait} for the lock: false when a backfill or another refresh of the
   * project held it all that time.
   */
  public static boolean lock(Connection c, long projectId, Duration wait) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL lock_timeout = " + Math.max(1, wait.toMillis()));
      lock(c, projectId);
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      if ("55P03".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Releases it; a broken connection has released it already, as PostgreSQL ends the session. */
  public static void unlock(Connection c, long projectId) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
        ps.setInt(1, NAMESPACE);
        ps.setInt(2, Math.toIntExact(projectId));
        ps.execute();
      }
    } catch (SQLException e) {
      // The connection is gone, and the lock with its session.
    }
  }
}
