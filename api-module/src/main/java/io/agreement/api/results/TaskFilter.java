package io.agreement.api.results;

import static io.agreement.api.web.ApiException.badRequest;

import io.agreement.api.web.QueryParams;
import java.math.BigDecimal;

/**
 * The query of GET agreement/tasks/: min and max bound the overall score, or the score of
 * {@code controlTag} when one is named; both inclusive.
 */
record TaskFilter(String controlTag, Double min, Double max, long page, int pageSize) {

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;
  static final int MAX_PAGE = 1_000_000;

  static TaskFilter parse(String controlTag, String min, String max, String page, String pageSize) {
    Double low = score("min", min);
    Double high = score("max", max);
    if (low != null && high != null && low > high) {
      throw badRequest("min (" + low + ") must not be greater than max (" + high + ")");
    }
    return new TaskFilter(controlTag, low, high,
        page == null ? 1 : QueryParams.wholeNumber("page", page, 1, MAX_PAGE),
        pageSize == null ? DEFAULT_PAGE_SIZE
            : (int) QueryParams.wholeNumber("page_size", pageSize, 1, MAX_PAGE_SIZE));
  }

  long offset() {
    return (page - 1) * pageSize;
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
    throw badRequest("Query parameter '" + name + "' must be a number from 0 to 1, got '"
        + QueryParams.abbreviate(value) + "'");
  }
}
