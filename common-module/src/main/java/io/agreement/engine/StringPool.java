package io.agreement.engine;

import tools.jackson.core.JsonParser;

/**
 * Shares the strings that repeat in every result (tag names, item types, labels, choices): fewer
 * allocations while parsing, and equal labels become the same instance, which {@code equals}
 * answers at once. A direct-mapped table of fixed size, so it never grows: a collision only costs a
 * new string.
 */
final class StringPool {

  private static final int SIZE = 4096;
  private static final int LONGEST = 64;

  private final String[] table = new String[SIZE];

  /** The string value the parser stands at. */
  String of(JsonParser p) {
    int length = p.getStringLength();
    if (length > LONGEST) {
      return p.getString();
    }
    char[] chars = p.getStringCharacters();
    int offset = p.getStringOffset();
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + chars[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
    String pooled = table[slot];
    if (pooled == null || !sameChars(pooled, chars, offset, length)) {
      pooled = new String(chars, offset, length);
      table[slot] = pooled;
    }
    return pooled;
  }

  private static boolean sameChars(String s, char[] chars, int offset, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
