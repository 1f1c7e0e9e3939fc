package io.agreement.api.web;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Column readers the repositories share. */
public final class Columns {

  private Columns() {}

  /** A nullable timestamptz column. */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  /** A nullable integer[] column without NULL elements, as longs; null for a NULL array. */
  public static long[] longs(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return null;
    }
    Integer[] values = (Integer[]) array.getArray();
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** A nullable double precision[] column; null for a NULL array. */
  public static Double[] doubles(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? null : (Double[]) array.getArray();
  }
}
