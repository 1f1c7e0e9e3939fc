package io.agreement.api.statistics;

import io.agreement.api.web.Csv;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET agreement/statistics/?format=csv}: one row per control tag with every coefficient, its
 * standard error where Gwet's formula gives one, its 95% interval and the diagnostics' codes.
 */
final class StatisticsCsv {

  private static final List<String> ESTIMATES =
      List.of("percent_agreement", "krippendorff_alpha", "fleiss_kappa", "gwet_ac1");

  static final String HEADER =
      "control_tag,type,n_units,n_raters,"
          + "percent_agreement,percent_agreement_ci_low,percent_agreement_ci_high,"
          + "krippendorff_alpha,krippendorff_alpha_ci_low,krippendorff_alpha_ci_high,"
          + "alpha_level,alpha_distance,n_pairable_values,"
          + "fleiss_kappa,fleiss_kappa_ci_low,fleiss_kappa_ci_high,fleiss_kappa_se,"
          + "gwet,gwet_ci_low,gwet_ci_high,gwet_se,gwet_coefficient,diagnostics\n";

  private StatisticsCsv() {}

  static String of(ProjectStatisticsView view) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (JsonNode tag : view.controlTags()) {
      List<String> cells = new ArrayList<>();
      cells.add(Csv.quoted(tag.path("name").asString("")));
      cells.add(Csv.quoted(tag.path("type").asString("")));
      cells.add(tag.path("n_units").asString(""));
      cells.add(tag.path("n_raters").asString(""));
      for (String name : ESTIMATES) {
        JsonNode estimate = tag.path(name);
        cells.add(number(estimate.path("value")));
        cells.add(number(estimate.path("ci95").path(0)));
        cells.add(number(estimate.path("ci95").path(1)));
        if (name.equals("krippendorff_alpha")) {
          cells.add(Csv.quoted(estimate.path("level").asString("")));
          cells.add(Csv.quoted(estimate.path("distance").asString("")));
          cells.add(estimate.path("n_pairable_values").asString(""));
        } else if (!name.equals("percent_agreement")) {
          cells.add(number(estimate.path("se")));
        }
      }
      cells.add(Csv.quoted(tag.path("gwet_ac1").path("coefficient").asString("")));
      List<String> codes = new ArrayList<>();
      tag.path("diagnostics").forEach(d -> codes.add(d.path("code").asString("")));
      cells.add(Csv.quoted(String.join(";", codes)));
      csv.append(String.join(",", cells)).append('\n');
    }
    return csv.toString();
  }

  private static String number(JsonNode value) {
    return value.isNumber() ? Csv.number(value.asDouble()) : "";
  }
}
