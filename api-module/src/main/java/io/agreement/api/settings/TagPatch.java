package io.agreement.api.settings;

import static io.agreement.api.web.ApiException.badRequest;

import io.agreement.api.web.JsonBody;
import io.agreement.engine.TagSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PATCH dimensions/{control_tag}/ body. Only the fields in {@code given} change; a field sent as
 * null goes back to its default. Ranges and metric names are the engine's to judge.
 */
record TagPatch(
    Set<String> given,
    String metric,
    Double threshold,
    Double weight,
    List<String> excludedLabels,
    String alphaLevel) {

  static final String METRIC = "metric";
  static final String THRESHOLD = "threshold";
  static final String WEIGHT = "weight";
  static final String EXCLUDED_LABELS = "excluded_labels";
  static final String ALPHA_LEVEL = "alpha_level";
  static final String IS_ACTIVE = "is_active";

  static final double MAX_WEIGHT = TagSettings.MAX_WEIGHT;

  static final int MAX_LABELS = 1000;
  static final int MAX_TEXT = 500;
  private static final Set<String> FIELDS =
      Set.of(METRIC, THRESHOLD, WEIGHT, EXCLUDED_LABELS, ALPHA_LEVEL, IS_ACTIVE);

  /** {@code is_active} is LSE's word for a weight: false sets it to 0, true back to its default. */
  static TagPatch from(JsonMapper json, byte[] body) {
    JsonNode node = JsonBody.object(json, body, FIELDS);
    Set<String> given = new java.util.HashSet<>(node.propertyNames());
    Double weight = weight(node.get(WEIGHT));
    if (given.remove(IS_ACTIVE)) {
      weight = active(node) ? null : 0.0;
      given.add(WEIGHT);
    }
    return new TagPatch(
        Set.copyOf(given),
        name(METRIC, "a metric name such as \"exact_match\"", node.get(METRIC)),
        number(THRESHOLD, node.get(THRESHOLD)),
        weight,
        labels(node.get(EXCLUDED_LABELS)),
        name(ALPHA_LEVEL, "a level name such as \"ordinal\"", node.get(ALPHA_LEVEL)));
  }

  private static boolean active(JsonNode node) {
    if (node.has(WEIGHT)) {
      throw badRequest("Send weight or is_active, not both");
    }
    JsonNode value = node.get(IS_ACTIVE);
    if (!value.isBoolean()) {
      throw badRequest("is_active must be true or false, got " + JsonBody.preview(value));
    }
    return value.booleanValue();
  }

  boolean has(String field) {
    return given.contains(field);
  }

  private static String name(String field, String expected, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString() || value.stringValue().length() > MAX_TEXT) {
      throw badRequest(field + " must be " + expected + ", got " + JsonBody.preview(value));
    }
    return value.stringValue();
  }

  private static Double number(String field, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw badRequest(field + " must be a finite JSON number, got " + JsonBody.preview(value));
    }
    return value.doubleValue();
  }

  private static Double weight(JsonNode value) {
    Double weight = number(WEIGHT, value);
    if (weight != null && weight > MAX_WEIGHT) {
      throw badRequest(
          "weight must be at most " + (long) MAX_WEIGHT + ", got " + JsonBody.preview(value));
    }
    return weight;
  }

  private static List<String> labels(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray() || value.size() > MAX_LABELS) {
      throw badRequest(
          "excluded_labels must be a list of at most "
              + MAX_LABELS
              + " label names, got "
              + JsonBody.preview(value));
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode label : value.values()) {
      if (!label.isString() || label.stringValue().length() > MAX_TEXT) {
        throw badRequest(
            "excluded_labels must contain only label names (strings of at most "
                + MAX_TEXT
                + " characters), got "
                + JsonBody.preview(label));
      }
      labels.add(label.stringValue());
    }
    return labels.stream().distinct().toList();
  }
}
