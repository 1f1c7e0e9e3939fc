package io.agreement.api.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names a Grafana dashboard's PromQL uses, exactly as written in the expressions (a
 * histogram's {@code _bucket} series stays {@code ..._bucket}), so that each can be looked up in a
 * live {@code /actuator/prometheus} scrape.
 *
 * <p>Panels whose title starts with {@value #BROKER_PANEL_PREFIX} show metrics of the RabbitMQ
 * broker's own Prometheus plugin, which no application exposes: {@link #metricNames(Path)} leaves
 * them out and {@link #brokerMetricNames(Path)} returns them.
 */
public final class DashboardMetrics {

  /** Title prefix of the panels that show broker (rabbitmq_prometheus plugin) metrics. */
  public static final String BROKER_PANEL_PREFIX = "Broker:";

  /**
   * Words that are never metric names even where they are not followed by "(": PromQL keywords,
   * functions and aggregations, and the label names this project uses.
   */
  private static final Set<String> NOT_METRICS =
      Set.of(
          // keywords and binary operators
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "and",
          "or",
          "unless",
          "atan2",
          "inf",
          "nan",
          "start",
          "end",
          // aggregations and functions
          "sum",
          "avg",
          "min",
          "max",
          "count",
          "count_values",
          "topk",
          "bottomk",
          "quantile",
          "stddev",
          "stdvar",
          "group",
          "limitk",
          "limit_ratio",
          "rate",
          "irate",
          "increase",
          "delta",
          "idelta",
          "deriv",
          "histogram_quantile",
          "clamp",
          "clamp_min",
          "clamp_max",
          "vector",
          "scalar",
          "time",
          "timestamp",
          "abs",
          "ceil",
          "floor",
          "round",
          "sqrt",
          "exp",
          "ln",
          "log2",
          "log10",
          "absent",
          "absent_over_time",
          "changes",
          "resets",
          "sort",
          "sort_desc",
          "label_replace",
          "label_join",
          "avg_over_time",
          "min_over_time",
          "max_over_time",
          "sum_over_time",
          "count_over_time",
          "last_over_time",
          "quantile_over_time",
          "predict_linear",
          // label names
          "le",
          "instance",
          "application",
          "outcome",
          "status",
          "queue",
          "state",
          "job",
          "mode",
          "result",
          "reason",
          "area",
          "id",
          "uri",
          "method");

  private static final Pattern STRING =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern GRAFANA_VARIABLE =
      Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
  private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
  private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^{}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\[\\]]*]");
  private static final Pattern LABEL_LIST =
      Pattern.compile(
          "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.:])[a-zA-Z_:][\\w:]*(?![\\w:])");

  private DashboardMetrics() {}

  /** Metric names in every panel but the broker panels, exactly as written in the PromQL. */
  public static Set<String> metricNames(Path dashboardJson) {
    return names(dashboardJson, false);
  }

  /** Metric names in the broker panels (titles starting with {@value #BROKER_PANEL_PREFIX}). */
  public static Set<String> brokerMetricNames(Path dashboardJson) {
    return names(dashboardJson, true);
  }

  /** Every PromQL expression of the dashboard by panel title, rows' nested panels included. */
  public static Map<String, List<String>> expressionsByPanel(Path dashboardJson) {
    JsonNode dashboard;
    try {
      dashboard = JsonMapper.shared().readTree(Files.readString(dashboardJson));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    collect(dashboard.path("panels"), result);
    return result;
  }

  /** The metric names one PromQL expression selects, in sorted order. */
  public static Set<String> metricNamesIn(String promql) {
    String s = GRAFANA_VARIABLE.matcher(promql).replaceAll(" ");
    s = STRING.matcher(s).replaceAll(" ");
    s = COMMENT.matcher(s).replaceAll(" ");
    s = LABEL_MATCHERS.matcher(s).replaceAll(" ");
    s = RANGE.matcher(s).replaceAll(" ");
    s = LABEL_LIST.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String word = m.group();
      if (NOT_METRICS.contains(word.toLowerCase()) || followedByParenthesis(s, m.end())) {
        continue;
      }
      names.add(word);
    }
    return names;
  }

  private static Set<String> names(Path dashboardJson, boolean broker) {
    Set<String> names = new TreeSet<>();
    expressionsByPanel(dashboardJson)
        .forEach(
            (title, exprs) -> {
              if (title.startsWith(BROKER_PANEL_PREFIX) == broker) {
                exprs.forEach(expr -> names.addAll(metricNamesIn(expr)));
              }
            });
    return names;
  }

  private static void collect(JsonNode panels, Map<String, List<String>> result) {
    for (JsonNode panel : panels) {
      List<String> exprs = new ArrayList<>();
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asString("");
        if (!expr.isBlank()) {
          exprs.add(expr);
        }
      }
      if (!exprs.isEmpty()) {
        result
            .computeIfAbsent(panel.path("title").asString(""), t -> new ArrayList<>())
            .addAll(exprs);
      }
      collect(panel.path("panels"), result);
    }
  }

  private static boolean followedByParenthesis(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '(';
      }
    }
    return false;
  }
}
