package io.agreement.api.web;

import java.util.Collection;
import java.util.OptionalLong;

/** Query parameters parsed with answers that name the parameter and the value it got. */
public final class QueryParams {

  private static final int NAMES_SHOWN = 20;

  private QueryParams() {}

  public static OptionalLong positiveId(String name, String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(wholeNumber(name, value, 1, Integer.MAX_VALUE));
  }

  public static long wholeNumber(String name, String value, long min, long max) {
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.badRequest(
        "Query parameter '"
            + name
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + ", got '"
            + abbreviate(value)
            + "'");
  }

  /** Names for an error's detail: the first 20, then "...", or "none". */
  public static String someNames(Collection<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    String shown = String.join(", ", names.stream().limit(NAMES_SHOWN).toList());
    return names.size() > NAMES_SHOWN ? shown + ", ..." : shown;
  }

  public static String abbreviate(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
  }
}
