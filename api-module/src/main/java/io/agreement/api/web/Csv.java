package io.agreement.api.web;

/** Values of the CSV exports, safe to open in a spreadsheet. */
public final class Csv {

  private Csv() {}

  /** Empty for a missing or non-finite number. */
  public static String number(Double value) {
    return value == null || !Double.isFinite(value) ? "" : Double.toString(value);
  }

  /** Quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused. */
  public static String quoted(String value) {
    String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
    if (safe.matches("(?s).*[\",\\r\\n].*")) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
