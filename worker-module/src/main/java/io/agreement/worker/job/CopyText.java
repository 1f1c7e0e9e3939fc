package io.agreement.worker.job;

/** Values in PostgreSQL's COPY text format. */
final class CopyText {

  private CopyText() {}

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
