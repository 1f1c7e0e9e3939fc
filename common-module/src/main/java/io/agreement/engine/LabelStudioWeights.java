package io.agreement.engine;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tag weights a Label Studio project already carries in {@code project.control_weights} ({@code
 * {"<tag>": {"overall": 0.5, "type": ..., "labels": {...}}}}): a tag's {@code overall} is its
 * default weight, which the service's own per-tag settings may override. Per-label weights are not
 * part of SPEC 4 and are not read.
 */
public final class LabelStudioWeights {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LabelStudioWeights() {}

  /**
   * The usable {@code overall} weights by tag name. Written by another application, so anything
   * that is not a finite number from 0 to 1,000,000 is left out (the tag keeps weight 1) rather
   * than failing the project; so is a value that is not JSON at all.
   */
  public static Map<String, Double> parse(String controlWeights) {
    Map<String, Double> weights = new HashMap<>();
    if (controlWeights == null || controlWeights.isBlank()) {
      return weights;
    }
    JsonNode root;
    try {
      root = JSON.readTree(controlWeights);
    } catch (JacksonException e) {
      return weights;
    }
    if (root == null || !root.isObject()) {
      return weights;
    }
    for (Map.Entry<String, JsonNode> tag : root.properties()) {
      JsonNode overall = tag.getValue().get("overall");
      if (overall != null && overall.isNumber()) {
        double weight = overall.doubleValue();
        if (Double.isFinite(weight) && weight >= 0 && weight <= TagSettings.MAX_WEIGHT) {
          weights.put(tag.getKey(), weight);
        }
      }
    }
    return weights;
  }
}
