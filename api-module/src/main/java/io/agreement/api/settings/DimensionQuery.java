package io.agreement.api.settings;

import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import io.agreement.engine.Methodology;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of GET dimensions/ as the SDK sends it: {@code agreement_methodology} (checked; every
 * metric is allowed under both), {@code is_active}, and {@code ordering} by a field, {@code -} for
 * descending.
 */
record DimensionQuery(Boolean active, String orderBy, boolean descending) {

  private static final Set<String> ORDERABLE =
      Set.of("id", "order", "name", "created_at", "updated_at");

  static DimensionQuery parse(String methodology, String isActive, String ordering) {
    if (methodology != null && Methodology.fromApiName(methodology).isEmpty()) {
      throw ApiException.badRequest(
          "agreement_methodology must be \"pairwise\" or \"consensus\", got '"
              + QueryParams.abbreviate(methodology)
              + "'");
    }
    Boolean active = isActive == null ? null : bool(isActive);
    String field = ordering == null ? "order" : ordering.trim();
    boolean descending = field.startsWith("-");
    field = descending ? field.substring(1) : field;
    if (!ORDERABLE.contains(field)) {
      throw ApiException.badRequest(
          "ordering must be one of "
              + String.join(", ", ORDERABLE.stream().sorted().toList())
              + " (with - for descending), got '"
              + QueryParams.abbreviate(ordering)
              + "'");
    }
    return new DimensionQuery(active, field, descending);
  }

  List<Map<String, Object>> apply(List<Map<String, Object>> dimensions) {
    Comparator<Map<String, Object>> order =
        Comparator.comparing(d -> String.valueOf(d.get(orderBy)));
    if (orderBy.equals("id") || orderBy.equals("order")) {
      order = Comparator.comparingLong(d -> ((Number) d.get(orderBy)).longValue());
    }
    return dimensions.stream()
        .filter(d -> active == null || active.equals(d.get("is_active")))
        .sorted(descending ? order.reversed() : order)
        .toList();
  }

  private static boolean bool(String value) {
    return switch (value.trim().toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw ApiException.badRequest(
              "is_active must be true or false, got '" + QueryParams.abbreviate(value) + "'");
    };
  }
}
