package io.agreement.api.explorer;

import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import java.util.Map;

/** An {@code ordering} of the project list: a column name, {@code -} first for descending. */
record ProjectSort(String column, boolean descending) {

  /** API names to SQL expressions; nothing from the request reaches the SQL but these. */
  private static final Map<String, String> COLUMNS =
      Map.of(
          "id", "p.id",
          "title", "lower(p.title)",
          "agreement", "pa.agreement",
          "tasks_scored", "pa.tasks_scored",
          "computed_at", "pa.computed_at",
          "status", "l.status");

  static final ProjectSort DEFAULT = new ProjectSort("p.id", false);

  static ProjectSort parse(String ordering) {
    if (ordering == null || ordering.isBlank()) {
      return DEFAULT;
    }
    String name = ordering.trim();
    boolean descending = name.startsWith("-");
    String column = COLUMNS.get(descending ? name.substring(1) : name);
    if (column == null) {
      throw ApiException.badRequest(
          "ordering must be one of "
              + QueryParams.someNames(COLUMNS.keySet().stream().sorted().toList())
              + " (with - first for descending), got '"
              + QueryParams.abbreviate(ordering)
              + "'");
    }
    return new ProjectSort(column, descending);
  }

  /** Missing scores and never-run projects go last either way; the id breaks ties. */
  String orderBy() {
    return column + (descending ? " DESC" : " ASC") + " NULLS LAST, p.id";
  }
}
