package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The indexes the service reads Label Studio's tables by, built with {@code CREATE INDEX
 * CONCURRENTLY}: on a live Label Studio database a plain build would hold off every annotation save
 * for as long as it scans {@code task_completion}.
 *
 * <p>Runs outside a transaction, as {@code CONCURRENTLY} must. An index a killed start left
 * half-built (INVALID) is dropped and built again; a valid one is kept, so a database that got
 * these indexes from an earlier version of the V1 and V4 migrations has nothing to do here. On
 * {@code task_completion}, the table every annotation save writes, an index Label Studio already
 * has on {@code task_id} is used instead of adding one.
 */
public class V7__Source_table_indexes_built_concurrently extends BaseJavaMigration {

  /**
   * An index to have.
   *
   * @param leadingColumnEnough whether any valid index led by the same column serves as well (a
   *     lookup by that column; the few rows it finds are sorted cheaply), so that a table Label
   *     Studio already indexes is not given a second index to keep up on every write
   */
  private record Index(String name, String table, String columns, boolean leadingColumnEnough) {

    String leadingColumn() {
      return columns.split(",")[0].trim();
    }
  }

  private static final List<Index> INDEXES =
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
          // elsewhere may leave it empty). Label Studio's own index on task_id is enough.
          new Index("task_completion_task_idx", "task_completion", "task_id, id", true));

  @Override
  public boolean canExecuteInTransaction() {
    return false;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      for (Index index : INDEXES) {
        Boolean valid = validity(connection, index.name());
        if (Boolean.TRUE.equals(valid)
            || (valid == null
                && index.leadingColumnEnough()
                && leadingColumnIndexed(connection, index))) {
          continue;
        }
        if (valid != null) {
          statement.execute("DROP INDEX CONCURRENTLY " + index.name());
        }
        statement.execute(
            "CREATE INDEX CONCURRENTLY %s ON %s (%s)"
                .formatted(index.name(), index.table(), index.columns()));
      }
    } finally {
      connection.setAutoCommit(autoCommit);
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
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am am ON am.oid = c.relam
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
            WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace
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

  /** Whether the index exists in the current schema and is usable; null when there is none. */
  private static Boolean validity(Connection connection, String name) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            SELECT i.indisvalid FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace
            """)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }
}
