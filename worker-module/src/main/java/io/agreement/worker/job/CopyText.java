package io.agreement.worker.job;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import org.postgresql.copy.CopyManager;

/** Values in PostgreSQL's COPY text format, and rows of it sent to a table. */
final class CopyText {

  private CopyText() {}

  /** Sends the rows, if any, to {@code target} ("table (columns)") and empties the buffer. */
  static void copyIn(CopyManager copy, String target, StringBuilder rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try {
      copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into " + target + " failed", e);
    }
    rows.setLength(0);
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "\\N";
  }

  static String jsonNumber(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "null";
  }
}
