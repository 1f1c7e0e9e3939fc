package io.agreement.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An annotator's agreement: the mean score of the pairs it took part in, across the project, always
 * pairwise; pairs of two annotations by the same user are left out (SPEC 4.3, 4.3a).
 *
 * @param scoreSum sum of the overall (weighted) pair scores
 * @param pairs pairs in that sum
 * @param perTag per tag name, in config order
 */
public record AnnotatorSummary(
    long userId, double scoreSum, long pairs, Map<String, PairSum> perTag) {

  public AnnotatorSummary {
    perTag = Collections.unmodifiableMap(new LinkedHashMap<>(perTag));
  }

  /** Null when the annotator shares no pair with anyone (or every weight is 0). */
  public Double agreement() {
    return pairs == 0 ? null : scoreSum / pairs;
  }
}
