package io.agreement.common.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versions up to 0.1 kept Flyway's history in Label Studio's schema ({@code public}) and had two
 * migrations that touched Label Studio's tables (V1 created them where missing, V4 added a role
 * column and defaults). Now everything the service owns lives in schema {@code agreement}: on the
 * first start of this version the old history table is moved there, and Flyway's repair marks those
 * two migrations, which no longer exist, as deleted. What V4 did to an existing table is left as it
 * is (the README says how to undo it); nothing is changed in Label Studio's tables now.
 */
final class LegacyHistory {

  private static final Logger log = LoggerFactory.getLogger(LegacyHistory.class);

  private LegacyHistory() {}

  static void adopt(Connection connection, Flyway flyway) throws SQLException {
    String table = flyway.getConfiguration().getTable();
    String schema = flyway.getConfiguration().getDefaultSchema();
    if (exists(connection, schema, table) || !isOurs(connection, "public", table)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE SCHEMA IF NOT EXISTS %s; ALTER TABLE public.%s SET SCHEMA %s"
              .formatted(quote(schema), quote(table), quote(schema)));
    }
    log.info(
        "Moved the migration history of an earlier version from schema public to {}; repairing it",
        schema);
    flyway.repair();
  }

  private static boolean exists(Connection connection, String schema, String table)
      throws SQLException {
    return ask(
        connection,
        "SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?)) IS NOT NULL",
        schema,
        table);
  }

  /** A Flyway history whose migration 2 created this service's schema. */
  private static boolean isOurs(Connection connection, String schema, String table)
      throws SQLException {
    if (!exists(connection, schema, table)) {
      return false;
    }
    return ask(
        connection,
        "SELECT EXISTS (SELECT 1 FROM %s.%s WHERE version = ? AND description = ? AND success)"
            .formatted(quote(schema), quote(table)),
        "2",
        "agreement schema");
  }

  private static boolean ask(Connection connection, String sql, String... args)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
