package io.agreement.api.results;

import static io.agreement.api.web.ApiException.badRequest;

import io.agreement.api.web.Paging;
import io.agreement.api.web.QueryParams;
import java.math.BigDecimal;

/**
 * The query of GET agreement/tasks/: min and max bound the overall score, or the score of {@code
 * controlTag} when one is named; both inclusive.
 */
record TaskFilter(String controlTag, Double min, Double max, Paging paging) {

  static TaskFilter parse(String controlTag, String min, String max, String page, String pageSize) {
    Double low = score("min", min);
    Double high = score("max", max);
    if (low != null && high != null && low > high) {
      throw badRequest("min (" + low + ") must not be greater than max (" + high + ")");
    }
    return new TaskFilter(controlTag, low, high, Paging.parse(page, pageSize));
  }

  /** Plain decimals only: Java's own parser would also take NaN, Infinity, hex and 1d. */
  private static Double score(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      BigDecimal parsed = new BigDecimal(value.trim());
      if (parsed.compareTo(BigDecimal.ZERO) >= 0 && parsed.compareTo(BigDecimal.ONE) <= 0) {
        return parsed.doubleValue();
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw badRequest(
        "Query parameter '"
            + name
            + "' must be a number from 0 to 1, got '"
            + QueryParams.abbreviate(value)
            + "'");
  }
}
