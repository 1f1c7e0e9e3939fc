package io.agreement.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How two annotations' regions for one tag are compared (SPEC 4.2). */
public enum Metric {
  EXACT_MATCH,
  JACCARD,
  NUMERIC_DIFFERENCE,
  IOU,
  SPAN_OVERLAP,
  KEYPOINT_DISTANCE,
  TEXT_SIMILARITY;

  private static final Map<String, Metric> DEFAULTS =
      Map.ofEntries(
          Map.entry("Choices", EXACT_MATCH),
          Map.entry("Taxonomy", EXACT_MATCH),
          Map.entry("Number", NUMERIC_DIFFERENCE),
          Map.entry("Rating", NUMERIC_DIFFERENCE),
          Map.entry("RectangleLabels", IOU),
          Map.entry("Rectangle", IOU),
          Map.entry("PolygonLabels", IOU),
          Map.entry("Polygon", IOU),
          Map.entry("Labels", SPAN_OVERLAP),
          Map.entry("HyperTextLabels", SPAN_OVERLAP),
          Map.entry("ParagraphLabels", SPAN_OVERLAP),
          Map.entry("TimeSeriesLabels", SPAN_OVERLAP),
          Map.entry("KeyPointLabels", KEYPOINT_DISTANCE),
          Map.entry("TextArea", TEXT_SIMILARITY));

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Metric> fromApiName(String s) {
    return Arrays.stream(values()).filter(m -> m.apiName().equals(s)).findFirst();
  }

  /** The bold default of SPEC 4.2; {@code exact_match} for types the table does not name. */
  public static Metric defaultFor(String tagType) {
    return DEFAULTS.getOrDefault(tagType, EXACT_MATCH);
  }

  /**
   * {@code exact_match} for every type, plus the metrics SPEC 4.2 lists for it; a KeyPoint without
   * labels, which SPEC 4.2 leaves at {@code exact_match}, may opt into {@code keypoint_distance}.
   */
  public static Set<Metric> allowedFor(String tagType) {
    Set<Metric> allowed = EnumSet.of(EXACT_MATCH, defaultFor(tagType));
    if ("Choices".equals(tagType) || "Taxonomy".equals(tagType)) {
      allowed.add(JACCARD);
    }
    if ("KeyPoint".equals(tagType)) {
      allowed.add(KEYPOINT_DISTANCE);
    }
    return Collections.unmodifiableSet(allowed);
  }

  /** SPEC 4.4: 0.85 for text similarity, 0.5 for everything else. */
  public double defaultThreshold() {
    return this == TEXT_SIMILARITY ? 0.85 : 0.5;
  }
}
