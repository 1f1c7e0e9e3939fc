package io.agreement.engine.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The task-level bootstrap: each resample draws as many tasks as the table has, with replacement,
 * and every statistic is computed again on it (from how often it drew each pattern of {@link
 * UnitCounts}); the 95% interval is the 2.5th to 97.5th percentile of the resampled values
 * (percentile method, quantiles interpolated as R's type 7). Seeded, so the same table always gives
 * the same intervals.
 */
final class Bootstrap {

  /** SPEC 4.7. */
  static final int RESAMPLES = 1_000;

  private Bootstrap() {}

  /**
   * A seed that differs by project and tag and never by run: {@link String#hashCode} is fixed by
   * the Java specification.
   */
  static long seed(long projectId, String tagName) {
    return projectId * 0x9E3779B97F4A7C15L ^ tagName.hashCode();
  }

  /**
   * One interval per statistic; null for a statistic undefined in more than half of the resamples
   * (its interval would describe other data than the table's).
   */
  static TagStatistics.Interval[] intervals(
      UnitCounts counts, long seed, int resamples, List<Function<int[], Double>> statistics) {
    int units = counts.units;
    int[] patternOf = counts.patternOfUnit;
    double[][] values = new double[statistics.size()][resamples];
    int[] defined = new int[statistics.size()];
    SplittableRandom random = new SplittableRandom(seed);
    int[] times = new int[counts.patterns];
    for (int b = 0; b < resamples && units > 0; b++) {
      Arrays.fill(times, 0);
      draw(random, patternOf, times);
      for (int s = 0; s < statistics.size(); s++) {
        Double value = statistics.get(s).apply(times);
        if (value != null) {
          values[s][defined[s]++] = value;
        }
      }
    }
    TagStatistics.Interval[] intervals = new TagStatistics.Interval[statistics.size()];
    for (int s = 0; s < intervals.length; s++) {
      if (units > 0 && defined[s] * 2 > resamples) {
        double[] sorted = Arrays.copyOf(values[s], defined[s]);
        Arrays.sort(sorted);
        intervals[s] = new TagStatistics.Interval(quantile(sorted, 0.025), quantile(sorted, 0.975));
      }
    }
    return intervals;
  }

  /**
   * Draws as many units as there are, with replacement, counting each one's pattern. Two draws per
   * random long, each mapped onto the units by a multiply and a shift (Lemire): a resample of
   * 100,000 tasks costs 50,000 random numbers and no division. The bias of the mapping, at most
   * units / 2^32, is far below what 1,000 resamples can show.
   */
  private static void draw(SplittableRandom random, int[] patternOf, int[] times) {
    int units = patternOf.length;
    for (int i = 0; i < units; i += 2) {
      long bits = random.nextLong();
      times[patternOf[(int) (((bits >>> 32) * units) >>> 32)]]++;
      if (i + 1 < units) {
        times[patternOf[(int) (((bits & 0xffffffffL) * units) >>> 32)]]++;
      }
    }
  }

  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int below = (int) Math.floor(h);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }
}
