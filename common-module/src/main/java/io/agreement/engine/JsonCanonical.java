package io.agreement.engine;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A value as text that is equal for equal JSON: object keys sorted, numbers as doubles. Only for
 * value fields the engine does not know, so that exact match still compares them.
 */
final class JsonCanonical {

  private JsonCanonical() {}

  /** Consumes the value the parser stands at. */
  static String of(JsonParser p) {
    StringBuilder out = new StringBuilder();
    append(p, out);
    return out.toString();
  }

  private static void append(JsonParser p, StringBuilder out) {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> appendObject(p, out);
      case START_ARRAY -> appendArray(p, out);
      case VALUE_STRING -> quote(p.getString(), out);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(p.getDoubleValue());
      default -> out.append(token.asString());
    }
  }

  private static void appendObject(JsonParser p, StringBuilder out) {
    Map<String, String> entries = new TreeMap<>();
    String name;
    while ((name = p.nextName()) != null) {
      p.nextToken();
      entries.put(name, of(p));
    }
    out.append('{');
    entries.forEach((key, value) -> quote(key, out).append(':').append(value).append(','));
    out.append('}');
  }

  private static void appendArray(JsonParser p, StringBuilder out) {
    out.append('[');
    while (p.nextToken() != JsonToken.END_ARRAY) {
      append(p, out);
      out.append(',');
    }
    out.append(']');
  }

  static StringBuilder quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"');
  }
}
