package io.agreement.worker.job;

/** PostgreSQL array literals, for a parameter cast to an array type. */
public final class PgArrays {

  private PgArrays() {}

  public static String of(long[] values) {
    StringBuilder out = new StringBuilder(values.length * 8 + 2).append('{');
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ",").append(values[i]);
    }
    return out.append('}').toString();
  }

  static String of(String[] values) {
    StringBuilder out = new StringBuilder(values.length * 12 + 2).append('{');
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "\"" : ",\"");
      String v = values[i];
      for (int c = 0; c < v.length(); c++) {
        char ch = v.charAt(c);
        if (ch == '"' || ch == '\\') {
          out.append('\\');
        }
        out.append(ch);
      }
      out.append('"');
    }
    return out.append('}').toString();
  }
}
