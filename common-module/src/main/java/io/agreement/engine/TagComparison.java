package io.agreement.engine;

import java.util.List;

/**
 * One metric applied to one tag: turns an annotation's result items into a compact form once, then
 * scores pairs of those forms (SPEC 4.2).
 */
interface TagComparison {

  /** What one result item contributes, copied out of the reused item; null for nothing. */
  Object region(ItemValue item);

  /** The annotation's compact form from its regions in result order; never empty. */
  Object combine(List<Object> regions);

  /** The pair score of two annotations that both have regions; symmetric, in [0, 1]. */
  double score(Object a, Object b);

  /** SPEC 4.2: no region on both sides agrees, on one side disagrees. */
  default double pairScore(Object a, Object b) {
    if (a == null || b == null) {
      return a == b ? 1 : 0;
    }
    return score(a, b);
  }

  static TagComparison of(ControlTag tag, Metric metric) {
    String type = tag.type();
    return switch (metric) {
      case EXACT_MATCH -> new ExactMatch();
      case JACCARD -> new Jaccard("Taxonomy".equals(type));
      case NUMERIC_DIFFERENCE -> new NumericDifference(type);
      case IOU -> new IntersectionOverUnion(type.startsWith("Polygon"));
      case SPAN_OVERLAP -> new SpanOverlap(type, tag.objectType());
      case KEYPOINT_DISTANCE -> new KeypointDistance();
      case TEXT_SIMILARITY -> new TextSimilarity();
    };
  }
}
