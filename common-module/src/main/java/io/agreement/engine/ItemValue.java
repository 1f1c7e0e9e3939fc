package io.agreement.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fields of one result item, captured while streaming. Reused from item to item, so whatever a
 * comparison keeps must be copied out.
 */
final class ItemValue {

  static final char SEPARATOR = '\u001f';

  long annotationId;
  String fromName;
  String type;
  double originalWidth;
  double originalHeight;
  final List<String> choices = new ArrayList<>();
  final List<String> labels = new ArrayList<>();
  final List<String> text = new ArrayList<>();
  final List<List<String>> taxonomy = new ArrayList<>();
  final Map<String, String> others = new TreeMap<>();
  final double[] numbers = new double[Field.values().length];
  final String[] endpoints = new String[2];
  double[] points = new double[16];
  int pointCount;
  String datetime;

  /** The numeric fields a result value can carry; NaN when absent. */
  enum Field {
    X("x"),
    Y("y"),
    WIDTH("width"),
    HEIGHT("height"),
    ROTATION("rotation"),
    START("start"),
    END("end"),
    START_OFFSET("startOffset"),
    END_OFFSET("endOffset"),
    GLOBAL_START("globalOffsets.start"),
    GLOBAL_END("globalOffsets.end"),
    NUMBER("number"),
    RATING("rating");

    final String json;

    Field(String json) {
      this.json = json;
    }
  }

  void reset(long annotationId) {
    this.annotationId = annotationId;
    fromName = null;
    type = null;
    originalWidth = Double.NaN;
    originalHeight = Double.NaN;
    choices.clear();
    labels.clear();
    text.clear();
    taxonomy.clear();
    others.clear();
    Arrays.fill(numbers, Double.NaN);
    endpoints[0] = null;
    endpoints[1] = null;
    pointCount = 0;
    datetime = null;
  }

  double get(Field field) {
    return numbers[field.ordinal()];
  }

  /**
   * A Rating or Number item's value: the tag's own field, else the other one (results loaded from
   * elsewhere mix them up); NaN when it has neither.
   */
  double ratingOrNumber(Field own) {
    Field other = own == Field.RATING ? Field.NUMBER : Field.RATING;
    return has(own) || !has(other) ? get(own) : get(other);
  }

  boolean has(Field field) {
    return !Double.isNaN(numbers[field.ordinal()]);
  }

  double require(Field field) {
    double value = numbers[field.ordinal()];
    if (Double.isNaN(value)) {
      throw malformed("has no numeric value." + field.json);
    }
    return value;
  }

  void addPoint(double px, double py) {
    if (pointCount + 2 > points.length) {
      points = Arrays.copyOf(points, points.length * 2);
    }
    points[pointCount++] = px;
    points[pointCount++] = py;
  }

  /** Sorted labels joined: two regions have the same label when their keys are equal. */
  String labelKey() {
    if (labels.size() <= 1) {
      return labels.isEmpty() ? "" : labels.get(0);
    }
    List<String> sorted = new ArrayList<>(labels);
    Collections.sort(sorted);
    return String.join(String.valueOf(SEPARATOR), sorted);
  }

  /**
   * Drops excluded labels, choices and taxonomy paths through an excluded node.
   *
   * @return false when the item had some and all of them were excluded
   */
  boolean exclude(Set<String> excluded) {
    if (excluded.isEmpty()) {
      return true;
    }
    boolean hadAny = !choices.isEmpty() || !labels.isEmpty() || !taxonomy.isEmpty();
    choices.removeIf(excluded::contains);
    labels.removeIf(excluded::contains);
    taxonomy.removeIf(path -> path.stream().anyMatch(excluded::contains));
    return !hadAny || !choices.isEmpty() || !labels.isEmpty() || !taxonomy.isEmpty();
  }

  MalformedResultException malformed(String problem) {
    String item = fromName == null ? "a result item" : "result item for '" + fromName + "'";
    return new MalformedResultException(
        "annotation %d: %s %s".formatted(annotationId, item, problem));
  }
}
