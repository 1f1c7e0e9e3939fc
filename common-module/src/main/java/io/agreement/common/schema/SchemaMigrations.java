package io.agreement.common.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date so that any number of API and worker instances may start at the same
 * moment against one database: the history of earlier versions moved into schema {@code agreement}
 * ({@link LegacyHistory}), the Flyway migrations, then the indexes on Label Studio's tables ({@link
 * SourceIndexes}).
 *
 * <p>One instance at a time migrates, under a PostgreSQL advisory lock: moving the history and
 * repairing it must not race another instance's migration, and two instances creating schema {@code
 * agreement} and its history table at once would fail one of them. Waiting instances poll for that
 * lock with short statements instead of blocking in one: a statement left waiting keeps a
 * transaction open, and {@code CREATE INDEX CONCURRENTLY} in the migrating instance would wait for
 * that transaction for ever.
 */
public final class SchemaMigrations {

  /** The advisory lock key, one bigint: distinct from the service's (int, int) locks. */
  static final long LOCK_KEY = 0x4167_7265_656d_4d69L;

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private SchemaMigrations() {}

  /**
   * Migrates once this instance holds the migration lock; returns what Flyway did.
   *
   * @throws FlywayException if a migration or an index build fails, or the database cannot be
   *     reached
   */
  public static MigrateResult migrate(Flyway flyway) {
    return migrate(flyway, true);
  }

  /**
   * As {@link #migrate(Flyway)}; {@code sourceIndexes} false leaves Label Studio's tables without
   * the indexes the service would add ({@code AGREEMENT_SOURCE_INDEXES=false}).
   */
  public static MigrateResult migrate(Flyway flyway, boolean sourceIndexes) {
    DataSource dataSource = flyway.getConfiguration().getDataSource();
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(true);
      acquire(lock);
      try {
        LegacyHistory.adopt(lock, flyway);
        MigrateResult result = flyway.migrate();
        if (sourceIndexes) {
          SourceIndexes.ensure(lock);
        } else {
          log.info("AGREEMENT_SOURCE_INDEXES=false: no index is added to Label Studio's tables");
        }
        log.info(
            "Schema migrations done under the migration lock: {} applied, schema at version {}",
            result.migrationsExecuted,
            result.targetSchemaVersion != null ? result.targetSchemaVersion : "unchanged");
        return result;
      } finally {
        release(lock);
      }
    } catch (SQLException e) {
      throw new FlywayException("Cannot take the schema migration lock: " + e.getMessage(), e);
    }
  }

  private static void acquire(Connection lock) throws SQLException {
    long started = System.nanoTime();
    long reported = started;
    while (!tryLock(lock)) {
      long now = System.nanoTime();
      if (now - reported >= REPORT_EVERY.toNanos()) {
        log.info(
            "Waiting for another instance to finish the schema migrations ({} s so far)",
            Duration.ofNanos(now - started).toSeconds());
        reported = now;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FlywayException("Interrupted while waiting for the schema migration lock");
      }
    }
  }

  private static boolean tryLock(Connection lock) throws SQLException {
    try (PreparedStatement ps = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, LOCK_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * Never throws, so that it cannot hide why the migration failed. If the lock cannot be released,
   * the connection is aborted: its session ends, and the lock with it, instead of going back to the
   * pool still holding it.
   */
  private static void release(Connection lock) {
    try (PreparedStatement ps = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      ps.setLong(1, LOCK_KEY);
      ps.execute();
    } catch (SQLException e) {
      log.warn("Cannot release the schema migration lock, closing its session: {}", e.getMessage());
      try {
        lock.abort(Runnable::run);
      } catch (SQLException | RuntimeException abort) {
        log.warn("Cannot abort the migration lock's connection: {}", abort.getMessage());
      }
    }
  }
}
