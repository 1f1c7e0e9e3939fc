package io.agreement.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything PostgreSQL knows about the tables of one schema: every column with its type,
 * nullability, default, identity and generation, every constraint, index and trigger, and the
 * tables themselves. Two snapshots are equal exactly when nothing in that schema was added, altered
 * or dropped.
 */
public final class Catalog {

  private static final String QUERY =
      """
      SELECT 'table ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      UNION ALL
      SELECT format('column %s.%s %s null=%s default=%s identity=%s generated=%s',
                    table_name, column_name, data_type || coalesce('(' || character_maximum_length || ')', ''),
                    is_nullable, column_default, identity_generation, generation_expression)
      FROM information_schema.columns WHERE table_schema = :schema
      UNION ALL
      SELECT format('constraint %s on %s: %s', con.conname, c.relname, pg_get_constraintdef(con.oid))
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema
      UNION ALL
      SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = :schema
      UNION ALL
      SELECT format('trigger %s on %s', t.tgname, c.relname)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = :schema AND NOT t.tgisinternal
      ORDER BY 1
      """;

  private Catalog() {}

  public static List<String> of(TestServices.Environment env, String schema) {
    try (Connection c =
            DriverManager.getConnection(
                env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword());
        PreparedStatement ps = c.prepareStatement(QUERY.replace(":schema", "?"))) {
      for (int i = 1; i <= 5; i++) {
        ps.setString(i, schema);
      }
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
