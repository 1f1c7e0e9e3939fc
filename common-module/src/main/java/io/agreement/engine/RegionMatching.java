package io.agreement.engine;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Greedy matching both ways (SPEC 4.2, 4.3a): every region takes its best score among the other
 * side's regions with the same label, partners may be shared, and the pair score is the mean of all
 * those best scores.
 */
abstract class RegionMatching<R extends Region> implements TagComparison {

  private final IntFunction<R[]> arrays;

  RegionMatching(IntFunction<R[]> arrays) {
    this.arrays = arrays;
  }

  /** Symmetric in its arguments to the last bit, so that pair scores are symmetric too. */
  abstract double similarity(R a, R b);

  @Override
  public Object combine(List<Object> regions) {
    return regions.toArray(arrays);
  }

  @Override
  public double score(Object a, Object b) {
    R[] left = cast(a);
    R[] right = cast(b);
    double[] rightBest = new double[right.length];
    double leftSum = 0;
    for (R region : left) {
      double best = 0;
      for (int j = 0; j < right.length; j++) {
        if (region.label.equals(right[j].label)) {
          double s = similarity(region, right[j]);
          best = Math.max(best, s);
          rightBest[j] = Math.max(rightBest[j], s);
        }
      }
      leftSum += best;
    }
    double rightSum = 0;
    for (double best : rightBest) {
      rightSum += best;
    }
    return (leftSum + rightSum) / (left.length + right.length);
  }

  @SuppressWarnings("unchecked")
  private R[] cast(Object regions) {
    return (R[]) regions;
  }
}
