package io.agreement.common.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes the service reads Label Studio's tables by, built with {@code CREATE INDEX
 * CONCURRENTLY}: on a live Label Studio database a plain build would hold off every annotation save
 * for as long as it scans {@code task_completion}.
 *
 * <p>Checked at every start rather than as a versioned migration, because it is idempotent and a
 * concurrent build can fail half-way (leaving an INVALID index): a failed start then leaves no
 * failed Flyway history behind, and the next start drops the leftover and builds it again. On
 * {@code task_completion}, the table every annotation save writes, an index Label Studio already
 * has on {@code task_id} is used instead of adding a second one.
 */
final class SourceIndexes {

  /**
   * An index to have.
   *
   * @param leadingColumnEnough whether any valid index led by the same column serves as well (a
   *     lookup by that column; the few rows it finds are sorted cheaply)
   */
  record Index(String name, String table, String columns, boolean leadingColumnEnough) {

    String leadingColumn() {
      return columns.split(",")[0].trim();
    }
  }

  static final List<Index> INDEXES =
      List.of(
          new Index(
              "organizationmember_user_org_idx",
              "organizations_organizationmember",
              "user_id, organization_id",
              false),
          new Index("project_organization_idx", "project", "organization_id, id", false),
          // Tasks are streamed in id order per project.
          new Index("task_project_idx", "task", "project_id, id", false),
          // Annotations are read by task, whatever their own project_id says (rows loaded from
          // elsewhere may leave it empty).
          new Index("task_completion_task_idx", "task_completion", "task_id, id", true));

  private static final Logger log = LoggerFactory.getLogger(SourceIndexes.class);

  private SourceIndexes() {}

  /**
   * Builds what is missing, on a connection in auto-commit mode (no transaction may be open).
   *
   * @throws FlywayException naming the index that could not be built
   */
  static void ensure(Connection connection) {
    for (Index index : INDEXES) {
      try {
        ensure(connection, index);
      } catch (SQLException e) {
        dropIfInvalid(connection, index);
        throw new FlywayException(
            "Cannot build index " + index.name() + " on " + index.table() + ": " + e.getMessage(),
            e);
      }
    }
  }

  private static void ensure(Connection connection, Index index) throws SQLException {
    Boolean valid = validity(connection, index.name());
    if (Boolean.TRUE.equals(valid)
        || (valid == null
            && index.leadingColumnEnough()
            && leadingColumnIndexed(connection, index))) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      if (valid != null) {
        log.info("Dropping index {}, left invalid by an interrupted build", index.name());
        statement.execute("DROP INDEX CONCURRENTLY " + index.name());
      }
      log.info(
          "Building index {} on {} ({}) concurrently; writes to the table go on meanwhile",
          index.name(),
          index.table(),
          index.columns());
      statement.execute(
          "CREATE INDEX CONCURRENTLY %s ON %s (%s)"
              .formatted(index.name(), index.table(), index.columns()));
    }
  }

  private static void dropIfInvalid(Connection connection, Index index) {
    try (Statement statement = connection.createStatement()) {
      if (Boolean.FALSE.equals(validity(connection, index.name()))) {
        statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index.name());
      }
    } catch (SQLException e) {
      log.warn("Could not drop the invalid index {}: {}", index.name(), e.getMessage());
    }
  }

  /** Whether the index exists in the current schema and is usable; null when there is none. */
  private static Boolean validity(Connection connection, String name) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            SELECT i.indisvalid FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_namespace s ON s.oid = c.relnamespace
            WHERE c.relname = ? AND s.nspname = current_schema()
            """)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }

  /** Whether a valid, complete B-tree index on the table starts with the index's first column. */
  private static boolean leadingColumnIndexed(Connection connection, Index index)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            SELECT count(*) FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace s ON s.oid = t.relnamespace
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am am ON am.oid = c.relam
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
            WHERE t.relname = ? AND s.nspname = current_schema()
              AND a.attname = ? AND i.indisvalid AND i.indpred IS NULL AND am.amname = 'btree'
            """)) {
      ps.setString(1, index.table());
      ps.setString(2, index.leadingColumn());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
