package io.agreement.api.settings;

import io.agreement.api.settings.DimensionIds.DimensionRow;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.JsonBody;
import io.agreement.engine.ControlTag;
import io.agreement.engine.DeclaredValues;
import io.agreement.engine.InvalidLabelConfigException;
import io.agreement.engine.LabelConfig;
import io.agreement.engine.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dimensions as Label Studio Enterprise's Dimension serializer shapes them, each also carrying the
 * service's own settings fields (SPEC 8): {@code metric_type} is the metric, {@code metric_params}
 * its threshold, {@code is_active} a weight above 0.
 */
final class DimensionObjects {

  private static final Set<String> CATEGORICAL = Set.of("Choices", "Taxonomy", "Rating", "Number");

  private final EffectiveSettings effective;
  private final DimensionIds ids;

  DimensionObjects(EffectiveSettings effective, DimensionIds ids) {
    this.effective = effective;
    this.ids = ids;
  }

  /** Every control tag of the current config, in config order; none when it cannot be read. */
  List<Map<String, Object>> list(ScopedProject project) {
    LabelConfig config = config(project);
    if (config == null) {
      return new ArrayList<>();
    }
    List<Dimension> dimensions = effective.dimensions(project, config);
    Map<String, DimensionRow> rows =
        ids.ensure(project.id(), dimensions.stream().map(Dimension::name).toList());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int order = 0; order < dimensions.size(); order++) {
      Dimension d = dimensions.get(order);
      ControlTag tag = config.controlTag(d.name()).orElseThrow();
      objects.add(object(project, d, tag, rows.get(d.name()), order));
    }
    return objects;
  }

  /** One dimension as the detail call answers it: the list item plus {@code created_by}. */
  Map<String, Object> detail(ScopedProject project, String controlTag) {
    Map<String, Object> found =
        list(project).stream()
            .filter(d -> controlTag.equals(d.get("name")))
            .findFirst()
            .orElseThrow(() -> notInConfig(project, controlTag));
    found.put("created_by", null);
    return found;
  }

  private Map<String, Object> object(
      ScopedProject project, Dimension d, ControlTag tag, DimensionRow row, int order) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", row.id());
    o.put("project", project.id());
    o.put("name", d.name());
    o.put("description", d.type() + " from <" + d.type() + " name=\"" + d.name() + "\">");
    o.put("control_tag", d.name());
    o.put("extraction_method", d.type().toLowerCase());
    o.put("extraction_method_params", Map.of());
    o.put("metric_type", d.metric());
    o.put("metric_params", Map.of("threshold", d.threshold()));
    o.put("allowed_metrics_with_params", allowedMetrics(d));
    o.put("is_active", d.weight() > 0);
    o.put("is_categorical", CATEGORICAL.contains(d.type()));
    o.put("is_user_defined", false);
    o.put("order", order);
    List<String> values = DeclaredValues.of(project.labelConfig(), tag);
    o.put("values_enum", values.isEmpty() ? null : values);
    o.put("created_at", row.createdAt());
    o.put("updated_at", row.updatedAt());
    o.put("type", d.type());
    o.put("metric", d.metric());
    o.put("allowed_metrics", d.allowedMetrics());
    o.put("threshold", d.threshold());
    o.put("weight", d.weight());
    o.put("excluded_labels", d.excludedLabels());
    o.put("alpha_level", d.alphaLevel());
    o.put("allowed_alpha_levels", d.allowedAlphaLevels());
    return o;
  }

  private static Map<String, Object> allowedMetrics(Dimension d) {
    Map<String, Object> allowed = new LinkedHashMap<>();
    for (String name : d.allowedMetrics()) {
      double threshold = Metric.fromApiName(name).orElseThrow().defaultThreshold();
      allowed.put(name, Map.of("threshold", Map.of("type", "number", "default", threshold)));
    }
    return allowed;
  }

  private static LabelConfig config(ScopedProject project) {
    try {
      return LabelConfig.parse(project.labelConfig());
    } catch (InvalidLabelConfigException e) {
      return null;
    }
  }

  static ApiException notInConfig(ScopedProject project, String name) {
    return ApiException.notFound(
        "Dimension '"
            + JsonBody.preview(name)
            + "' is not a control tag of the label config of project "
            + project.id());
  }
}
