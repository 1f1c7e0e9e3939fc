package io.agreement.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Every kind of value the result writers send in binary COPY, as PostgreSQL reads it back. */
class BinaryCopyIT {

  private static HikariDataSource dataSource;

  @BeforeAll
  static void database() {
    dataSource = Migrations.migratedPool(TestServices.isolatedEnvironment(), 2);
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  private static final String TABLE =
      """
      CREATE TEMP TABLE IF NOT EXISTS t (i integer, b bigint, f double precision, x text, v varchar(20),
          j jsonb, y bytea, ts timestamptz, ok boolean, ia integer[], fa double precision[],
          ta text[])
      """;

  private static BinaryCopy copy() {
    return new BinaryCopy("t (i, b, f, x, v, j, y, ts, ok, ia, fa, ta)", 12);
  }

  private static String read(Connection c) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT concat_ws('|', i, b, f, x, v, j, encode(y, 'hex'),"
                    + " to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), ok,"
                    + " ia, fa, ta, array_length(ia, 1), array_length(ta, 1))"
                    + " FROM t ORDER BY i")) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void values_nulls_and_arrays_arrive_as_written() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute(TABLE);
      c.createStatement().execute("TRUNCATE t");
      CopyManager manager = c.unwrap(PGConnection.class).getCopyAPI();
      BinaryCopy rows = copy();
      rows.row()
          .int4(-7)
          .int8(Long.MAX_VALUE)
          .float8(0.1 + 0.2)
          .text("tab\there \"quoted\" back\\slash, {braces} NULL")
          .text("ünïcødé ✓")
          .jsonb("{\"a\": [1, 2.5, null]}")
          .bytea(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff})
          .timestamptz(Instant.parse("1999-12-31T23:59:59.999999Z"))
          .bool(true)
          .int4Array(new long[] {3, -1, 2147483647})
          .float8Array(new double[] {1.5, Double.NaN, -0.0, 1e-300}, 4)
          .textArray(new String[] {"a,b", "NULL", "", "x\"y"});
      rows.row()
          .int4(1)
          .int8(0)
          .float8(Double.NaN)
          .nullValue()
          .nullValue()
          .nullValue()
          .bytea(new byte[0])
          .timestamptz(Instant.parse("2026-12-01T10:00:00.000001Z"))
          .bool(false)
          .int4Array(new long[0])
          .float8Array(null, 2)
          .textArray(new String[0]);
      assertThat(rows.rows()).isEqualTo(2);
      rows.send(manager);
      assertThat(rows.rows()).isZero();

      assertThat(read(c))
          .isEqualTo(
              "-7|9223372036854775807|0.30000000000000004"
                  + "|tab\there \"quoted\" back\\slash, {braces} NULL|ünïcødé ✓"
                  + "|{\"a\": [1, 2.5, null]}|0001feff|1999-12-31 23:59:59.999999|t"
                  + "|{3,-1,2147483647}|{1.5,NULL,-0,1e-300}|{\"a,b\",\"NULL\",\"\",\"x\\\"y\"}"
                  + "|3|4\n"
                  // concat_ws leaves the NULLs out; the empty bytea is an empty string
                  + "1|0||2026-12-01 10:00:00.000001|f|{}|{NULL,NULL}|{}\n");
    }
  }

  @Test
  void a_buffer_grows_past_its_first_size_and_is_reused_after_a_send() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute(TABLE);
      c.createStatement().execute("TRUNCATE t");
      CopyManager manager = c.unwrap(PGConnection.class).getCopyAPI();
      BinaryCopy rows = copy();
      String big = "x".repeat(100_000);
      for (int round = 0; round < 2; round++) {
        rows.row()
            .int4(round)
            .int8(round)
            .float8(round)
            .text(big)
            .nullValue()
            .nullValue()
            .nullValue()
            .nullValue()
            .nullValue()
            .nullValue()
            .nullValue()
            .nullValue();
        rows.send(manager);
      }
      try (ResultSet rs =
          c.createStatement().executeQuery("SELECT count(*), min(length(x)) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getInt(2)).isEqualTo(100_000);
      }
    }
  }

  @Test
  void a_value_of_the_wrong_type_is_refused_by_postgresql_and_nothing_is_written()
      throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute("CREATE TEMP TABLE w (i integer)");
      CopyManager manager = c.unwrap(PGConnection.class).getCopyAPI();
      BinaryCopy rows = new BinaryCopy("w (i)", 1);
      rows.row().int8(1);
      assertThatThrownBy(() -> rows.send(manager)).isInstanceOf(SQLException.class);
      try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM w")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void an_integer_past_the_int4_range_is_an_error_before_anything_is_sent() {
    assertThatThrownBy(() -> copy().row().int4(1L << 31)).isInstanceOf(ArithmeticException.class);
  }
}
