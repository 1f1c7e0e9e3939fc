package io.agreement.engine;

/** Reading numbers from strings without paying for an exception on every non-number. */
final class Numbers {

  private Numbers() {}

  static double parseOrNaN(String s) {
    return looksNumeric(s) ? Double.parseDouble(s.trim()) : Double.NaN;
  }

  /** Optional sign, digits with at most one point, optional exponent: what parseDouble takes. */
  static boolean looksNumeric(String s) {
    String t = s.trim();
    int i = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
    int mantissaStart = i;
    boolean point = false;
    boolean digit = false;
    for (; i < t.length() && t.charAt(i) != 'e' && t.charAt(i) != 'E'; i++) {
      char c = t.charAt(i);
      if (c == '.' && !point) {
        point = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        return false;
      }
    }
    return digit && i > mantissaStart && (i == t.length() || isExponent(t, i + 1));
  }

  private static boolean isExponent(String t, int from) {
    int i = from < t.length() && (t.charAt(from) == '-' || t.charAt(from) == '+') ? from + 1 : from;
    if (i >= t.length()) {
      return false;
    }
    for (; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
