package io.agreement.api.web;

import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code page} and {@code page_size} as Django REST framework's page-number pagination reads them.
 */
public record Paging(long page, int size) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 500;
  static final int MAX_PAGE = 1_000_000;

  /**
   * A {@code page_size} above 500 is capped at 500, as Django REST framework caps it; one beyond a
   * 32-bit integer is refused as nonsense.
   */
  public static Paging parse(String page, String pageSize) {
    return new Paging(
        page == null ? 1 : QueryParams.wholeNumber("page", page, 1, MAX_PAGE),
        pageSize == null
            ? DEFAULT_SIZE
            : (int)
                Math.min(
                    MAX_SIZE,
                    QueryParams.wholeNumber("page_size", pageSize, 1, Integer.MAX_VALUE)));
  }

  public long offset() {
    return (page - 1) * size;
  }

  /**
   * A page past the last is a 404, as Django REST framework answers; the first page always exists.
   */
  public void requireWithin(long count, String items) {
    if (page > 1 && offset() >= count) {
      throw ApiException.notFound(
          "Invalid page " + page + ": " + count + " " + items + ", " + size + " per page");
    }
  }

  /** This page of {@code count} items, with links to its neighbours in the current request. */
  public <T> Page<T> page(long count, List<T> results) {
    return new Page<>(
        count,
        page * size < count ? link(page + 1) : null,
        page > 1 ? link(page - 1) : null,
        results);
  }

  private static String link(long page) {
    return ServletUriComponentsBuilder.fromCurrentRequest()
        .replaceQueryParam("page", page)
        .toUriString();
  }
}
