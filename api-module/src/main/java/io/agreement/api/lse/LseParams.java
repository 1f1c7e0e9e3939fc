package io.agreement.api.lse;

import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import java.util.ArrayList;
import java.util.List;

/** Query parameters as the SDK sends them: booleans as true/false, id lists comma-separated. */
final class LseParams {

  private LseParams() {}

  static boolean flag(String name, String value) {
    if (value == null) {
      return false;
    }
    return switch (value.trim().toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw ApiException.badRequest(
              "Query parameter '"
                  + name
                  + "' must be true or false, got '"
                  + QueryParams.abbreviate(value)
                  + "'");
    };
  }

  /** Null when absent: the caller means every one. */
  static List<Long> ids(String name, String value) {
    if (value == null) {
      return null;
    }
    List<Long> ids = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        ids.add(QueryParams.wholeNumber(name, part, 1, Integer.MAX_VALUE));
      }
    }
    if (ids.size() > 10_000) {
      throw ApiException.badRequest("Query parameter '" + name + "' lists more than 10000 ids");
    }
    return ids.stream().distinct().toList();
  }
}
