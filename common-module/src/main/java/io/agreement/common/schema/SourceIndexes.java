package io.agreement.common.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
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
   *     lookup by that column; the few rows it finds are sorted cheaply); otherwise an index whose
   *     leading columns are these columns, in this order, does
   */
  record Index(String name, String table, String columns, boolean leadingColumnEnough) {

    List<String> columnList() {
      return Arrays.stream(columns.split(",")).map(String::trim).toList();
    }

    List<String> coveringPrefix() {
      return leadingColumnEnough ? columnList().subList(0, 1) : columnList();
    }
  }

  /**
   * Label Studio 1.23 has an equivalent of each of them already; older installs may not. Earlier
   * versions of the service named them without the prefix; those serve as well and are kept.
   */
  static final List<Index> INDEXES =
      List.of(
          new Index(
              "agreement_member_user_org_idx",
              "organizations_organizationmember",
              "user_id, organization_id",
              true),
          new Index("agreement_project_org_idx", "project", "organization_id, id", true),
          // Tasks are streamed in id order per project.
          new Index("agreement_task_project_idx", "task", "project_id, id", false),
          // Annotations are read by task, whatever their own project_id says (rows loaded from
          // elsewhere may leave it empty).
          new Index("agreement_task_completion_task_idx", "task_completion", "task_id, id", true));

  private static final Logger log = LoggerFactory.getLogger(SourceIndexes.class);
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

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
        if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
          log.warn(
              "Cannot build index {} on {} ({}): the service's database role does not own the"
                  + " table. Reads of it will be slower; have its owner run: {}",
              index.name(),
              index.table(),
              index.columns(),
              createStatement(index));
          continue;
        }
        throw new FlywayException(
            "Cannot build index " + index.name() + " on " + index.table() + ": " + e.getMessage(),
            e);
      }
    }
  }

  private static void ensure(Connection connection, Index index) throws SQLException {
    Boolean valid = validity(connection, index.name());
    if (Boolean.TRUE.equals(valid) || (valid == null && equivalentExists(connection, index))) {
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
      statement.execute(createStatement(index));
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

  static String createStatement(Index index) {
    return "CREATE INDEX CONCURRENTLY %s ON %s (%s)"
        .formatted(index.name(), index.table(), index.columns());
  }

  /** Whether a valid, complete B-tree index on the table starts with the index's key columns. */
  private static boolean equivalentExists(Connection connection, Index index) throws SQLException {
    List<String> prefix = index.coveringPrefix();
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            SELECT count(*) FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace s ON s.oid = t.relnamespace
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am am ON am.oid = c.relam
            WHERE t.relname = ? AND s.nspname = current_schema()
              AND i.indisvalid AND i.indpred IS NULL AND am.amname = 'btree'
              AND i.indnkeyatts >= cardinality(?::text[])
              AND (SELECT array_agg(a.attname::text ORDER BY k.n)
                   FROM unnest((i.indkey::int2[])[0:cardinality(?::text[]) - 1]) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum)
                  = ?::text[]
            """)) {
      Array columns = connection.createArrayOf("text", prefix.toArray());
      ps.setString(1, index.table());
      ps.setArray(2, columns);
      ps.setArray(3, columns);
      ps.setArray(4, columns);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
