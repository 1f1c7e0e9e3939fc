package io.agreement.worker.sweep;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep's cluster-wide mutex: a PostgreSQL session advisory lock, taken without waiting on a
 * connection held for the whole pass and released before the connection goes back to the pool (a
 * session lock outlives the borrower of a pooled connection). A connection that cannot release it
 * is evicted from the pool, which ends its session and the lock with it.
 */
final class SweepLock {

  /** The lock's key, shared by every process on the database: "agreement sweep". */
  static final long KEY = 0x6167_7265_7377_6570L;

  /** The pass to run with the lock, on the connection that holds it. */
  interface Pass<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final Logger log = LoggerFactory.getLogger(SweepLock.class);

  private final DataSource dataSource;

  SweepLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs the pass when no other process holds the lock; empty when one does.
   *
   * @throws SQLException when the database cannot be reached or the pass fails
   */
  <T> Optional<T> runExclusive(Pass<T> pass) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      if (!call(connection, "SELECT pg_try_advisory_lock(?)")) {
        return Optional.empty();
      }
      try {
        return Optional.ofNullable(pass.run(connection));
      } finally {
        release(connection);
      }
    }
  }

  private void release(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
      if (!call(connection, "SELECT pg_advisory_unlock(?)")) {
        log.warn("The sweep lock was not held at the end of the pass");
      }
    } catch (SQLException e) {
      log.warn("Could not release the sweep lock, closing its connection: {}", e.getMessage());
      evict(connection);
    }
  }

  private void evict(Connection connection) {
    if (dataSource instanceof HikariDataSource hikari) {
      hikari.evictConnection(connection);
    } else {
      try {
        connection.abort(Runnable::run);
      } catch (SQLException e) {
        log.warn("Could not close the sweep lock's connection: {}", e.getMessage());
      }
    }
  }

  private static boolean call(Connection connection, String sql) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, KEY);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
