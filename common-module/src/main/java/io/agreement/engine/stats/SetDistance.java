package io.agreement.engine.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How far apart two sets of categories are, for Krippendorff's alpha over multi-select answers.
 * Both are 0 for equal sets and 1 for disjoint ones; two empty sets are equal.
 */
public enum SetDistance {
  /** 1 - |A and B| / |A or B|. */
  JACCARD,
  /**
   * Passonneau (2006), "Measuring Agreement on Set-valued Items (MASI) for Semantic and Pragmatic
   * Annotation": 1 - Jaccard * monotonicity, where monotonicity is 1 for equal sets, 2/3 when one
   * contains the other, 1/3 when they only overlap and 0 when they are disjoint.
   */
  MASI;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SetDistance> fromApiName(String name) {
    return Arrays.stream(values()).filter(d -> d.apiName().equals(name)).findFirst();
  }

  public double between(Set<String> a, Set<String> b) {
    if (a.equals(b)) {
      return 0;
    }
    long common = a.stream().filter(b::contains).count();
    double jaccard = (double) common / (a.size() + b.size() - common);
    return 1 - (this == JACCARD ? jaccard : jaccard * monotonicity(a, b, common));
  }

  private static double monotonicity(Set<String> a, Set<String> b, long common) {
    if (common == 0) {
      return 0;
    }
    return common == a.size() || common == b.size() ? 2.0 / 3 : 1.0 / 3;
  }
}
